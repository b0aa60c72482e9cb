"""The lifecycle editor: the bucket's rules in a list, the chosen one in a form.

A rule the model cannot show (`RawRule`) is listed read-only with its JSON and written back
exactly as the server sent it. A rule the user did not touch is sent back as it was read.
"""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.s3.info_section import Feature, Section
from app.core.s3.lifecycle import (
    InvalidLifecycle,
    LifecycleConfiguration,
    LifecycleRule,
    RawRule,
    Rule,
    configuration_problems,
    put_lifecycle,
    read_lifecycle,
    with_rules,
)
from app.core.s3.session import S3Session
from app.ui.info.bucket.lifecycle_rule_editor import LIFECYCLE_CLASSES, LifecycleRuleEditor
from app.ui.info.bucket.section_tab import SectionTab, message_label, named
from app.ui.translation import N_, translate

_RAW_NOTE = N_(
    "Eider's editor cannot show this rule's shape (for example a legacy rule-level prefix or "
    "an element it does not know). It is kept exactly as it is when you save the other rules."
)


def rule_title(rule: Rule) -> str:
    if isinstance(rule, RawRule):
        no_id = translate("LifecycleTab", "(no ID)")
        return translate("LifecycleTab", "{0} (read-only)").format(rule.id or no_id)
    if not rule.enabled:
        return translate("LifecycleTab", "{0} (disabled)").format(
            rule.id or translate("LifecycleTab", "(no ID)")
        )
    return rule.id or translate("LifecycleTab", "(no ID)")


class LifecycleTab(SectionTab[LifecycleConfiguration, LifecycleConfiguration]):
    title = N_("Lifecycle")
    operation = "PutBucketLifecycleConfiguration"
    feature = Feature.LIFECYCLE

    def __init__(
        self, *args: object, storage_classes: tuple[str, ...] = LIFECYCLE_CLASSES, **kwargs: object
    ) -> None:
        self._storage_classes = storage_classes
        self.rules: list[Rule] = []
        self._current = -1
        self._dirty = False
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def build(self, editor: QWidget) -> None:
        layout = QVBoxLayout(editor)
        layout.setContentsMargins(0, 0, 0, 0)
        splitter = QSplitter(editor)
        left = QWidget(splitter)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.rule_list = named(QListWidget(left), "lifecycleRules", self.tr("Lifecycle rules"))
        left_layout.addWidget(self.rule_list, 1)
        buttons = QHBoxLayout()
        self.add_button = named(
            QPushButton(self.tr("&Add Rule"), left), "lifecycleAddRule", self.tr("Add rule")
        )
        self.remove_button = named(
            QPushButton(self.tr("&Remove Rule"), left),
            "lifecycleRemoveRule",
            self.tr("Remove the selected rule"),
        )
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        left_layout.addLayout(buttons)

        self.pages = QStackedWidget(splitter)
        self.empty_label = message_label(self.pages, "lifecycleNoRule", self.tr("No rule chosen"))
        self.empty_label.setText(
            self.tr("No lifecycle rules. Add one to expire or move objects over time.")
        )
        self.rule_editor = LifecycleRuleEditor(self.pages, self._storage_classes)
        self.rule_editor.changed.connect(self._mark_dirty)
        scroll = QScrollArea(self.pages)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.rule_editor)
        raw_page = QWidget(self.pages)
        raw_layout = QVBoxLayout(raw_page)
        raw_note = message_label(
            raw_page, "lifecycleRawNote", self.tr("Why this rule is read-only")
        )
        raw_note.setText(translate("", _RAW_NOTE))
        self.raw_view = named(
            QPlainTextEdit(raw_page), "lifecycleRawRule", self.tr("Read-only lifecycle rule")
        )
        self.raw_view.setReadOnly(True)
        raw_layout.addWidget(raw_note)
        raw_layout.addWidget(self.raw_view, 1)
        for page in (self.empty_label, scroll, raw_page):
            self.pages.addWidget(page)
        self._scroll, self._raw_page = scroll, raw_page
        splitter.addWidget(left)
        splitter.addWidget(self.pages)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([170, 600])  # the list keeps its width; the form takes the rest
        layout.addWidget(splitter, 1)
        self.summary = QLabel(editor)
        self.summary.setObjectName("lifecycleSummary")
        layout.addWidget(self.summary)

        self.rule_list.currentRowChanged.connect(self._choose)
        self.add_button.clicked.connect(self.add_rule)
        self.remove_button.clicked.connect(self.remove_rule)

    # -- the working copy ------------------------------------------------------------------

    def _mark_dirty(self) -> None:
        self._dirty = True

    def _commit_current(self) -> None:
        """Put the form's edits into the working copy (only if the form was touched)."""
        if self._current < 0 or not self._dirty:
            return
        self.rules[self._current] = self.rule_editor.rule()
        self._dirty = False
        item = self.rule_list.item(self._current)
        if item is not None:
            item.setText(rule_title(self.rules[self._current]))

    def _choose(self, row: int) -> None:
        if row == self._current:
            return
        try:
            self._commit_current()
        except ValueError as exc:  # an unreadable number or date: stay on the rule
            self.show_problem(str(exc))
            self.rule_list.blockSignals(True)
            self.rule_list.setCurrentRow(self._current)
            self.rule_list.blockSignals(False)
            return
        self._current = row
        self._show_current()

    def _show_current(self) -> None:
        row = self._current
        rule = self.rules[row] if 0 <= row < len(self.rules) else None
        self.remove_button.setEnabled(rule is not None)
        if rule is None:
            self.pages.setCurrentWidget(self.empty_label)
        elif isinstance(rule, RawRule):
            self.raw_view.setPlainText(json.dumps(dict(rule.data), indent=2, default=str))
            self.pages.setCurrentWidget(self._raw_page)
        else:
            self.rule_editor.show_rule(rule)
            self.pages.setCurrentWidget(self._scroll)
        self._dirty = False
        self.summary.setText(self.tr("%n rule(s)", "", len(self.rules)))

    def _refill(self, select: int) -> None:
        self.rule_list.blockSignals(True)
        self.rule_list.clear()
        self.rule_list.addItems([rule_title(r) for r in self.rules])
        self.rule_list.setCurrentRow(select)
        self.rule_list.blockSignals(False)
        self._current = select if self.rules else -1
        self._show_current()

    def add_rule(self) -> None:
        try:
            self._commit_current()
        except ValueError as exc:
            self.show_problem(str(exc))
            return
        taken = {r.id for r in self.rules}
        number = len(self.rules) + 1
        while f"rule-{number}" in taken:
            number += 1
        self.rules.append(LifecycleRule(id=f"rule-{number}"))
        self._refill(len(self.rules) - 1)
        self._dirty = True  # a new rule is an edit even before its form is touched

    def remove_rule(self) -> None:
        row = self._current
        if not 0 <= row < len(self.rules):
            return
        del self.rules[row]
        self._dirty = False
        self._refill(min(row, len(self.rules) - 1))

    # -- SectionTab ------------------------------------------------------------------------

    def read(
        self, session: S3Session, bucket: str, unsupported: frozenset[Feature]
    ) -> Section[LifecycleConfiguration]:
        return read_lifecycle(session, bucket, unsupported)

    def show_value(self, value: LifecycleConfiguration | None) -> None:
        self.rules = list(value.rules) if value else []
        self._dirty = False
        self._refill(0 if self.rules else -1)

    def collect(self) -> LifecycleConfiguration:
        self._commit_current()
        config = with_rules(self.section.value if self.section else None, self.rules)
        problems = configuration_problems(config)
        if problems:
            raise InvalidLifecycle(problems)
        return config

    def write(self, session: S3Session, bucket: str, payload: LifecycleConfiguration) -> None:
        put_lifecycle(session, bucket, payload)
