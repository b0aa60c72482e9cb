"""The Transfers window's Limits dialog: what it sets reaches the service and the bandwidth
indicators, is saved in the settings, and holds again at the next start."""

from __future__ import annotations

from datetime import datetime, time

import pytest
from PySide6.QtCore import QTime
from PySide6.QtWidgets import QLabel, QPushButton, QToolButton
from pytestqt.qtbot import QtBot

from app.core.transfers.limits import TransferLimits
from app.core.transfers.schedule import WEEKDAYS, BandwidthSchedule, ScheduleRule
from app.core.transfers.service import TransferService
from app.ui.application import WindowSet
from app.ui.main_window import MainWindow
from app.ui.transfers.hub import TransfersHub
from app.ui.transfers.limits_dialog import LimitsDialog
from tests.gui.conftest import Windows, wait_for
from tests.gui.transfers.helpers import MIB

pytestmark = pytest.mark.gui


def _start(qtbot: QtBot, window_set: WindowSet) -> tuple[MainWindow, TransfersHub]:
    browser = window_set.open_empty()
    qtbot.addWidget(browser)
    hub = window_set.transfers
    wait_for(qtbot, lambda: hub.source is not None)
    return browser, hub


def _service(window_set: WindowSet) -> TransferService:
    service = window_set.shared_transfers.service
    assert service is not None
    return service


def _open_dialog(qtbot: QtBot, hub: TransfersHub) -> LimitsDialog:
    hub.show()
    button = hub.window.findChild(QToolButton, "transferLimitsActionButton")
    assert button is not None and button.accessibleName() == "Limits"
    button.click()
    dialog = hub.limits_dialog
    assert dialog is not None
    wait_for(qtbot, dialog.isVisible)
    assert not dialog.isModal()
    return dialog


def _click(dialog: LimitsDialog, name: str) -> None:
    button = dialog.findChild(QPushButton, name)
    assert button is not None, name
    button.click()


def test_a_limit_set_in_the_dialog_holds_now_and_after_a_restart(
    qtbot: QtBot, windows: Windows
) -> None:
    browser, hub = _start(qtbot, windows.window_set)
    indicator = browser.statusBar().findChild(QLabel, "bandwidthIndicator")
    assert indicator is not None and not indicator.isVisible()
    dialog = _open_dialog(qtbot, hub)
    assert dialog.limits() == TransferLimits()  # the defaults: nothing saved yet
    dialog.jobs.setValue(2)
    dialog.connections.setValue(3)
    dialog.upload.setValue(2.0)  # MiB/s
    assert dialog.download.text() == "Unlimited"
    _click(dialog, "limitsOkButton")
    assert not dialog.isVisible()

    expected = TransferLimits(2, 3, 2 * MIB, None)
    service = _service(windows.window_set)
    wait_for(qtbot, lambda: service.limits == expected)
    assert service.bandwidth_in_force() == (2 * MIB, None)
    wait_for(qtbot, indicator.isVisible)
    assert indicator.text() == hub.window.bandwidth_label.text()
    assert indicator.text() == "Bandwidth limited: uploads 2.0 MiB/s"
    assert windows.window_set.settings.transfer_limits() == expected

    # Quit (no transfer runs: nothing is asked) and start again on the same folders.
    browser.close()
    wait_for(qtbot, lambda: windows.window_set.shared_transfers.service is None)
    windows.window_set.settings.flush()
    next_run = windows.window_set = WindowSet()
    browser, hub = _start(qtbot, next_run)
    assert _service(next_run).limits == expected
    assert _service(next_run).bandwidth_in_force() == (2 * MIB, None)
    indicator = browser.statusBar().findChild(QLabel, "bandwidthIndicator")
    assert indicator is not None
    wait_for(qtbot, indicator.isVisible)
    dialog = _open_dialog(qtbot, hub)
    assert dialog.limits() == expected  # the dialog shows what holds

    dialog.upload.setValue(0.0)  # back to unlimited, with Apply: the dialog stays open
    _click(dialog, "limitsApplyButton")
    assert dialog.isVisible()
    wait_for(qtbot, lambda: _service(next_run).bandwidth_in_force() == (None, None))
    wait_for(qtbot, lambda: not indicator.isVisible())


def test_schedule_rows_become_rules_and_are_saved(qtbot: QtBot, windows: Windows) -> None:
    _browser, hub = _start(qtbot, windows.window_set)
    dialog = _open_dialog(qtbot, hub)
    _click(dialog, "addScheduleRuleButton")
    _click(dialog, "addScheduleRuleButton")
    assert dialog.schedule.rowCount() == 2
    first = dialog.rule_widgets(0)
    assert first.days.currentText() == "Weekdays"
    first.upload.setValue(2.0)
    second = dialog.rule_widgets(1)
    second.days.setCurrentText("Sat")
    second.start.setTime(QTime(22, 0))
    second.end.setTime(QTime(6, 30))
    second.download.setValue(0.5)
    dialog.schedule.selectRow(1)
    dialog.schedule.setCurrentCell(1, 0)
    _click(dialog, "limitsApplyButton")

    rules = (
        ScheduleRule(WEEKDAYS, time(8, 0), time(18, 0), 2 * MIB, None),
        ScheduleRule(frozenset({5}), time(22, 0), time(6, 30), None, MIB // 2),
    )
    expected = TransferLimits(schedule=BandwidthSchedule(rules))
    service = _service(windows.window_set)
    wait_for(qtbot, lambda: service.limits == expected)
    assert windows.window_set.settings.transfer_limits() == expected
    monday_9 = datetime(2026, 12, 7, 9, 0)
    sunday_3 = datetime(2026, 12, 13, 3, 0)  # Saturday's rule runs past midnight
    assert service.limits.rates_at(monday_9) == (2 * MIB, None)
    assert service.limits.rates_at(sunday_3) == (None, MIB // 2)

    dialog.close()
    dialog = _open_dialog(qtbot, hub)  # shown again from the saved limits
    assert dialog.limits() == expected
    dialog.schedule.selectRow(0)
    _click(dialog, "removeScheduleRuleButton")
    assert dialog.limits().schedule.rules == rules[1:]
