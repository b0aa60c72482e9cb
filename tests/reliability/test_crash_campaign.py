"""The crash campaign: `eider` killed with SIGKILL at seeded points, then `eider jobs resume`.

Kinds: a multipart upload (16 MiB in 5 MiB parts), a ranged download (an 11 MiB object in
5 MiB parts), a sync of a folder with --delete, and a folder move on the server (`eider mv
-r`, one object of it a multipart copy). The child talks to SeaweedFS through the TCP proxy,
which counts the bytes of the job; the parent kills the child once a seeded share of the job's
usual traffic (`TRAFFIC`, measured on an uninterrupted run) has passed, so points fall in
every phase: listing, creating the upload, mid-part, between parts, completing, deleting
sources, renaming the partial file.

After each kill (before any restart): no partial or corrupt file or object under a target
name, no source of a move gone before its copy is complete, the journal consistent. Then
`eider jobs resume` (or, when the kill came before the job was journaled, the same command
again, as a user would) must finish the job byte-identical, with no multipart upload left on
the server (so none duplicated or orphaned) and nothing left in the journal.
"""

from __future__ import annotations

import random
import signal
import subprocess
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from app.core.transfers.options import MIB
from tests.fixtures.fault_proxy import FaultProxy, fault_proxy_to
from tests.fixtures.servers import RunningS3
from tests.reliability.journal_check import unfinished_jobs
from tests.reliability.scenes import (
    ROOT,
    Scene,
    child_env,
    clean_message,
    eider_command,
    journal_issues,
    journal_path,
    run_cli,
    save_preferences,
)
from tests.reliability.summary import CaseResult, Outcome, record_case

CRASH_KINDS = ("upload", "download", "sync", "move")
KILLS_IN_FULL = 32  # per kind
# Bytes through the proxy (both ways) of an uninterrupted run of each kind's job, measured on
# SeaweedFS; kill points are seeded shares of these. A point past the end lets the job finish.
TRAFFIC = {"upload": 16_800_000, "download": 11_600_000, "sync": 7_500_000, "move": 26_000}
_POLL = 0.002


@dataclass(frozen=True)
class CrashCase:
    kind: str
    number: int
    seed: int

    @property
    def id(self) -> str:
        return f"{self.kind}-{self.number:02d}"

    @property
    def kill_at(self) -> int:
        """Bytes of traffic after which the child is killed."""
        share = random.Random(f"{self.seed}:{self.id}").random()
        return int(share * TRAFFIC[self.kind])


def campaign(full: bool, seed: int) -> list[CrashCase]:
    if full:
        return [CrashCase(k, n, seed) for k in CRASH_KINDS for n in range(KILLS_IN_FULL)]
    rng = random.Random(seed)
    return [CrashCase(k, rng.randrange(KILLS_IN_FULL), seed) for k in CRASH_KINDS]


def crash_scene(kind: str, admin: Any, bucket: str, folder: Path, seed: int) -> Scene:
    scene = Scene.make(kind, admin, bucket, folder, seed)
    if kind == "upload":  # four parts rather than three: more points between parts
        data = random.Random(seed).randbytes(16 * MIB)
        (folder / "big.bin").write_bytes(data)
        scene.expected["s3:up/big.bin"] = data
    return scene


def kill_midway(args: list[str], env: dict[str, str], proxy: FaultProxy, at: int) -> bool:
    """Run `eider ARGS`, SIGKILL it once `at` bytes went through the proxy; True if killed
    (False: it ended first)."""
    proxy.reset_stats()
    child = subprocess.Popen(
        eider_command(*args),
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 180
        while child.poll() is None and time.monotonic() < deadline:
            stats = proxy.stats
            if stats.bytes_up + stats.bytes_down >= at:
                child.send_signal(signal.SIGKILL)
                child.wait(30)
                return True
            time.sleep(_POLL)
        return False
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(30)


@pytest.fixture
def case_bucket(seaweed_admin: Any) -> str:
    name = f"k-{uuid.uuid4().hex[:20]}"
    seaweed_admin.create_bucket(Bucket=name)
    return name


def test_crash_case(
    case: CrashCase,
    seaweed: RunningS3,
    seaweed_admin: Any,
    case_bucket: str,
    tmp_path: Path,
    record_property: Any,
) -> None:
    save_preferences(read_timeout=10.0, max_attempts=3)
    scene = crash_scene(case.kind, seaweed_admin, case_bucket, tmp_path / "case", case.seed)
    problems: list[str] = []
    with fault_proxy_to(seaweed.host, seaweed.port) as proxy:
        env = child_env(proxy.endpoint_url, seaweed.access_key, seaweed.secret_key)
        killed = kill_midway(scene.cli_args(), env, proxy, case.kill_at)
        if killed:
            problems += scene.interrupted_problems()
            problems += journal_issues(idle=False)
            if unfinished_jobs(journal_path()):
                code, stderr = run_cli(["jobs", "resume", "--no-progress"], env)
            else:  # killed before the job was journaled: the user runs the command again
                code, stderr = run_cli(scene.cli_args(), env)
            if code != 0:
                problems.append(
                    f"the restart failed ({code}): {clean_message(stderr) or stderr.strip()[-300:]}"
                )
        problems += scene.finished_problems()
        problems += scene.uploads_problems(finished=True)
        problems += journal_issues()
        left = unfinished_jobs(journal_path())
        if left:
            problems.append(f"the journal still holds {left}")
    outcome = Outcome.LOST if problems else Outcome.RECOVERED
    detail = "; ".join(problems)
    where = f"killed after {case.kill_at:,} bytes" if killed else "ended before its kill point"
    record_case(
        record_property,
        CaseResult("crashes", case.kind, f"{case.id} ({where})", outcome, detail),
    )
    assert outcome is not Outcome.LOST, f"{where}: {detail}"
