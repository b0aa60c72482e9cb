"""The translator for the user's language, installed at start when Eider ships one.

Compiled catalogues are `resources/translations/eider_<locale>.qm` (made from the `.ts` files
with `pyside6-lrelease`); Qt's own `qtbase_<locale>.qm` translates the standard buttons.
A language without a catalogue leaves the English texts.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from app.core.resources import translations_dir


def install_translators(
    app: QCoreApplication, locale: QLocale | None = None, directory: Path | None = None
) -> list[QTranslator]:
    """Installs and returns the translators found for `locale` (the system's by default);
    they are children of `app`, so they live as long as it."""
    locale = locale if locale is not None else QLocale.system()
    found = []
    for name, folder in (
        ("eider", str(directory if directory is not None else translations_dir())),
        ("qtbase", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
    ):
        translator = QTranslator(app)
        if translator.load(locale, name, "_", folder) and app.installTranslator(translator):
            found.append(translator)
        else:
            translator.deleteLater()
    return found
