"""Sync: the dry run lists exactly what the job then does, and a second run finds nothing."""

from __future__ import annotations

import os
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from app.core.transfers.engine import TransferEngine
from app.core.transfers.jobs import JobState
from app.core.transfers.sync import ActionKind, SyncCompare, SyncDirection, SyncRequest
from tests.unit.core.transfers.conftest import SMALL, random_file


def _keys(admin: Any, bucket: str, prefix: str) -> dict[str, bytes]:
    listed = admin.list_objects_v2(Bucket=bucket, Prefix=prefix).get("Contents", [])
    return {o["Key"]: admin.get_object(Bucket=bucket, Key=o["Key"])["Body"].read() for o in listed}


@pytest.mark.parametrize("compare", [SyncCompare.SIZE_TIME, SyncCompare.CHECKSUM])
def test_sync_up_dry_run_agrees_with_the_run(
    seaweed_admin: Any,
    bucket: str,
    make_engine: Callable[..., TransferEngine],
    tmp_path: Path,
    compare: SyncCompare,
) -> None:
    root = tmp_path / "site"
    same = random_file(root / "same.txt", 100)
    random_file(root / "changed.txt", 200)
    fresh = random_file(root / "sub" / "new.bin", 7 * 1024 * 1024)
    nfd_name = unicodedata.normalize("NFD", "café.txt")
    random_file(root / nfd_name, 10)
    seaweed_admin.put_object(Bucket=bucket, Key="s/same.txt", Body=same)
    seaweed_admin.put_object(Bucket=bucket, Key="s/changed.txt", Body=b"old")
    seaweed_admin.put_object(Bucket=bucket, Key="s/extra.txt", Body=b"extra")
    seaweed_admin.put_object(Bucket=bucket, Key="s/café.txt", Body=(root / nfd_name).read_bytes())
    if compare is SyncCompare.SIZE_TIME:
        time.sleep(0.01)
        future = time.time() - 3600  # older than the objects: "same" is current
        for name in ("same.txt", nfd_name):
            os.utime(root / name, (future, future))

    engine = make_engine()
    request = SyncRequest(str(root), bucket, "s", SyncDirection.UP, True, compare)
    plan = engine.plan_sync(request, SMALL)
    assert {(a.kind, a.relative, a.reason) for a in plan} == {
        (ActionKind.UPLOAD, "changed.txt", "size differs"),
        (ActionKind.UPLOAD, "sub/new.bin", "new"),
        (ActionKind.DELETE_REMOTE, "extra.txt", "extra"),
    }
    snap = engine.wait(engine.sync(request, SMALL), 60)
    assert snap.state is JobState.DONE, snap.error
    stored = _keys(seaweed_admin, bucket, "s/")
    assert set(stored) == {"s/same.txt", "s/changed.txt", "s/sub/new.bin", "s/café.txt"}
    assert stored["s/sub/new.bin"] == fresh
    assert engine.plan_sync(request, SMALL) == []


def test_sync_down_then_nothing_left_to_do(
    seaweed_admin: Any, bucket: str, make_engine: Callable[..., TransferEngine], tmp_path: Path
) -> None:
    seaweed_admin.put_object(Bucket=bucket, Key="p/a.txt", Body=b"alpha")
    seaweed_admin.put_object(Bucket=bucket, Key="p/d/b.txt", Body=b"beta")
    root = tmp_path / "mirror"
    random_file(root / "stale.txt", 5)
    (root / "a.txt").write_bytes(b"ALPHA, old and longer")
    engine = make_engine()
    request = SyncRequest(str(root), bucket, "p/", SyncDirection.DOWN, delete_extras=True)
    plan = engine.plan_sync(request, SMALL)
    assert {(a.kind, a.relative) for a in plan} == {
        (ActionKind.DOWNLOAD, "a.txt"),
        (ActionKind.DOWNLOAD, "d/b.txt"),
        (ActionKind.DELETE_LOCAL, "stale.txt"),
    }
    snap = engine.wait(engine.sync(request, SMALL), 60)
    assert snap.state is JobState.DONE, snap.error
    assert (root / "a.txt").read_bytes() == b"alpha"
    assert (root / "d" / "b.txt").read_bytes() == b"beta"
    assert not (root / "stale.txt").exists()
    assert engine.plan_sync(request, SMALL) == []
