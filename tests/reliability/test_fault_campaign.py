"""The faults campaign: network and server faults, by job kind, from the CLI and transfer service.

Each case sets one seeded fault in a proxy between Eider and SeaweedFS (the TCP proxy for
resets; the HTTP proxy for the rest), runs one job, and judges it:

- recovered: the job finished byte-identical, with no multipart upload left open on the
  server and nothing left in the journal;
- failed cleanly: the job stopped with a specific message (no traceback, no raw exception),
  nothing partial or corrupt under a target name, no source lost, no multipart upload the
  journal does not know, the journal consistent; and once the fault is gone, resuming it
  (`eider jobs resume`, or `retry` on the service; the command again when it failed before
  its job was journaled) finishes it byte-identical;
- lost: anything else. A lost case fails its test.

The full form runs every fault with every kind it applies to, from both fronts, twice with
different seeded parameters; the reduced form a seeded selection that has every fault and every
kind at least once.
"""

from __future__ import annotations

import contextlib
import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from app.core.errors import describe
from app.core.s3.session import S3Session
from app.core.transfers.jobs import JobState
from app.core.transfers.options import MIB
from app.core.transfers.service import BookmarkGone, TransferService
from tests.conftest import connection_for
from tests.fixtures.fault_proxy import Direction, Fault, FaultProxy
from tests.fixtures.http_faults import HttpFault, HttpFaultKind, HttpFaultProxy, Request
from tests.fixtures.servers import RunningS3
from tests.reliability.journal_check import unfinished_jobs
from tests.reliability.scenes import (
    KINDS,
    Scene,
    child_env,
    clean_message,
    journal_issues,
    journal_path,
    run_cli,
    save_preferences,
)
from tests.reliability.summary import CaseResult, Outcome, record_case

FAULTS = (
    "reset",
    "stall",
    "slowdown",
    "complete500",
    "close_after_headers",
    "truncated",
    "wrong_length",
    "corrupt",
)
FRONTS = ("cli", "service")
_ONLY = {"complete500": {"upload", "copy", "sync"}}  # multipart jobs complete an upload
READ_TIMEOUT = 1.0
MAX_ATTEMPTS = 3
VARIANTS_IN_FULL = 2


@dataclass(frozen=True)
class FaultCase:
    kind: str
    fault: str
    front: str
    variant: int
    seed: int

    @property
    def id(self) -> str:
        return f"{self.kind}-{self.fault}-{self.front}-{self.variant}"

    def rng(self) -> random.Random:
        return random.Random(f"{self.seed}:{self.id}")


def campaign(full: bool, seed: int) -> list[FaultCase]:
    every = [
        FaultCase(kind, fault, front, variant, seed)
        for fault in FAULTS
        for kind in KINDS
        if kind in _ONLY.get(fault, KINDS)
        for front in FRONTS
        for variant in range(VARIANTS_IN_FULL)
    ]
    if full:
        return every
    # Reduced: each fault once, on a kind not used yet where it applies, so every kind runs.
    rng = random.Random(seed)
    unused = list(KINDS)
    rng.shuffle(unused)
    chosen = []
    for fault in FAULTS:
        allowed = [k for k in KINDS if k in _ONLY.get(fault, KINDS)]
        fresh = [k for k in unused if k in allowed]
        kind = fresh[0] if fresh else rng.choice(allowed)
        if kind in unused:
            unused.remove(kind)
        chosen.append(FaultCase(kind, fault, FRONTS[rng.randrange(2)], 0, seed))
    return chosen


# -- which requests a fault hits ---------------------------------------------------------------


def _has_key(request: Request) -> bool:
    return len(request.path.strip("/").split("/", 1)) == 2


def data_requests(kind: str) -> Any:
    def upload(r: Request) -> bool:
        return r.method == "PUT" and "x-amz-copy-source" not in r.headers and _has_key(r)

    def download(r: Request) -> bool:
        return r.method == "GET" and _has_key(r) and not set(r.query) - {"partNumber"}

    def copy(r: Request) -> bool:
        return r.method == "PUT" and "x-amz-copy-source" in r.headers

    def delete(r: Request) -> bool:
        return (r.method == "POST" and "delete" in r.query) or r.method == "DELETE"

    return {"upload": upload, "sync": upload, "download": download, "copy": copy}.get(kind, delete)


def completes(r: Request) -> bool:
    return r.method == "POST" and "uploadId" in r.query


def http_faults(case: FaultCase) -> list[HttpFault]:
    rng = case.rng()
    hits = data_requests(case.kind)
    times = rng.randint(1, 2)
    if case.fault == "stall":
        return [HttpFault(HttpFaultKind.STALL, hits, times, seconds=READ_TIMEOUT + 1.5)]
    if case.fault == "slowdown":
        return [HttpFault(HttpFaultKind.SLOWDOWN, hits, rng.randint(2, 6))]
    if case.fault == "complete500":
        # 500 before or after the server completes, or its 200 cut off after the headers.
        kind = rng.choice(
            [
                HttpFaultKind.ERROR_500,
                HttpFaultKind.ERROR_500_AFTER,
                HttpFaultKind.CLOSE_AFTER_HEADERS,
            ]
        )
        return [HttpFault(kind, completes, times)]
    if case.fault == "close_after_headers":
        return [HttpFault(HttpFaultKind.CLOSE_AFTER_HEADERS, hits, times)]
    if case.fault == "truncated":
        return [HttpFault(HttpFaultKind.TRUNCATE, hits, times, offset=rng.randrange(1, 5 * MIB))]
    if case.fault == "wrong_length":
        delta = rng.choice([-100, -1, 1, 100, 4096])
        return [HttpFault(HttpFaultKind.WRONG_LENGTH, hits, times, delta=delta)]
    if case.fault == "corrupt":
        return [HttpFault(HttpFaultKind.CORRUPT, hits, times, offset=rng.randrange(1 << 24))]
    raise ValueError(case.fault)


def tcp_faults(case: FaultCase) -> tuple[Fault, int]:
    """A reset after a seeded number of bytes on whichever connections get there first, and
    how many resets in all."""
    rng = case.rng()
    direction = Direction.DOWN if case.kind == "download" else Direction.UP
    # Below what one connection of the job surely carries, so the reset happens.
    budget = {"upload": 5 * MIB, "download": MIB, "sync": 100_000}.get(case.kind, 600)
    return Fault.reset(direction, after=rng.randrange(budget), times=None), rng.randint(1, 3)


@contextlib.contextmanager
def faulty_proxy(case: FaultCase, server: RunningS3) -> Iterator[FaultProxy | HttpFaultProxy]:
    if case.fault == "reset":
        proxy: FaultProxy | HttpFaultProxy = FaultProxy(server.host, server.port)
        proxy.start()
        fault, fires = tcp_faults(case)
        proxy.set_faults(fault, fires=fires)
    else:
        proxy = HttpFaultProxy(server.host, server.port).start()
        proxy.set_faults(*http_faults(case))
    try:
        yield proxy
    finally:
        proxy.stop()


# -- running a case from either front -----------------------------------------------------------


class Front:
    """Runs the scene's job once, then resumes it; says whether it finished and why not."""

    def run(self) -> tuple[bool, str]:
        raise NotImplementedError

    def resume(self) -> tuple[bool, str]:
        raise NotImplementedError

    def close(self) -> None:
        pass


class CliFront(Front):
    def __init__(self, scene: Scene, endpoint_url: str, server: RunningS3) -> None:
        save_preferences(READ_TIMEOUT, MAX_ATTEMPTS)
        self.scene = scene
        self.env = child_env(endpoint_url, server.access_key, server.secret_key)

    def run(self) -> tuple[bool, str]:
        code, stderr = run_cli(self.scene.cli_args(), self.env)
        return code == 0, stderr

    def resume(self) -> tuple[bool, str]:
        # A command that failed before its job was journaled is run again, as a user would.
        again = ["jobs", "resume", "--no-progress"] if unfinished_jobs(journal_path()) else None
        code, stderr = run_cli(again or self.scene.cli_args(), self.env)
        return code == 0, stderr


class ServiceFront(Front):
    def __init__(self, scene: Scene, port: int, server: RunningS3) -> None:
        self.scene = scene

        def no_bookmarks(bookmark_id: str) -> S3Session:
            raise BookmarkGone(bookmark_id)

        self.service = TransferService(no_bookmarks, sample_interval=0.05)
        connection = connection_for(
            server,
            port=port,
            read_timeout=READ_TIMEOUT,
            connect_timeout=2.0,
            max_attempts=MAX_ATTEMPTS,
        )
        self.engine = self.service.engine_for(None, S3Session(connection))
        self.job = ""

    def _wait(self) -> tuple[bool, str]:
        snap = self.service.wait(self.job, 240)
        why = "; ".join([snap.error or "", *(f.message for f in snap.failures)]).strip("; ")
        return snap.state is JobState.DONE, why or f"ended {snap.state.value} with no message"

    def run(self) -> tuple[bool, str]:
        try:
            self.job = self.scene.start(self.engine)
        except Exception as exc:  # refused before a job exists (a sync's listing): in words
            return False, str(describe(exc))
        return self._wait()

    def resume(self) -> tuple[bool, str]:
        if not self.job:
            return self.run()
        self.service.retry(self.job)
        return self._wait()

    def close(self) -> None:
        self.service.close()


def judge(scene: Scene, front: Front) -> tuple[Outcome, list[str], str]:
    """The outcome of the first run, what is wrong after it, and its failure message."""
    finished, message = front.run()
    if finished:
        return Outcome.RECOVERED, finished_checks(scene), ""
    problems = []
    unclean = clean_message(message)
    if unclean:
        problems.append(unclean)
    problems += scene.interrupted_problems()
    problems += scene.uploads_problems(finished=False)
    problems += journal_issues()
    return Outcome.FAILED_CLEANLY, problems, message


def finished_checks(scene: Scene) -> list[str]:
    problems = scene.finished_problems() + scene.uploads_problems(finished=True)
    problems += journal_issues()
    left = unfinished_jobs(journal_path())
    if left:
        problems.append(f"finished, yet the journal holds {left}")
    return problems


@pytest.fixture
def case_bucket(seaweed_admin: Any) -> str:
    name = f"r-{uuid.uuid4().hex[:20]}"
    seaweed_admin.create_bucket(Bucket=name)
    return name


def test_fault_case(
    case: FaultCase,
    seaweed: RunningS3,
    seaweed_admin: Any,
    case_bucket: str,
    tmp_path: Path,
    record_property: Any,
) -> None:
    scene = Scene.make(case.kind, seaweed_admin, case_bucket, tmp_path / "case", case.seed)
    with faulty_proxy(case, seaweed) as proxy:
        front: Front = (
            CliFront(scene, proxy.endpoint_url, seaweed)
            if case.front == "cli"
            else ServiceFront(scene, proxy.port, seaweed)
        )
        try:
            outcome, problems, message = judge(scene, front)
            if outcome is Outcome.FAILED_CLEANLY and not problems:
                proxy.clear_faults()
                finished, again = front.resume()
                problems = (
                    finished_checks(scene) if finished else [f"the retry failed: {again[:300]}"]
                )
        finally:
            front.close()
        fired = (
            proxy.stats.resets
            if isinstance(proxy, FaultProxy)
            else sum(proxy.stats.faults.values())
        )
    assert fired, "the fault never fired: the case proves nothing"
    if problems:
        outcome = Outcome.LOST
    detail = "; ".join(problems) or " ".join(message.split())
    record_case(
        record_property,
        CaseResult("faults", case.fault, case.id, outcome, detail),
    )
    assert outcome is not Outcome.LOST, detail
