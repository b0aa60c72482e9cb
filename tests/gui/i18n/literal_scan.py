"""Finds user-visible string literals in app/ui that skip Qt's translation.

A literal with letters, passed straight to a call that shows text (setText, setToolTip,
QLabel(...), QMessageBox.warning(...), addAction, addRow, ...) or to one of app/ui's own helpers
whose parameter is named like text (`text`, `tip`, `accessible`, `title`, `message`, ...), must
be wrapped in `self.tr(...)`/`translate(...)` (app/ui/translation.py). An f-string there is
flagged too: its words cannot be translated (use a `{0}` placeholder and `.format`).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

# Which positional arguments (after self) carry text, by method name.
METHODS: dict[str, tuple[int, ...]] = {
    "setText": (0,),
    "setWindowTitle": (0,),
    "setToolTip": (0,),
    "setStatusTip": (0,),
    "setWhatsThis": (0,),
    "setPlaceholderText": (0,),
    "setAccessibleName": (0,),
    "setAccessibleDescription": (0,),
    "setTitle": (0,),
    "setSubTitle": (0,),
    "addAction": (0, 1),
    "addMenu": (0, 1),
    "setLabelText": (0,),
    "setInformativeText": (0,),
    "setDetailedText": (0,),
    "setTabText": (1,),
    "setTabToolTip": (1,),
    "addTab": (1,),
    "insertTab": (2,),
    "setHeaderLabels": (0,),
    "setHorizontalHeaderLabels": (0,),
    "setVerticalHeaderLabels": (0,),
    "showMessage": (0,),
    "addRow": (0,),
    "insertRow": (1,),
    "setSuffix": (0,),
    "setPrefix": (0,),
    "setSpecialValueText": (0,),
    "addItem": (0, 1),
    "addItems": (0,),
    "setItemText": (1,),
    "addButton": (0,),
    "setButtonText": (1,),
}
# Static calls: the class, then its method's text arguments.
STATIC: dict[str, dict[str, tuple[int, ...]]] = {
    "QMessageBox": {name: (1, 2) for name in ("information", "warning", "critical", "question")},
    "QInputDialog": {name: (1, 2) for name in ("getText", "getInt", "getItem", "getDouble")},
    "QFileDialog": {
        name: (1,)
        for name in (
            "getOpenFileName",
            "getOpenFileNames",
            "getSaveFileName",
            "getExistingDirectory",
        )
    },
}
CONSTRUCTORS: dict[str, tuple[int, ...]] = {
    "QLabel": (0,),
    "QPushButton": (0,),
    "QCheckBox": (0,),
    "QRadioButton": (0,),
    "QGroupBox": (0,),
    "QAction": (0, 1),
    "QMenu": (0,),
    "QToolBar": (0,),
    "QMessageBox": (1, 2),
    "QProgressDialog": (0, 1),
    "QCommandLinkButton": (0, 1),
    "QListWidgetItem": (0,),
    "QStandardItem": (0,),
    "QFileDialog": (1,),
    "UserError": (1, 2),
    "Entry": (1, 3),  # app/ui/window_actions.py's menu entries: text and tooltip
}
KEYWORDS = {
    "text",
    "toolTip",
    "statusTip",
    "windowTitle",
    "placeholderText",
    "accessibleName",
    "accessibleDescription",
    "title",
    "caption",
    "labelText",
    "whatsThis",
}
# app/ui's own helpers: a parameter with one of these names takes user-visible text.
TEXT_PARAMETERS = {
    "text",
    "tip",
    "accessible",
    "title",
    "caption",
    "message",
    "fix",
    "label",
    "placeholder",
    "tooltip",
    "description",
}
TRANSLATING = {"tr", "translate", "N_"}
WORD = re.compile(r"[A-Za-z]{2,}")


@dataclass(frozen=True)
class Finding:
    path: Path
    line: int
    call: str
    text: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.call}({self.text!r})"


def _helpers(tree: ast.AST) -> dict[str, set[tuple[int, ...]]]:
    found: dict[str, set[tuple[int, ...]]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            params = [a.arg for a in node.args.posonlyargs + node.args.args]
            if params and params[0] in ("self", "cls"):
                params = params[1:]
            positions = tuple(i for i, name in enumerate(params) if name in TEXT_PARAMETERS)
            if positions and node.name not in TRANSLATING:
                found.setdefault(node.name, set()).add(positions)
    return found


def _unambiguous(found: dict[str, set[tuple[int, ...]]]) -> dict[str, tuple[int, ...]]:
    return {name: next(iter(ways)) for name, ways in found.items() if len(ways) == 1}


def ui_helpers(root: Path) -> dict[str, tuple[int, ...]]:
    merged: dict[str, set[tuple[int, ...]]] = {}
    for path in root.rglob("*.py"):
        for name, ways in _helpers(ast.parse(path.read_text(encoding="utf-8"))).items():
            merged.setdefault(name, set()).update(ways)
    return _unambiguous(merged)


def _literals(node: ast.expr) -> Iterator[ast.expr]:
    """Literals with words in an argument, through lists, tuples, `+` and `x if c else y`."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        if WORD.search(node.value):
            yield node
    elif isinstance(node, ast.JoinedStr):
        if any(isinstance(v, ast.Constant) and WORD.search(str(v.value)) for v in node.values):
            yield node
    elif isinstance(node, ast.BinOp):
        yield from _literals(node.left)
        yield from _literals(node.right)
    elif isinstance(node, ast.List | ast.Tuple):
        for element in node.elts:
            yield from _literals(element)
    elif isinstance(node, ast.IfExp):
        yield from _literals(node.body)
        yield from _literals(node.orelse)


def _positions(call: ast.Call, helpers: dict[str, tuple[int, ...]]) -> tuple[str, tuple[int, ...]]:
    func = call.func
    if isinstance(func, ast.Attribute):
        name = func.attr
        owner = func.value.id if isinstance(func.value, ast.Name) else ""
        if name in STATIC.get(owner, {}):
            return name, STATIC[owner][name]
        if name in METHODS:
            return name, METHODS[name]
    elif isinstance(func, ast.Name):
        name = func.id
        if name in CONSTRUCTORS:
            return name, CONSTRUCTORS[name]
    else:
        return "", ()
    return name, helpers.get(name, ())


def untranslated(path: Path, helpers: dict[str, tuple[int, ...]]) -> Iterator[Finding]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    helpers = {**helpers, **_unambiguous(_helpers(tree))}
    for call in ast.walk(tree):
        if not isinstance(call, ast.Call):
            continue
        name, positions = _positions(call, helpers)
        arguments = [a for i, a in enumerate(call.args) if i in positions]
        arguments += [
            k.value
            for k in call.keywords
            if k.arg in KEYWORDS or (name in helpers and k.arg in TEXT_PARAMETERS)
        ]
        for argument in arguments:
            for literal in _literals(argument):
                text = literal.value if isinstance(literal, ast.Constant) else ast.unparse(literal)
                yield Finding(path, literal.lineno, name, str(text))
