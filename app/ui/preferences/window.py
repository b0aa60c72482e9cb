"""Edit > Preferences: General, Browser, Transfers, S3 defaults, Connection, Prices.

Not modal. OK and Apply check every page first: a value a section refuses is named under the
tabs and nothing is saved. Saving goes to the settings store, whose listeners (open windows,
the transfer service) take the change from there; the transfer limits are emitted as
`limitsChosen` for the Transfers hub to save and apply, as its Limits dialog does, so there is
one place for each value. Values the settings file held that could not be used are listed at
the top.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.preferences.sections import Preferences
from app.core.settings import SettingsStore
from app.core.transfers.limits import TransferLimits
from app.ui.preferences.pages import (
    BrowserPage,
    ConnectionPage,
    GeneralPage,
    S3DefaultsPage,
    TransfersPage,
)
from app.ui.preferences.prices_page import PricesPage


class PreferencesWindow(QDialog):
    limitsChosen = Signal(object)  # TransferLimits
    scheduleRequested = Signal()  # the Limits dialog, for the bandwidth schedule

    def __init__(self, settings: SettingsStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setObjectName("preferencesWindow")
        self.setAccessibleName(self.tr("Preferences"))
        self.setWindowTitle(self.tr("Preferences"))
        self.setModal(False)
        layout = QVBoxLayout(self)
        self.problems_label = QLabel(self)
        self.problems_label.setObjectName("preferencesProblems")
        self.problems_label.setAccessibleName(self.tr("Settings that could not be used"))
        self.problems_label.setWordWrap(True)
        layout.addWidget(self.problems_label)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("preferencesTabs")
        self.tabs.setAccessibleName(self.tr("Preference sections"))
        self.general = GeneralPage(self.tabs)
        self.browser = BrowserPage(self.tabs)
        self.transfers = TransfersPage(self.tabs)
        self.s3 = S3DefaultsPage(self.tabs)
        self.connection = ConnectionPage(self.tabs)
        self.prices = PricesPage(self.tabs)
        for page, title in (
            (self.general, self.tr("&General")),
            (self.browser, self.tr("&Browser")),
            (self.transfers, self.tr("&Transfers")),
            (self.s3, self.tr("S3 &Defaults")),
            (self.connection, self.tr("&Connection")),
            (self.prices, self.tr("&Prices")),
        ):
            self.tabs.addTab(page, title)
        layout.addWidget(self.tabs, 1)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("preferencesError")
        self.error_label.setAccessibleName(self.tr("What is wrong"))
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.hide()
        layout.addWidget(self.error_label)
        Button = QDialogButtonBox.StandardButton
        self.buttons = QDialogButtonBox(
            Button.Ok | Button.Apply | Button.Cancel | Button.RestoreDefaults, self
        )
        self.buttons.setObjectName("preferencesButtons")
        for which, name in (
            (Button.Ok, "preferencesOkButton"),
            (Button.Apply, "preferencesApplyButton"),
            (Button.Cancel, "preferencesCancelButton"),
            (Button.RestoreDefaults, "preferencesDefaultsButton"),
        ):
            button = self.buttons.button(which)
            button.setObjectName(name)
            button.setAccessibleName(button.text().replace("&", ""))
        layout.addWidget(self.buttons)
        self.buttons.clicked.connect(self._clicked)
        self.transfers.scheduleRequested.connect(self.scheduleRequested)
        self._unsubscribe: Callable[[], None] | None = None
        self.show_saved()

    def showEvent(self, event: QShowEvent) -> None:
        if self._unsubscribe is None:  # the schedule, changed in the Limits dialog meanwhile
            self._unsubscribe = self.settings.subscribe_limits(self._limits_changed)
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        super().hideEvent(event)

    def show_saved(self) -> None:
        """Fill every page from the settings as saved now."""
        self.show_preferences(self.settings.preferences())
        self.transfers.show_limits(self.settings.transfer_limits())
        problems = self.settings.problems
        self.problems_label.setText(
            self.tr("Not used from the settings file (the defaults hold):\n")
            + "\n".join(f"• {p}" for p in problems)
            if problems
            else ""
        )
        self.problems_label.setVisible(bool(problems))
        self.error_label.hide()

    def show_preferences(self, preferences: Preferences) -> None:
        self.general.show_section(preferences.general)
        self.browser.show_section(preferences.browser)
        self.transfers.show_section(preferences.transfers)
        self.s3.show_section(preferences.s3)
        self.connection.show_section(preferences.connection)
        self.prices.show_section(preferences.prices)

    def _limits_changed(self, limits: TransferLimits) -> None:
        self.transfers.show_limits(limits)

    def read(self) -> Preferences:
        """The pages' values; ValueError names the first one a section refuses."""
        pages = (self.general, self.browser, self.transfers, self.s3, self.connection, self.prices)
        for page in pages:
            try:
                page.read()
            except ValueError as exc:
                self.tabs.setCurrentWidget(page)
                raise ValueError(
                    f"{self.tabs.tabText(self.tabs.indexOf(page)).replace('&', '')}: {exc}"
                ) from None
        return Preferences(
            self.general.read(),
            self.browser.read(),
            self.transfers.read(),
            self.s3.read(),
            self.connection.read(),
            self.prices.read(),
        )

    def apply(self) -> bool:
        """Save what the pages show; False (and the reason shown) when a value is refused."""
        try:
            preferences = self.read()
        except ValueError as exc:
            self.error_label.setText(str(exc))
            self.error_label.show()
            return False
        self.error_label.hide()
        self.settings.set_preferences(preferences)
        limits = self.transfers.read_limits(self.settings.transfer_limits())
        if limits != self.settings.transfer_limits():
            self.limitsChosen.emit(limits)
        return True

    def _clicked(self, button: QAbstractButton) -> None:
        role = self.buttons.buttonRole(button)
        Role = QDialogButtonBox.ButtonRole
        if role is Role.ApplyRole:
            self.apply()
        elif role is Role.AcceptRole:
            if self.apply():
                self.accept()
        elif role is Role.ResetRole:
            self.show_preferences(Preferences())
        else:
            self.reject()
