"""Archive Restores: the restores the tracker follows, their state, and a download once ready.

The tracker (`app.core.s3.restore_tracker`) tells its listeners on its poller thread; the
dialog re-emits that as a signal, which Qt queues to the GUI thread. "Check now" polls through
the window's `AsyncBridge`; "Download…" emits `downloadRequested(restore)` for the window to
start the download; "Remove" stops following a restore (the server's copy is not touched).
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.s3.archive_restore import RestoreState
from app.core.s3.restore_tracker import RestoreTracker, TrackedRestore
from app.ui.async_bridge import AsyncBridge
from app.ui.translation import N_, translate

STATE_WORDS = {
    RestoreState.ONGOING: N_("Restoring…"),
    RestoreState.READY: N_("Ready"),
    RestoreState.NOT_REQUESTED: N_("Expired or cancelled"),
    RestoreState.NOT_ARCHIVED: N_("Not archived (readable)"),
}
COLUMNS = (N_("Object"), N_("Tier"), N_("Days"), N_("State"), N_("Until / next check"))


class RestoreTrackerDialog(QDialog):
    downloadRequested = Signal(object)  # TrackedRestore
    _changed = Signal(object)  # from the tracker's thread; queued to the GUI thread

    def __init__(
        self, parent: QWidget | None, bridge: AsyncBridge, tracker: RestoreTracker
    ) -> None:
        super().__init__(parent)
        self._bridge, self._tracker = bridge, tracker
        self._rows: list[TrackedRestore] = []
        self.setObjectName("restoreTrackerDialog")
        self.setAccessibleName(self.tr("Archive restores"))
        self.setWindowTitle(self.tr("Archive Restores"))
        layout = QVBoxLayout(self)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setObjectName("restoreTrackerTable")
        self.table.setAccessibleName(self.tr("Requested archive restores"))
        self.table.setHorizontalHeaderLabels([translate("", c) for c in COLUMNS])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.setObjectName("restoreTrackerButtons")
        self.check_button = self._button(buttons, self.tr("&Check now"), "restoreCheckButton")
        self.download_button = self._button(buttons, self.tr("&Download…"), "restoreDownloadButton")
        self.remove_button = self._button(buttons, self.tr("&Remove"), "restoreRemoveButton")
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setObjectName("closeButton")
        close.setAccessibleName(self.tr("Close"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.table.itemSelectionChanged.connect(self._enable)
        self.check_button.clicked.connect(self._check)
        self.download_button.clicked.connect(self._download)
        self.remove_button.clicked.connect(self._remove)
        self._changed.connect(lambda _restore: self.refresh())
        self._unsubscribe = tracker.subscribe(self._changed.emit)
        self.finished.connect(lambda _result: self._unsubscribe())
        self.refresh()
        self.resize(720, 320)

    def _button(self, box: QDialogButtonBox, text: str, name: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAccessibleName(text.replace("&", "").rstrip("…"))
        box.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        return button

    def selected(self) -> TrackedRestore | None:
        rows = self.table.selectionModel().selectedRows()
        return self._rows[rows[0].row()] if rows else None

    def refresh(self) -> None:
        chosen = self.selected()
        self._rows = self._tracker.restores()
        self.table.setRowCount(len(self._rows))
        for row, restore in enumerate(self._rows):
            state = translate("", STATE_WORDS[restore.state])
            if restore.error:
                state += self.tr(" — last check failed: {0}").format(restore.error)
            texts = (
                f"s3://{restore.bucket}/{restore.key}",
                restore.tier.value,
                str(restore.days),
                state,
                _when(restore),
            )
            for column, text in enumerate(texts):
                self.table.setItem(row, column, QTableWidgetItem(text))
            if chosen is not None and restore.id == chosen.id:
                self.table.selectRow(row)
        self._enable()

    def _enable(self) -> None:
        chosen = self.selected()
        self.check_button.setEnabled(chosen is not None and not chosen.finished)
        self.download_button.setEnabled(chosen is not None and chosen.state is RestoreState.READY)
        self.remove_button.setEnabled(chosen is not None)

    def _check(self) -> None:
        chosen = self.selected()
        if chosen is not None:
            self._bridge.spawn(
                self._bridge.run(self._tracker.poll, chosen.id), "HeadObject", chosen.bucket
            )

    def _download(self) -> None:
        chosen = self.selected()
        if chosen is not None and chosen.state is RestoreState.READY:
            self.downloadRequested.emit(chosen)

    def _remove(self) -> None:
        chosen = self.selected()
        if chosen is not None:
            self.remove_button.setEnabled(False)
            self._bridge.spawn(self._forget(chosen.id), "Remove the restore")

    async def _forget(self, restore_id: str) -> None:
        await self._bridge.run(self._tracker.forget, restore_id)  # rewrites the list on disk
        self.refresh()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._unsubscribe()
        super().closeEvent(event)


def _when(restore: TrackedRestore) -> str:
    if restore.state is RestoreState.READY and restore.expiry:
        return datetime.fromisoformat(restore.expiry).astimezone().strftime("%Y-%m-%d %H:%M")
    if not restore.finished:
        return datetime.fromtimestamp(restore.next_poll).strftime("%Y-%m-%d %H:%M:%S")
    return ""
