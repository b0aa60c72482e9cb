"""A compiled catalogue for the user's language changes what the window shows (issue 17)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMenu

from app.ui.main_window import MainWindow
from app.ui.translation import english_plural
from app.ui.translator import install_translators
from tests.conftest import connection_for
from tests.fixtures.servers import RunningS3
from tests.gui.conftest import Windows

pytestmark = pytest.mark.gui

FRENCH = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
<context><name>MainWindow</name>
<message><source>&amp;Window</source><translation>&amp;Fenêtre</translation></message>
</context>
<context><name></name>
<message><source>&amp;Upload…</source><translation>&amp;Téléverser…</translation></message>
<message><source>Upload files into this folder</source>
<translation>Téléverser des fichiers dans ce dossier</translation></message>
</context>
</TS>
"""


def lrelease(ts_file: Path) -> Path:
    qm_file = ts_file.with_suffix(".qm")
    tool = Path(sys.executable).parent / "pyside6-lrelease"
    subprocess.run([str(tool), "-silent", str(ts_file), "-qm", str(qm_file)], check=True)
    return qm_file


@pytest.fixture
def installed(qapp: QApplication) -> Iterator[list[QTranslator]]:
    """The translators a test installs, removed after it."""
    translators: list[QTranslator] = []
    yield translators
    for translator in translators:
        qapp.removeTranslator(translator)


def test_a_french_catalogue_translates_the_menus_and_tooltips_of_a_new_window(
    qapp: QApplication,
    windows: Windows,
    seaweed: RunningS3,
    tmp_path: Path,
    installed: list[QTranslator],
) -> None:
    (tmp_path / "eider_fr.ts").write_text(FRENCH, encoding="utf-8")
    catalogue = lrelease(tmp_path / "eider_fr.ts")
    installed += install_translators(qapp, QLocale("fr_FR"), tmp_path)
    assert catalogue in [Path(t.filePath()) for t in installed]
    window: MainWindow = windows.open(connection_for(seaweed))
    window_menu = window.findChild(QMenu, "windowMenu")
    upload = window.findChild(QAction, "uploadAction")
    assert window_menu is not None and upload is not None
    assert window_menu.title() == "&Fenêtre"
    assert upload.text() == "&Téléverser…"
    assert upload.toolTip().startswith("Téléverser des fichiers dans ce dossier")


def test_without_a_catalogue_for_the_language_the_texts_stay_english(
    qapp: QApplication,
    windows: Windows,
    seaweed: RunningS3,
    tmp_path: Path,
    installed: list[QTranslator],
) -> None:
    installed += install_translators(qapp, QLocale("fr_FR"), tmp_path)  # an empty folder
    assert all(Path(t.filePath()).parent != tmp_path for t in installed)
    window: MainWindow = windows.open(connection_for(seaweed))
    window_menu = window.findChild(QMenu, "windowMenu")
    assert window_menu is not None and window_menu.title() == "&Window"


@pytest.mark.parametrize(
    ("count", "shown"), [(1, "This deletes 1 object."), (26, "This deletes 26 objects.")]
)
def test_english_plurals_read_right_without_a_translation(count: int, shown: str) -> None:
    assert english_plural(f"This deletes {count} object(s).", count) == shown
