"""The cost of a sync plan: the requests the estimate counts are the requests the engine sends."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from app.core.s3.session import S3Session
from app.core.s3.transcript import Transcript, counts_between
from app.core.transfers.engine import TransferEngine
from app.core.transfers.options import MIB
from app.core.transfers.request_prices import (
    AWS_S3_STANDARD,
    UNKNOWN_PRICES,
    RequestClass,
)
from app.core.transfers.sync import Direction, SyncOptions, plan_sync, run_sync
from app.core.transfers.sync_cost import cost_of_operations, estimate
from tests.conftest import connection_for
from tests.fixtures.servers import RunningS3
from tests.unit.core.transfers.conftest import SMALL, random_file

PAST = time.time() - 3600


def _tree(root: Path, files: dict[str, int]) -> None:
    for name, size in files.items():
        random_file(root / name, size)
        os.utime(root / name, (PAST, PAST))


def _run_and_compare(
    session: S3Session, transcript: Transcript, direction: Direction, folder: Path, bucket: str
) -> dict[RequestClass, int]:
    before = transcript.counts()
    plan = plan_sync(session, direction, folder, bucket, "p/", SyncOptions(delete=True), SMALL)
    estimated = estimate(plan, AWS_S3_STANDARD, SMALL)
    engine = TransferEngine(session, sample_interval=0.05)
    try:
        result = run_sync(engine, plan, SMALL, timeout=120)
    finally:
        engine.close()
    assert result.ok, result.failures
    sent = cost_of_operations(counts_between(before, transcript.counts()), AWS_S3_STANDARD)
    assert sent.other_requests == {}
    assert dict(sent.requests) == dict(estimated.requests)
    return dict(estimated.requests)


def test_estimate_equals_the_requests_sent_both_ways(
    seaweed: RunningS3, seaweed_admin: Any, bucket: str, tmp_path: Path
) -> None:
    transcript = Transcript()
    session = S3Session(connection_for(seaweed), transcript=transcript)
    up = tmp_path / "up"
    _tree(up, {"same.txt": 10, "changed.txt": 20, "big.bin": 7 * MIB, "gone.txt": 5})
    engine = TransferEngine(session, sample_interval=0.05)
    try:
        first = run_sync(
            engine, plan_sync(session, Direction.UPLOAD, up, bucket, "p/", None, SMALL), SMALL
        )
    finally:
        engine.close()
    assert first.ok
    # new, changed (another size), deleted and unchanged
    (up / "gone.txt").unlink()
    random_file(up / "changed.txt", 21)
    random_file(up / "new.txt", 3)
    random_file(up / "new-big.bin", 6 * MIB + 1)
    counts = _run_and_compare(session, transcript, Direction.UPLOAD, up, bucket)
    # 2 small PUTs; new-big: create + 2 parts + complete; one DeleteObjects; one LIST page
    assert counts[RequestClass.PUT] == 6 and counts[RequestClass.DELETE] == 1
    assert counts[RequestClass.LIST] == 1

    down = tmp_path / "down"
    _tree(down, {"stale.txt": 4})
    counts = _run_and_compare(session, transcript, Direction.DOWNLOAD, down, bucket)
    # small objects: one GET each; multipart ones: HEAD + one GET per part
    assert counts[RequestClass.GET] == 3 + 2 + 2 and counts[RequestClass.HEAD] == 2


def test_price_from_the_table_and_unknown_without_one() -> None:
    sent = cost_of_operations(
        {"PutObject": 1000, "GetObject": 2000, "DeleteObjects": 3},
        AWS_S3_STANDARD,
        bytes_up=10**9,
        bytes_down=2 * 10**9,
    )
    assert sent.price is not None and abs(sent.price - (0.005 + 0.0008 + 0.18)) < 1e-9
    assert sent.price_text().startswith("$0.185800")
    unknown = cost_of_operations({"PutObject": 1}, UNKNOWN_PRICES)
    assert unknown.price is None and unknown.price_text().startswith("unknown")
    assert cost_of_operations({}, UNKNOWN_PRICES).price == 0.0  # nothing to pay for
