"""The Transcript window: the requests sent, filtered by bucket or status, copied or saved."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.atomic_file import write_atomically
from app.core.errors import UserError
from app.core.s3.transcript import Transcript, process_transcript
from app.ui.async_bridge import AsyncBridge
from app.ui.transcript.transcript_model import KEY, TranscriptFilter, TranscriptModel


class TranscriptWindow(QWidget):
    saved = Signal(str)  # the file written

    def __init__(self, transcript: Transcript | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("transcriptWindow")
        self.setAccessibleName(self.tr("Transcript of requests"))
        self.setWindowTitle(self.tr("Transcript — Eider"))
        self.resize(980, 480)
        self._bridge = AsyncBridge(self._show_error, max_workers=1)
        self.model = TranscriptModel(transcript or process_transcript(), parent=self)
        self.proxy = TranscriptFilter(self)
        self.proxy.setSourceModel(self.model)

        self.bucket_filter = self._filter_box(
            "transcriptBucketFilter", self.tr("Bucket"), self.tr("bucket")
        )
        self.status_filter = self._filter_box(
            "transcriptStatusFilter", self.tr("Status"), self.tr("status (4, 404)")
        )
        self.copy_button = self._button(
            "transcriptCopyButton", self.tr("Copy"), self.tr("Copy the lines shown")
        )
        self.save_button = self._button(
            "transcriptSaveButton", self.tr("Save…"), self.tr("Save the lines shown")
        )
        self.clear_button = self._button(
            "transcriptClearButton", self.tr("Clear"), self.tr("Forget the lines")
        )
        self.message = QLabel(self)
        self.message.setObjectName("transcriptMessage")

        self.table = QTableView(self)
        self.table.setObjectName("transcriptTable")
        self.table.setAccessibleName(self.tr("Requests"))
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(KEY, QHeaderView.ResizeMode.Stretch)

        bar = QHBoxLayout()
        for label, box in (
            (self.tr("Bucket:"), self.bucket_filter),
            (self.tr("Status:"), self.status_filter),
        ):
            text = QLabel(label, self)
            text.setBuddy(box)
            bar.addWidget(text)
            bar.addWidget(box)
        bar.addStretch(1)
        for button in (self.copy_button, self.save_button, self.clear_button):
            bar.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table)
        layout.addWidget(self.message)

        copy_action = QAction(self.tr("Copy"), self)
        copy_action.setShortcut(QKeySequence.StandardKey.Copy)
        copy_action.triggered.connect(self.copy)
        self.addAction(copy_action)
        self._connect_signals()

    def _filter_box(self, name: str, accessible: str, placeholder: str) -> QLineEdit:
        box = QLineEdit(self)
        box.setObjectName(name)
        box.setAccessibleName(self.tr("Filter by {0}").format(accessible.lower()))
        box.setPlaceholderText(placeholder)
        box.setClearButtonEnabled(True)
        return box

    def _button(self, name: str, text: str, tip: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAccessibleName(tip)
        button.setToolTip(tip)
        return button

    def _connect_signals(self) -> None:
        self.bucket_filter.textChanged.connect(self.proxy.set_bucket)
        self.status_filter.textChanged.connect(self.proxy.set_status)
        self.copy_button.clicked.connect(self.copy)
        self.save_button.clicked.connect(self._ask_where_to_save)
        self.clear_button.clicked.connect(self.model.clear)

    def text(self) -> str:
        """The lines shown (selected ones only, if any are selected), one per line."""
        lines = self.proxy.lines()
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        if rows:
            lines = [lines[r] for r in rows]
        return "".join(line.text() + "\n" for line in lines)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text())
        self.message.setText(self.tr("Copied."))

    def _ask_where_to_save(self) -> None:
        dialog = QFileDialog(
            self, self.tr("Save Transcript"), str(Path.home() / "eider-transcript.txt")
        )
        dialog.setObjectName("transcriptSaveDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.fileSelected.connect(self.save_to)
        dialog.open()

    def save_to(self, path: str) -> None:
        text = self.text()

        async def save() -> None:
            await self._bridge.run(write_atomically, Path(path), text)
            self.message.setText(self.tr("Saved to {0}.").format(path))
            self.saved.emit(path)

        self._bridge.spawn(save(), f"saving the transcript to {path}")

    def _show_error(self, error: UserError) -> None:
        self.message.setText(f"{error.message} {error.fix}".strip())

    def closeEvent(self, event: QCloseEvent) -> None:
        self.model.stop()
        self._bridge.shutdown()
        super().closeEvent(event)
