"""A folder rename of 300 objects started from the window survives the process being killed
halfway: the journaled move job resumes and every object ends at the new name, none at the old
one, none lost."""

from __future__ import annotations

import dataclasses
import json
import os
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from app.core.s3.session import S3Session
from app.core.transfers.engine import TransferEngine
from app.core.transfers.jobs import JobKind, JobState
from app.core.transfers.journal import Journal
from tests.conftest import connection_for
from tests.fixtures.servers import RunningS3
from tests.unit.core.s3.helpers import all_keys

pytestmark = pytest.mark.gui

COUNT = 300
ROOT = Path(__file__).resolve().parents[3]


def _poll(condition: Any, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.05)  # another process's progress: there is no signal to wait on


def test_a_killed_folder_rename_resumes_and_loses_nothing(
    seaweed: RunningS3, seaweed_admin: Any, bucket: str, tmp_path: Path
) -> None:
    # distinct bodies: a lost or swapped object shows
    bodies = {f"photos/{i:03d}.jpg": f"image {i}".encode() for i in range(COUNT)}
    with ThreadPoolExecutor(10) as pool:
        list(
            pool.map(
                lambda k: seaweed_admin.put_object(Bucket=bucket, Key=k, Body=bodies[k]), bodies
            )
        )
    config = {
        "server": dataclasses.asdict(seaweed),
        "bucket": bucket,
        "folder": "photos",
        "new_name": "pictures",
        "copy_delay": 0.02,
    }
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    log, out = tmp_path / "child-stderr.txt", tmp_path / "child-stdout.txt"
    with log.open("w") as stderr, out.open("w") as stdout:
        child = subprocess.Popen(
            [sys.executable, "-m", "tests.gui.actions.rename_child", json.dumps(config)],
            cwd=ROOT,
            env=env,
            stdout=stdout,
            stderr=stderr,
        )
        try:
            # Killed once some but not all objects moved, as the server shows.
            def moved() -> int:
                assert child.poll() is None, log.read_text()
                return len(all_keys(seaweed_admin, bucket, "pictures/"))

            _poll(lambda: moved() >= COUNT // 3, 120, "a third of the objects to move")
            child.send_signal(signal.SIGKILL)
            child.wait(30)
        finally:
            if child.poll() is None:
                child.kill()
                child.wait(30)
    output = out.read_text()
    assert output.startswith("started "), (output, log.read_text())
    job_id = output.split()[1]
    at_kill_new = set(all_keys(seaweed_admin, bucket, "pictures/"))
    at_kill_old = set(all_keys(seaweed_admin, bucket, "photos/"))
    assert 0 < len(at_kill_new) < COUNT and at_kill_old  # really halfway
    # Nothing is lost even now: every object is at one name or the other.
    renamed = {k.replace("photos/", "pictures/", 1) for k in at_kill_old}
    assert renamed | at_kill_new == {k.replace("photos/", "pictures/", 1) for k in bodies}

    # The next start: an engine on the same journal takes up the unfinished job.
    journal = Journal()
    [record] = [r for r in journal.jobs() if r.id == job_id]
    assert record.kind == JobKind.MOVE.value and record.state == JobState.RUNNING.value
    engine = TransferEngine(S3Session(connection_for(seaweed)), journal=journal)
    try:
        assert job_id in engine.resume_unfinished()
        snapshot = engine.wait(job_id, 120)
        assert snapshot.state is JobState.DONE, (snapshot.error, snapshot.failures)
    finally:
        engine.close()
        journal.close()

    assert all_keys(seaweed_admin, bucket, "photos/") == []
    final = all_keys(seaweed_admin, bucket, "pictures/")
    assert len(final) == len(set(final)) == COUNT
    for key, body in bodies.items():
        new_key = key.replace("photos/", "pictures/", 1)
        assert seaweed_admin.get_object(Bucket=bucket, Key=new_key)["Body"].read() == body
