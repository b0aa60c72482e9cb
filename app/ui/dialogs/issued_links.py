"""The list of pre-signed URLs Eider issued, with their expiry (the URLs themselves are not
kept: they are bearer secrets)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.s3.issued_links import IssuedLink
from app.ui.translation import N_, translate

COLUMNS = (N_("Object"), N_("Allows"), N_("Issued"), N_("Expires"), N_("Status"), N_("Connection"))


class IssuedLinksDialog(QDialog):
    def __init__(self, parent: QWidget | None, links: Sequence[IssuedLink]) -> None:
        super().__init__(parent)
        self.setObjectName("issuedLinksDialog")
        self.setAccessibleName(self.tr("Issued links"))
        self.setWindowTitle(self.tr("Issued Links"))
        self.resize(760, 320)
        layout = QVBoxLayout(self)
        self.table = QTableWidget(len(links), len(COLUMNS), self)
        self.table.setObjectName("issuedLinksTable")
        self.table.setAccessibleName(self.tr("Links Eider issued"))
        self.table.setHorizontalHeaderLabels([translate("", c) for c in COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        now = datetime.now(UTC)
        for row, link in enumerate(reversed(links)):  # newest first
            cells = (
                f"s3://{link.bucket}/{link.key}",
                self.tr("Download") if link.method == "GET" else self.tr("Upload"),
                link.created.astimezone().strftime("%Y-%m-%d %H:%M"),
                link.expires.astimezone().strftime("%Y-%m-%d %H:%M"),
                "valid" if link.is_live(now) else "expired",
                link.connection,
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.setObjectName("issuedLinksButtons")
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setObjectName("closeButton")
        close.setAccessibleName(self.tr("Close"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def rows(self) -> list[list[str]]:
        return [
            [self.table.item(r, c).text() for c in range(self.table.columnCount())]
            for r in range(self.table.rowCount())
        ]
