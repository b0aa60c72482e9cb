"""Every user-visible string of the UI goes through Qt's translation.

Inside a QObject subclass: `self.tr("Delete the bookmark?")`. Elsewhere (module functions,
plain classes): `translate("Context", "text")`. In a table built at import, `N_("text")` marks
the text and `translate("", text)` translates it where it is shown.
`pyside6-lupdate` extracts all three (`packaging/update_translations.sh` writes the template,
resources/translations/eider.ts). Values go in as `{0}`/`{name}` placeholders filled by
`.format()` after translating, never by joining translated fragments; counts use Qt's plural
form, `self.tr("%n file(s)", "", count)`, passed through `english_plural` where the English
text must read "1 file", "2 files" with no translation loaded. Messages from `app/core/errors`
stay English.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

_PLURAL_S = re.compile(r"(\w+)\(s\)")


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    return QCoreApplication.translate(context, text, disambiguation, n)


def english_plural(text: str, n: int) -> str:
    """`word(s)` as `word` or `words` by `n`: the English plural of a `%n` message that no
    translation gave its forms (a translation's own forms carry no `(s)`)."""
    return _PLURAL_S.sub(r"\1" if n == 1 else r"\1s", text)


def N_(text: str) -> str:  # gettext's name for it
    """Marks a text in a table built at import for the template (lupdate reads `N_` as
    `QT_TR_NOOP`, in the empty context); `translate("", text)` shows it."""
    return text
