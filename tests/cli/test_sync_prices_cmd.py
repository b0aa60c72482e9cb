"""`eider sync --cost` prices the plan with the table edited in Preferences; --price-table
still wins."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from app.cli.main import main
from app.core.preferences.prices import PricePreferences
from app.core.preferences.sections import Preferences
from app.core.settings import SettingsStore
from tests.fixtures.servers import RunningS3


def test_cost_uses_the_preferences_price_table_unless_a_flag_names_one(
    seaweed: RunningS3,
    bucket: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", seaweed.access_key)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", seaweed.secret_key)
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_bytes(b"alpha")
    command = ["sync", str(src), f"s3://{bucket}/c", "--dryrun", "--cost"]
    command += ["--endpoint-url", seaweed.endpoint_url]

    store = SettingsStore()
    prices = replace(PricePreferences(), provider="Lab S3", list_put_copy=2.0)
    store.set_preferences(replace(Preferences(), prices=prices))
    store.flush()
    assert main(command) == 0
    # one LIST page and one PUT at $2 per 1,000
    assert "(dryrun) estimated price: $0.004000 (Lab S3)" in capsys.readouterr().out

    assert main([*command, "--price-table", "aws-s3-standard"]) == 0
    out = capsys.readouterr().out
    assert "(dryrun) estimated price: $0.000010 (AWS S3 Standard (us-east-1))" in out

    store.set_preferences(replace(Preferences(), prices=replace(prices, list_put_copy=None)))
    store.flush()
    assert main(command) == 0
    assert "(dryrun) estimated price: unknown (Lab S3)" in capsys.readouterr().out
