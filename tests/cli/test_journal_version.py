"""`eider jobs` facing a transfer journal written by a newer Eider."""

from __future__ import annotations

import sqlite3

import pytest

from app.cli.main import main
from app.core.transfers.journal import SCHEMA_VERSION, default_path


def test_eider_jobs_says_so_for_a_newer_journal_and_leaves_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = default_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(path) as db:
        db.execute(f"PRAGMA user_version={SCHEMA_VERSION + 3}")
    before = path.read_bytes()

    assert main(["jobs", "list"]) == 1
    error = capsys.readouterr().err
    assert error.startswith("eider: error: The transfer journal") and "newer Eider" in error
    assert path.read_bytes() == before
