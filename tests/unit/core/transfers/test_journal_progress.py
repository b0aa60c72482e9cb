"""The journal, the progress sampler, options and retry rules on their own (no server)."""

from __future__ import annotations

import random
import sqlite3
import statistics
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from botocore.exceptions import ClientError, ReadTimeoutError

from app.core import paths
from app.core.transfers.journal import ItemRecord, Journal
from app.core.transfers.options import (
    MIB,
    ChecksumAlgorithm,
    ConflictPolicy,
    ServerSideEncryption,
    TransferOptions,
)
from app.core.transfers.progress import PartState, Progress
from app.core.transfers.retry import (
    IntegrityError,
    Interrupted,
    backoff,
    is_retryable,
    with_retries,
)


def test_journal_lives_in_the_state_dir_in_wal_mode_and_survives_reopening() -> None:
    journal = Journal()
    assert journal.path.parent == paths.state_dir()
    journal.create_job("j1", "upload", "http://x|AK", {"local": "/a"}, TransferOptions().to_json())
    item = ItemRecord("j1", 0, "/a/f", "b", "k", 100, 5)
    journal.add_items([item])
    journal.update_item(item, upload_id="U1", part_size=5 * MIB)
    journal.record_part(item, 1, 0, 50, "e1", None)
    journal.record_part(item, 2, 50, 50, "e2", "c2")
    journal.close()

    with sqlite3.connect(paths.state_dir() / "transfers.sqlite3") as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    again = Journal()
    (job,) = again.jobs(["queued"])
    assert job.spec == {"local": "/a"}
    (stored,) = again.items("j1")
    assert stored.upload_id == "U1" and stored.part_size == 5 * MIB
    assert [p.etag for p in again.parts(stored).values()] == ["e1", "e2"]
    assert again.uploads_for_key("http://x|AK", "b", "k")[0].id == stored.id
    assert again.uploads_for_key("http://other|AK", "b", "k") == []
    again.forget_parts(stored, [2])
    assert list(again.parts(stored)) == [1]
    again.delete_job("j1")
    assert again.items("j1") == [] and again.parts(stored) == {}
    with pytest.raises(ValueError, match="Not an item field"):
        again.update_item(stored, job_id="other")
    again.close()


def test_journal_takes_writes_from_many_threads(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "j.sqlite3")
    journal.create_job("j", "upload", "e", {}, "{}")
    item = ItemRecord("j", 0, "/f", "b", "k", 1)
    journal.add_items([item])
    threads = [
        threading.Thread(target=lambda n=n: journal.record_part(item, n, n * 10, 10, f"e{n}", None))
        for n in range(1, 51)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(journal.parts(item)) == list(range(1, 51))
    journal.close()


def test_progress_samples_rate_eta_and_skips_quiet_periods() -> None:
    progress = Progress()
    progress.add_total(100 * MIB)
    progress.start_item(1, "/f", "b", "k", 100 * MIB)
    first = progress.sample(now=0.0)
    assert first is not None and first.rate == 0 and first.eta is None
    progress.add_bytes(1, 10 * MIB)
    progress.part_state(1, 1, PartState.DONE)
    second = progress.sample(now=1.0)
    assert second is not None
    assert second.rate == pytest.approx(10 * MIB)
    assert second.eta == pytest.approx(9.0)
    assert second.items[0].parts == ((1, PartState.DONE),)
    assert progress.sample(now=1.5) is None  # nothing moved: no event
    progress.finish_item(1, "done")
    third = progress.sample(now=2.0)
    assert third is not None and third.files_done == 1 and third.items == ()


def test_options_round_trip_through_json_and_refuse_bad_values() -> None:
    options = TransferOptions(
        checksum=ChecksumAlgorithm.SHA256,
        conflict=ConflictPolicy.RENAME,
        sse=ServerSideEncryption.KMS,
        sse_kms_key_id="alias/x",
        metadata={"a": "b"},
        tags={"t": "v"},
        rate_limit=1000.0,
    )
    assert TransferOptions.from_json(options.to_json()) == options
    with pytest.raises(ValueError, match="SSE-C needs"):
        TransferOptions(sse=ServerSideEncryption.CUSTOMER)
    with pytest.raises(ValueError, match="connection"):
        TransferOptions(connections=0)


def _client_error(code: str, status: int) -> ClientError:
    return ClientError(
        {"Error": {"Code": code}, "ResponseMetadata": {"HTTPStatusCode": status}}, "PutObject"
    )


@pytest.fixture
def seeded_random() -> Iterator[None]:
    """The process's `random` (which backoff draws from) at a fixed seed, then as it was."""
    state = random.getstate()
    random.seed(20261207)
    yield
    random.setstate(state)


@pytest.mark.usefixtures("seeded_random")
def test_backoff_doubles_up_to_its_cap_with_full_jitter() -> None:
    samples = 4_000
    for attempt in range(12):  # the ceiling reaches the 20 s cap at attempt 7
        ceiling = min(20.0, 0.2 * 2**attempt)
        waits = [backoff(attempt) for _ in range(samples)]
        assert all(0 <= w <= ceiling for w in waits), attempt
        # Growth: the waits reach their ceiling, which doubles until the 20 s cap...
        assert max(waits) > 0.95 * ceiling, (attempt, max(waits), ceiling)
        # ...and full jitter: spread evenly over [0, ceiling], not a fixed or a zero wait.
        assert min(waits) < 0.05 * ceiling, (attempt, min(waits))
        assert abs(statistics.fmean(waits) - ceiling / 2) < 0.05 * ceiling, attempt
        assert len(set(waits)) > samples * 0.99
        below_a_quarter = sum(w < ceiling / 4 for w in waits) / samples
        assert 0.2 < below_a_quarter < 0.3, (attempt, below_a_quarter)


def test_retry_rules_backoff_and_interruption() -> None:
    assert is_retryable(_client_error("SlowDown", 503))
    assert is_retryable(_client_error("BadDigest", 400))
    assert is_retryable(_client_error("Whatever", 500))
    assert not is_retryable(_client_error("AccessDenied", 403))
    assert is_retryable(ReadTimeoutError(endpoint_url="http://x"))
    assert is_retryable(IntegrityError("mismatch"))

    calls: list[int] = []

    def flaky() -> str:
        calls.append(1)
        if len(calls) < 3:
            raise IntegrityError("again")
        return "ok"

    assert with_retries(flaky, attempts=5, stop=threading.Event()) == "ok"
    assert len(calls) == 3

    calls.clear()
    with pytest.raises(IntegrityError):
        with_retries(flaky, attempts=2, stop=threading.Event())
    assert len(calls) == 2

    stopped = threading.Event()
    stopped.set()
    with pytest.raises(Interrupted):
        with_retries(lambda: (_ for _ in ()).throw(IntegrityError("x")), 5, stopped)
