"""The Transfers model under Qt's model tester: jobs come, change, grow files and go."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtTest import QAbstractItemModelTester

from app.core.transfers.jobs import JobKind, JobState
from app.ui.models.transfers_model import (
    AMOUNT,
    FRACTION_ROLE,
    JOB_ID_ROLE,
    NAME,
    PROGRESS,
    ROUTE,
    SORT_ROLE,
    STATE,
    TransfersModel,
)
from tests.gui.transfers.snapshots import snapshot

NICKNAMES = {"bm-1": "Archive"}


def _tested(model: object) -> QAbstractItemModelTester:
    return QAbstractItemModelTester(
        model,
        QAbstractItemModelTester.FailureReportingMode.Fatal,  # type: ignore[arg-type]
    )


def test_jobs_and_their_files_pass_the_model_tester(qtmodeltester: object) -> None:
    model = TransfersModel(NICKNAMES.get)
    model.apply([snapshot("a", items=3), snapshot("b", JobState.QUEUED)])
    qtmodeltester.check(model, force_py=True)  # type: ignore[attr-defined]
    _tested(model)
    model.apply([snapshot("a", items=5), snapshot("c", JobState.DONE)])
    model.apply([snapshot("a", items=1)], removed=["b"])
    model.apply([snapshot("a", JobState.DONE)])  # a finished job has no files in flight
    assert model.rowCount() == 2
    assert model.rowCount(model.index(0, 0)) == 0
    qtmodeltester.check(model, force_py=True)  # type: ignore[attr-defined]


def test_inserts_and_removals_while_sorted_keep_the_model_consistent() -> None:
    model = TransfersModel(NICKNAMES.get)
    _tested(model)
    rng = random.Random(12)
    live: set[str] = set()
    for step in range(300):
        roll = rng.random()
        if roll < 0.4 or not live:
            job_id = f"j{step}"
            live.add(job_id)
            model.apply([snapshot(job_id, done=rng.randrange(1000), items=rng.randrange(4))])
        elif roll < 0.75:
            job_id = rng.choice(sorted(live))
            model.apply([snapshot(job_id, done=rng.randrange(1000), items=rng.randrange(5))])
        elif roll < 0.9:
            gone = rng.sample(sorted(live), min(len(live), rng.randrange(1, 4)))
            live.difference_update(gone)
            model.apply([], removed=gone)
        else:
            model.sort(rng.choice([PROGRESS, NAME, -1]), Qt.SortOrder.DescendingOrder)
    assert {job.id for job in model.jobs()} == live


def test_sorting_moves_rows_and_keeps_persistent_indexes_on_their_jobs() -> None:
    model = TransfersModel(NICKNAMES.get)
    _tested(model)
    model.apply([snapshot("low", done=100, items=2), snapshot("high", done=900, items=1)])
    low = QPersistentModelIndex(model.job_index("low", STATE))
    low_file = QPersistentModelIndex(model.index(1, NAME, model.job_index("low")))
    model.sort(PROGRESS, Qt.SortOrder.DescendingOrder)
    assert [model.index(r, NAME).data() for r in range(2)] == ["high", "low"]
    assert low.row() == 1 and low.data(JOB_ID_ROLE) == "low"
    assert low_file.parent() == model.job_index("low") and low_file.data() == "f1"
    assert model.index(0, PROGRESS).data(SORT_ROLE) == 0.9
    model.sort(-1)  # back to the order they came in
    assert [model.index(r, NAME).data() for r in range(2)] == ["low", "high"]


def test_a_jobs_notes_show_in_its_state_tooltip() -> None:
    model = TransfersModel(NICKNAMES.get)
    note = "Checked by MD5: an object here has no CRC to check against."
    model.apply([replace(snapshot("down", JobState.DONE, JobKind.DOWNLOAD), notes=(note,))])
    assert model.index(0, STATE).data(Qt.ItemDataRole.ToolTipRole) == note
    assert model.index(0, NAME).data(Qt.ItemDataRole.ToolTipRole) == "Job down"


def test_columns_say_name_route_amount_and_state() -> None:
    model = TransfersModel(NICKNAMES.get)
    model.apply(
        [
            snapshot("up", done=512, total=2048, rate=1024.0),
            snapshot("down", JobState.FAILED, JobKind.DOWNLOAD, error="Access denied: ask"),
            snapshot("gone", JobState.PAUSED, bookmark_id="deleted-bookmark"),
            snapshot("old", JobState.QUEUED, interrupted=True),
        ]
    )

    def text(row: int, column: int) -> str:
        return model.index(row, column).data()

    assert text(0, NAME) == "up"
    assert text(0, ROUTE) == "/tmp/up → Archive: bucket/dir/up"
    assert text(0, AMOUNT) == "512 B of 2.0 KiB"
    assert model.index(0, PROGRESS).data(FRACTION_ROLE) == 0.25
    assert text(0, STATE) == "Running"
    assert text(1, ROUTE) == "Archive: bucket/dir/down → /tmp/down"
    assert text(1, STATE) == "Failed: Access denied: ask"
    assert "Bookmark removed" in text(2, STATE)
    assert "(removed bookmark)" in text(2, ROUTE)
    assert text(3, STATE) == "Interrupted — resumable"


def test_a_multipart_file_shows_its_parts_done_of_total() -> None:
    model = TransfersModel(NICKNAMES.get)
    model.apply([snapshot("a", items=2)])
    job = model.index(0, 0)
    assert model.rowCount(job) == 2
    assert model.index(1, STATE, job).data() == "1 of 2 parts"
    assert model.index(1, NAME, job).data() == "f1"
    assert model.parent(model.index(1, NAME, job)) == job
    assert model.parent(job) == QModelIndex()


@pytest.mark.parametrize("rows", [5000])
def test_five_thousand_finished_jobs_load_in_one_insert(rows: int) -> None:
    model = TransfersModel(NICKNAMES.get)
    inserts: list[tuple[int, int]] = []
    model.rowsInserted.connect(lambda _parent, first, last: inserts.append((first, last)))
    model.apply([snapshot(f"j{n}", JobState.DONE) for n in range(rows)])
    assert inserts == [(0, rows - 1)]
    model.apply([], removed=[f"j{n}" for n in range(0, rows, 2)])
    assert model.rowCount() == rows // 2
    assert model.index(0, NAME).data() == "j1"
    assert model.job_index("j4999").row() == rows // 2 - 1


def test_a_running_job_whose_bytes_are_all_moved_reads_verifying_while_a_file_is_checked() -> None:
    model = TransfersModel(NICKNAMES.get)
    _tested(model)
    base = snapshot("v", done=1000, total=1000, items=2)
    checked = replace(base.progress.items[1], bytes_done=100, verifying=True)
    items = (base.progress.items[0], checked)
    sample = replace(base.progress, items=items, files_verifying=1)
    model.apply([replace(base, progress=sample)])
    job = model.job_index("v", STATE)
    assert job.data() == "Verifying"
    assert model.index(1, STATE, model.job_index("v")).data() == "Verifying"
    assert model.index(0, STATE, model.job_index("v")).data() != "Verifying"

    # Bytes still moving, or the check over: the job is simply running.
    model.apply([replace(base, progress=replace(sample, bytes_done=900))])
    assert model.job_index("v", STATE).data() == "Running"
    model.apply([replace(base, progress=replace(sample, items=(), files_verifying=0))])
    assert model.job_index("v", STATE).data() == "Running"
