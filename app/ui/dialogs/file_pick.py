"""File dialogs for Upload… and Download…, opened without a nested event loop.

Each function opens a non-modal-blocking QFileDialog (`open()`) and calls `done` with the
choice; a cancelled dialog calls nothing. Tests replace these functions.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFileDialog, QWidget

from app.ui.translation import translate


def choose_files_to_upload(parent: QWidget, done: Callable[[list[str]], None]) -> None:
    dialog = QFileDialog(parent, translate("FilePick", "Upload Files"))
    dialog.setObjectName("uploadFileDialog")
    dialog.setAccessibleName(translate("FilePick", "Choose files to upload"))
    dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
    dialog.filesSelected.connect(lambda files: done(list(files)))
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()


def choose_folder_to_upload(parent: QWidget, done: Callable[[list[str]], None]) -> None:
    dialog = QFileDialog(parent, translate("FilePick", "Upload Folder"))
    dialog.setObjectName("uploadFolderDialog")
    dialog.setAccessibleName(translate("FilePick", "Choose a folder to upload"))
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    dialog.fileSelected.connect(lambda folder: done([folder]))
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()


def choose_download_folder(parent: QWidget, done: Callable[[str], None]) -> None:
    dialog = QFileDialog(parent, translate("FilePick", "Download To"))
    dialog.setObjectName("downloadFolderDialog")
    dialog.setAccessibleName(translate("FilePick", "Choose the folder to download into"))
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    dialog.fileSelected.connect(done)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
