"""A metadata and storage-class change of a 300-object folder survives the process being
killed halfway: the journaled job resumes in a new engine and every object ends changed
exactly once (one new version each on a versioned bucket), none twice, none left out."""

from __future__ import annotations

import dataclasses
import json
import os
import signal
import subprocess
import sys
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from app.core.s3.session import S3Session
from app.core.transfers.engine import TransferEngine
from app.core.transfers.jobs import JobKind, JobState
from app.core.transfers.journal import Journal
from app.core.transfers.object_change import ObjectChange
from tests.conftest import connection_for
from tests.fixtures.servers import RunningS3
from tests.unit.core.s3.helpers import all_versions, enable_versioning

COUNT = 300
ROOT = Path(__file__).resolve().parents[4]


def _poll(condition: Any, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.05)  # another process's progress: there is no signal to wait on


def _versions_per_key(admin: Any, bucket: str) -> Counter[str]:
    return Counter(key for key, _version, _marker in all_versions(admin, bucket, "folder/"))


def test_a_killed_folder_rewrite_resumes_and_changes_each_object_once(
    moto: RunningS3, moto_admin: Any, tmp_path: Path
) -> None:
    bucket = f"t-{uuid.uuid4().hex[:20]}"
    moto_admin.create_bucket(Bucket=bucket)
    enable_versioning(moto_admin, bucket)
    keys = [f"folder/{i:03d}.txt" for i in range(COUNT)]
    with ThreadPoolExecutor(10) as pool:
        list(
            pool.map(
                lambda k: moto_admin.put_object(
                    Bucket=bucket, Key=k, Body=k.encode(), Metadata={"kept": "1"}
                ),
                keys,
            )
        )
    change = ObjectChange(metadata_set={"reviewed": "yes"}, storage_class="STANDARD_IA")
    config = {
        "server": dataclasses.asdict(moto),
        "bucket": bucket,
        "folder": "folder/",
        "change": change.to_json(),
        "copy_delay": 0.02,
    }
    log, out = tmp_path / "child-stderr.txt", tmp_path / "child-stdout.txt"
    with log.open("w") as stderr, out.open("w") as stdout:
        child = subprocess.Popen(
            [sys.executable, "-m", "tests.unit.core.transfers.rewrite_child", json.dumps(config)],
            cwd=ROOT,
            env=dict(os.environ),
            stdout=stdout,
            stderr=stderr,
        )
        try:

            def rewritten() -> int:
                assert child.poll() is None, log.read_text()
                return sum(1 for n in _versions_per_key(moto_admin, bucket).values() if n > 1)

            _poll(lambda: rewritten() >= COUNT // 3, 120, "a third of the objects rewritten")
            child.send_signal(signal.SIGKILL)
            child.wait(30)
        finally:
            if child.poll() is None:
                child.kill()
                child.wait(30)
    output = out.read_text()
    assert output.startswith("started "), (output, log.read_text())
    job_id = output.split()[1]
    at_kill = _versions_per_key(moto_admin, bucket)
    assert 0 < sum(1 for n in at_kill.values() if n == 2) < COUNT  # really halfway
    assert max(at_kill.values()) == 2

    journal = Journal()
    [record] = [r for r in journal.jobs() if r.id == job_id]
    assert record.kind == JobKind.REWRITE.value and record.state == JobState.RUNNING.value
    engine = TransferEngine(S3Session(connection_for(moto)), journal=journal)
    try:
        assert job_id in engine.resume_unfinished()
        snapshot = engine.wait(job_id, 120)
        assert snapshot.state is JobState.DONE, (snapshot.error, snapshot.failures)
        assert snapshot.progress.files_done == COUNT
    finally:
        engine.close()
        journal.close()

    final = _versions_per_key(moto_admin, bucket)
    assert final == Counter({key: 2 for key in keys})  # each changed exactly once
    for key in keys[:: COUNT // 30]:
        head = moto_admin.head_object(Bucket=bucket, Key=key)
        assert head["Metadata"] == {"kept": "1", "reviewed": "yes"}
        assert head["StorageClass"] == "STANDARD_IA"
        assert moto_admin.get_object(Bucket=bucket, Key=key)["Body"].read() == key.encode()
