"""Preferences, Prices: a price edited there changes the estimate the Synchronize window shows;
an unset price makes it unknown; a built-in table chosen in the window still applies."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QAbstractButton
from pytestqt.qtbot import QtBot

from app.core.s3.session import S3Session
from app.core.s3.transcript import Transcript
from app.core.transfers.request_prices import AWS_S3_STANDARD
from app.core.transfers.sync_plan import Direction
from app.ui.sync.sync_window import DIRECTIONS, PREFERRED
from tests.conftest import connection_for
from tests.fixtures.servers import RunningS3
from tests.gui.conftest import Windows, wait_for
from tests.gui.sync.test_sync_window import _compare


def test_an_edited_price_changes_the_estimate_shown(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3, bucket: str, tmp_path: Path
) -> None:
    folder = tmp_path / "up"
    folder.mkdir()
    (folder / "a.txt").write_bytes(b"a")
    (folder / "b.txt").write_bytes(b"b")
    transcript = Transcript()
    connection = connection_for(seaweed)
    main = windows.open(lambda: S3Session(connection, transcript=transcript))
    wait_for(qtbot, lambda: transcript.counts()["ListBuckets"] == 1)

    main.preferences_action.trigger()
    preferences = windows.window_set.show_preferences()
    page = preferences.prices
    assert page.provider.text() == AWS_S3_STANDARD.name
    assert page.prices["list_put_copy"].text() == "0.005"
    page.provider.setText("Dear cloud")
    page.prices["list_put_copy"].setText("1000")
    apply = preferences.findChild(QAbstractButton, "preferencesApplyButton")
    assert apply is not None
    apply.click()
    assert main.settings.preferences().prices.list_put_copy == 1000.0

    main.sync_action.trigger()
    sync = main.sync_window
    assert sync is not None
    qtbot.addWidget(sync)
    assert sync.price_combo.currentData() == PREFERRED
    upload = next(i for i, d in enumerate(DIRECTIONS) if d[1] is Direction.UPLOAD)
    _compare(qtbot, sync, folder, f"s3://{bucket}/p/", upload)
    # one LIST page and two PUTs at $1,000 per 1,000; uploads are free
    assert "LIST 1, HEAD 0, GET 0, PUT 2, COPY 0, DELETE 0" in sync.cost_label.text()
    assert sync.cost_label.text().endswith("$3.000000 (Dear cloud)")
    assert sync.price_combo.currentText() == "Preferences: Dear cloud"

    # the table with no prices, chosen in Preferences: the estimate becomes unknown
    no_prices = page.preset.findData("No prices (every estimate unknown)")
    page.preset.setCurrentIndex(no_prices)
    page.preset.activated.emit(no_prices)
    assert page.prices["get_head"].text() == ""
    apply.click()
    sync.model.set_ticked(0, False)  # any change of the plan shows the cost again
    assert sync.cost_label.text().endswith("unknown (unknown provider)")

    # a built-in table chosen in the window wins over the Preferences'
    sync.price_combo.setCurrentIndex(sync.price_combo.findData("aws-s3-standard"))
    assert sync.cost_label.text().endswith(f"$0.000010 ({AWS_S3_STANDARD.name})")


def test_a_price_that_is_not_a_number_is_named_and_nothing_is_saved(
    qtbot: QtBot, windows: Windows, seaweed: RunningS3
) -> None:
    main = windows.open(lambda: S3Session(connection_for(seaweed)))
    main.preferences_action.trigger()
    preferences = windows.window_set.show_preferences()
    preferences.prices.prices["per_gb_out"].setText("cheap")
    assert not preferences.apply()
    assert "Prices: The Data out price 'cheap' is not a number" in preferences.error_label.text()
    assert preferences.tabs.currentWidget() is preferences.prices
    assert main.settings.preferences().prices.per_gb_out == AWS_S3_STANDARD.per_gb_out
