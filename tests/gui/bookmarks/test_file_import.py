"""Import profiles and .duck bookmarks by drop, by File > Import and from the command line."""

from __future__ import annotations

import base64
import json
import plistlib
from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QImage
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from app.core.bookmarks import BookmarkStore
from app.core.profiles.catalogue import user_profiles, user_profiles_dir
from app.ui.bookmarks import file_import
from app.ui.bookmarks.file_import import (
    import_files_from_command_line,
    importable_arguments,
    make_import_profile_action,
)
from app.ui.bookmarks.list_model import BOOKMARK_ID_ROLE
from app.ui.bookmarks.sidebar import BookmarksSidebar
from app.ui.dialogs.bookmark_dialog import BookmarkDialog
from tests.fixtures.profile_files import XML_DECL, write_profile
from tests.gui.bookmarks.conftest import WAIT_MS, stored_text

pytestmark = pytest.mark.gui

ACME_BODY = """
  <key>Protocol</key><string>s3</string>
  <key>Vendor</key><string>acme-storage</string>
  <key>Description</key><string>Acme Object Storage</string>
  <key>Default Hostname</key><string>s3.acme.example</string>
  <key>Username Placeholder</key><string>Acme key</string>
"""


def png_base64() -> str:
    image = QImage(16, 16, QImage.Format.Format_ARGB32)
    image.fill(QColor("teal"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return base64.b64encode(bytes(data.data())).decode()


def drop_files(target: QWidget, paths: list[Path]) -> None:
    """What the window system delivers when files are dropped: an enter, then the drop."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    enter = QDragEnterEvent(
        QPoint(5, 5),  # PySide6 6.11 takes only a QPoint here (6.12 also a QPointF)
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(target, enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        QPointF(5, 5),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(target, drop)
    assert drop.isAccepted()


def test_dropping_a_profile_imports_it(
    qtbot: QtBot, sidebar: BookmarksSidebar, tmp_path: Path
) -> None:
    path = write_profile(tmp_path, ACME_BODY, name="Acme.cyberduckprofile")
    with qtbot.waitSignal(sidebar.importFinished, timeout=WAIT_MS) as signal:
        drop_files(sidebar.view.viewport(), [path])
    [outcome] = signal.args[0]
    assert outcome.ok
    assert "Acme Object Storage" in sidebar.banner.text
    assert sidebar.banner.property("error") is False
    assert [e.profile.vendor for e in user_profiles()] == ["acme-storage"]
    assert (user_profiles_dir() / "Acme.cyberduckprofile").read_bytes() == path.read_bytes()

    # The new profile is offered by the editor, with its own placeholder.
    dialog = sidebar.add()
    dialog.select_profile("acme-storage")
    assert dialog.username_edit.placeholderText() == "Acme key"
    assert dialog.host_edit.placeholderText() == "s3.acme.example"
    dialog.reject()


def test_a_hostile_profile_dropped_shows_the_specific_error(
    qtbot: QtBot, sidebar: BookmarksSidebar, tmp_path: Path
) -> None:
    prolog = XML_DECL + '<!DOCTYPE plist [<!ENTITY lol "lol">]>\n'
    path = write_profile(tmp_path, ACME_BODY, name="Evil.cyberduckprofile", prolog=prolog)
    with qtbot.waitSignal(sidebar.importFinished, timeout=WAIT_MS):
        drop_files(sidebar, [path])
    assert sidebar.banner.property("error") is True
    assert (
        sidebar.banner.text
        == "Evil.cyberduckprofile: XML entity declarations are not allowed in a profile"
    )
    assert "Traceback" not in sidebar.banner.text
    assert user_profiles() == []


def test_an_unsupported_protocol_and_a_duplicate_are_reported_per_file(
    qtbot: QtBot, sidebar: BookmarksSidebar, tmp_path: Path
) -> None:
    sftp = write_profile(
        tmp_path,
        "<key>Protocol</key><string>sftp</string><key>Vendor</key><string>x</string>",
        name="Sftp.profile",
    )
    first = write_profile(tmp_path, ACME_BODY, name="Acme.cyberduckprofile")
    again = tmp_path / "copy"
    again.mkdir()
    second = write_profile(again, ACME_BODY, name="Acme again.cyberduckprofile")
    with qtbot.waitSignal(sidebar.importFinished, timeout=WAIT_MS) as signal:
        drop_files(sidebar, [sftp, first, second])
    outcomes = signal.args[0]
    assert [o.ok for o in outcomes] == [False, True, False]
    assert "protocol sftp is not supported by Eider" in outcomes[0].message
    assert "already imported" in outcomes[2].message
    assert outcomes[2].already_imported
    assert sidebar.banner.property("error") is True
    assert sidebar.banner.text.count("\n") == 2  # one line per file

    # The banner offers to replace the imported profile with the newer file.
    assert sidebar.banner.action_button.isVisible()
    assert sidebar.banner.action_button.text() == "Replace"
    with qtbot.waitSignal(sidebar.importFinished, timeout=WAIT_MS) as signal:
        qtbot.mouseClick(sidebar.banner.action_button, Qt.MouseButton.LeftButton)
    [replaced] = signal.args[0]
    assert replaced.ok
    assert replaced.message == "Updated the profile 'Acme Object Storage'."
    assert [e.path.name for e in user_profiles()] == ["Acme again.cyberduckprofile"]
    assert not sidebar.banner.action_button.isVisible()


def test_dropping_a_duck_file_adds_the_bookmark(
    qtbot: QtBot, sidebar: BookmarksSidebar, store: BookmarkStore, tmp_path: Path
) -> None:
    duck = tmp_path / "Media.duck"
    duck.write_bytes(
        plistlib.dumps(
            {
                "Protocol": "s3",
                "Provider": "seaweedfs",
                "Nickname": "Media",
                "UUID": "0f6c1b52-7a41-4c55-9f0e-5d0a7c2c1e11",
                "Hostname": "media.example.test",
                "Username": "AKIDMEDIA",
            }
        )
    )
    with qtbot.waitSignal(sidebar.importFinished, timeout=WAIT_MS):
        drop_files(sidebar.view.viewport(), [duck])
    [entry] = json.loads(stored_text(store))["bookmarks"]
    assert entry["nickname"] == "Media"
    assert entry["profile"] == "seaweedfs"
    assert entry["access_key_id"] == "AKIDMEDIA"
    assert sidebar.selected_id() == "0f6c1b52-7a41-4c55-9f0e-5d0a7c2c1e11"

    with qtbot.waitSignal(sidebar.importFinished, timeout=WAIT_MS) as signal:
        drop_files(sidebar, [duck])  # the same bookmark again
    assert "already in your bookmarks" in signal.args[0][0].message
    assert len(store.list()) == 1


def test_a_drop_of_other_files_is_not_taken(sidebar: BookmarksSidebar, tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("hello", encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(text))])
    enter = QDragEnterEvent(
        QPoint(5, 5),  # PySide6 6.11 takes only a QPoint here (6.12 also a QPointF)
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    enter.setAccepted(False)
    QApplication.sendEvent(sidebar, enter)
    assert not enter.isAccepted()


def test_menu_action_imports_the_chosen_files(
    qtbot: QtBot, sidebar: BookmarksSidebar, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_profile(tmp_path, ACME_BODY, name="Acme.profile")
    asked: list[QWidget | None] = []

    def choose(parent: QWidget | None) -> list[Path]:
        asked.append(parent)
        return [path]

    # Our Python wrapper around QFileDialog.getOpenFileNames, not a Qt method.
    monkeypatch.setattr(file_import, "choose_import_files", choose)
    action = make_import_profile_action(sidebar, sidebar.import_files)
    assert action.objectName() == "importProfileAction"
    with qtbot.waitSignal(sidebar.importFinished, timeout=WAIT_MS):
        action.trigger()
    assert asked == [sidebar]
    assert [e.profile.vendor for e in user_profiles()] == ["acme-storage"]
    assert (user_profiles_dir() / "Acme.cyberduckprofile").exists()


def test_menu_action_cancelled_imports_nothing(
    qtbot: QtBot, sidebar: BookmarksSidebar, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(file_import, "choose_import_files", lambda parent: [])
    make_import_profile_action(sidebar, sidebar.import_files).trigger()
    assert sidebar.importer.pending == 0
    assert not sidebar.banner.isVisible()


def test_command_line_files_are_imported_and_reported(
    qtbot: QtBot, sidebar: BookmarksSidebar, tmp_path: Path
) -> None:
    path = write_profile(tmp_path, ACME_BODY, name="Acme.cyberduckprofile")
    arguments = ["--debug", str(path), "bucket/prefix", str(tmp_path / "missing.duck")]
    files = importable_arguments(arguments)
    assert files == [path, tmp_path / "missing.duck"]
    with qtbot.waitSignal(sidebar.importFinished, timeout=WAIT_MS) as signal:
        import_files_from_command_line(files, sidebar.importer)
    ok, missing = signal.args[0]
    assert ok.ok
    assert not missing.ok
    assert "missing.duck" in missing.message
    assert "Acme Object Storage" in sidebar.banner.text


def test_profile_icons_show_in_the_chooser_and_the_list(
    qtbot: QtBot, sidebar: BookmarksSidebar, store: BookmarkStore, tmp_path: Path
) -> None:
    with_png = ACME_BODY + f"<key>Disk</key><string>{png_base64()}</string>"
    broken = ACME_BODY.replace("acme-storage", "acme-tiff").replace("Acme Object", "Tiff")
    # A TIFF header with nothing after it: no image plugin can load it, so no icon.
    tiff_header_only = base64.b64encode(b"II*\x00" + bytes(8)).decode()
    broken += f"<key>Disk</key><string>{tiff_header_only}</string>"
    with qtbot.waitSignal(sidebar.importFinished, timeout=WAIT_MS):
        sidebar.import_files(
            [
                write_profile(tmp_path, with_png, name="Acme.cyberduckprofile"),
                write_profile(tmp_path, broken, name="Tiff.cyberduckprofile"),
            ]
        )
    dialog = BookmarkDialog(sidebar.model)
    qtbot.addWidget(dialog)
    dialog.select_profile("acme-storage")
    assert not dialog.profile_combo.itemIcon(dialog.profile_combo.currentIndex()).isNull()
    dialog.select_profile("acme-tiff")
    assert dialog.profile_combo.itemIcon(dialog.profile_combo.currentIndex()).isNull()

    dialog.nickname_edit.setText("Acme")
    assert dialog.save_secret_check.isChecked()
    dialog.select_profile("acme-storage")
    with qtbot.waitSignal(dialog.saved, timeout=WAIT_MS):
        dialog.save()
    index = sidebar.model.index(0)
    assert index.data(BOOKMARK_ID_ROLE) == store.list()[0].id
    assert not index.data(Qt.ItemDataRole.DecorationRole).isNull()
