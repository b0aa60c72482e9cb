"""The bookmark dialog's Advanced part: the bookmark's own transfer, S3-default and
connection settings. Each section is either the Preferences' (unticked: shown greyed, as they
are now) or the bookmark's own (ticked: every value of the section is stored in the bookmark,
but for the encryption, which the dialog's upload encryption box holds). TLS verification can
be switched off here only, with a warning."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QGroupBox, QToolButton, QVBoxLayout, QWidget

from app.core.preferences.overrides import with_overrides
from app.core.preferences.reading import section_to_json
from app.core.preferences.sections import Preferences
from app.ui.preferences.pages import ConnectionPage, S3DefaultsPage, TransfersPage
from app.ui.translation import N_, translate

TITLES = {
    "transfers": N_("Own transfer settings"),
    "s3": N_("Own defaults for new uploads"),
    "connection": N_("Own connection settings"),
}

# Settings a bookmark chooses in the main part of its dialog, never among its overrides: its
# encryption is its upload encryption (app.core.bookmarks.upload_encryption).
CHOSEN_ELSEWHERE = {"s3": ("encryption", "kms_key_id")}


class BookmarkAdvanced(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bookmarkAdvanced")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.toggle = QToolButton(self)
        self.toggle.setObjectName("bookmarkAdvancedToggle")
        self.toggle.setAccessibleName(self.tr("Advanced settings"))
        self.toggle.setText(self.tr("Advanced"))
        self.toggle.setCheckable(True)
        self.toggle.setArrowType(self.toggle.arrowType().RightArrow)
        self.toggle.setToolButtonStyle(self.toggle.toolButtonStyle().ToolButtonTextBesideIcon)
        layout.addWidget(self.toggle)
        self.panel = QWidget(self)
        self.panel.setObjectName("bookmarkAdvancedPanel")
        panel_layout = QVBoxLayout(self.panel)
        panel_layout.setContentsMargins(0, 0, 0, 0)
        self.pages: dict[str, Any] = {
            "transfers": TransfersPage(limits=False),
            "s3": S3DefaultsPage(with_encryption=False),
            "connection": ConnectionPage(for_bookmark=True),
        }
        self.groups: dict[str, QGroupBox] = {}
        for name, page in self.pages.items():
            group = QGroupBox(translate("", TITLES[name]), self.panel)
            group.setObjectName(f"{name}OverrideGroup")
            group.setAccessibleName(translate("", TITLES[name]))
            group.setCheckable(True)
            group.setChecked(False)
            inner = QVBoxLayout(group)
            inner.addWidget(page)
            panel_layout.addWidget(group)
            self.groups[name] = group
        layout.addWidget(self.panel)
        self.panel.hide()
        self.toggle.toggled.connect(self._toggled)
        self._preferences = Preferences()

    def _toggled(self, shown: bool) -> None:
        arrow = self.toggle.arrowType()
        self.toggle.setArrowType(arrow.DownArrow if shown else arrow.RightArrow)
        self.panel.setVisible(shown)

    def show_overrides(self, overrides: dict[str, Any], preferences: Preferences) -> None:
        """Tick the sections the bookmark overrides; every page shows what will apply."""
        self._preferences = preferences
        effective = with_overrides(preferences, overrides)
        for name, page in self.pages.items():
            page.show_section(getattr(effective, name))
            self.groups[name].setChecked(name in overrides)
        if overrides:
            self.toggle.setChecked(True)

    def show_integrity(self, summary: str) -> None:
        """What the automatic checksum means for the bookmark's provider."""
        self.pages["transfers"].show_integrity(summary)

    def overrides(self) -> dict[str, Any]:
        """The ticked sections' values; ValueError names a value a section refuses."""
        chosen: dict[str, Any] = {}
        for name, page in self.pages.items():
            if not self.groups[name].isChecked():
                continue
            try:
                section = page.read()
            except ValueError as exc:
                self.toggle.setChecked(True)
                raise ValueError(f"{translate('', TITLES[name])}: {exc}") from None
            values = section_to_json(section)
            for elsewhere in CHOSEN_ELSEWHERE.get(name, ()):
                values.pop(elsewhere, None)
            chosen[name] = values
        return chosen
