"""24 hours of simulated clock with role credentials that expire every 15 minutes, during one
long upload and one long download of many small objects: no failure, every object
byte-identical, and the role session really renewed all day long.

The simulated clock is injected where botocore decides whether the session needs renewing
(`assume_role(clock=...)`) and where the local STS stamps each key's expiry; it moves
forward by `STEP` every time it is read, so the day passes as fast as the transfer runs. The
S3 server is moto, which does not check signatures: what is checked is that the renewal
code keeps up (each key lives 15 simulated minutes) and that the jobs never stumble on it:
the test wraps its own credentials' `get_frozen_credentials` (what every signer calls) to
note any key handed out after its simulated expiry, and the local STS counts the renewals.
"""

from __future__ import annotations

import hashlib
import os
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from botocore.credentials import Credentials

from app.core.connection import AddressingStyle, Connection, Scheme
from app.core.credentials.assume_role import (
    RoleRequest,
    assume_role,
    plain_sts_client_factory,
    refresh_windows,
)
from app.core.credentials.spec import CredentialKind, CredentialSpec
from app.core.s3.session import S3Session
from app.core.transfers.engine import TransferEngine
from app.core.transfers.jobs import JobState
from tests.conftest import admin_client
from tests.fixtures.credential_servers import LocalServer, sts_short_lived
from tests.fixtures.servers import RunningS3
from tests.reliability.summary import CaseResult, Outcome, record_case

LIFETIME = 900  # AWS's shortest role session: 15 minutes
DAY = 24 * 3600
STEP = 60.0  # simulated seconds per clock read: 700 + 700 objects cover more than a day
FILES = {False: 700, True: 3000}  # reduced / full form
ROLE = "arn:aws:iam::123456789012:role/eider-long-transfer"


class SimulatedClock:
    """An aware UTC clock that advances `step` seconds on every read (thread-safe)."""

    def __init__(self, step: float) -> None:
        self.start = datetime(2026, 1, 1, tzinfo=UTC)
        self._now = self.start
        self._step = timedelta(seconds=step)
        self._lock = threading.Lock()

    def __call__(self) -> datetime:
        with self._lock:
            self._now += self._step
            return self._now

    def peek(self) -> datetime:
        with self._lock:
            return self._now

    def elapsed(self) -> float:
        with self._lock:
            return (self._now - self.start).total_seconds()


def _connection(server: RunningS3) -> Connection:
    return Connection(
        host=server.host,
        port=server.port,
        scheme=Scheme(server.scheme),
        region="us-east-1",
        addressing_style=AddressingStyle.PATH,
        credentials=CredentialSpec(
            kind=CredentialKind.ASSUME_ROLE, access_key_id="AKIALONGSOURCE000001", role_arn=ROLE
        ),
    )


def test_a_day_of_15_minute_credentials_during_a_long_transfer(
    moto: RunningS3, tmp_path: Path, full_form: bool, record_property
) -> None:
    count = FILES[full_form]
    source = tmp_path / "source"
    source.mkdir()
    digests = {}
    for i in range(count):
        data = os.urandom(64 + i % 512)
        (source / f"f{i:05d}.bin").write_bytes(data)
        digests[f"f{i:05d}.bin"] = hashlib.sha256(data).hexdigest()
    bucket = "long-transfer"
    admin_client(moto).create_bucket(Bucket=bucket)  # type: ignore[attr-defined]

    clock = SimulatedClock(STEP)
    issued: list[datetime] = []  # the simulated time each key was issued at

    def issue_time() -> datetime:
        issued.append(clock())
        return issued[-1]

    with LocalServer(sts_short_lived(LIFETIME, now=issue_time)) as sts:
        credentials = assume_role(
            RoleRequest(role_arn=ROLE, session_name="long", duration_seconds=LIFETIME),
            Credentials(moto.access_key, moto.secret_key),
            plain_sts_client_factory(sts.url, "us-east-1"),
            None,
            clock=clock,
        )
        stale: list[str] = []  # keys handed out for signing after their expiry
        hand_out = credentials.get_frozen_credentials

        def checked() -> Any:
            frozen = hand_out()
            expiry = issued[int(frozen.access_key.removeprefix("ASIASHORT")) - 1]
            if clock.peek() >= expiry + timedelta(seconds=LIFETIME):
                stale.append(f"{frozen.access_key} at +{clock.elapsed():.0f}s")
            return frozen

        credentials.get_frozen_credentials = checked  # type: ignore[method-assign]
        session = S3Session(_connection(moto), credentials=credentials)
        engine = TransferEngine(session, connections=4)
        try:
            up = engine.wait(engine.upload(source, bucket, "day/"), timeout=600)
            down = engine.wait(engine.download(bucket, "day/", tmp_path / "back"), timeout=600)
        finally:
            engine.close()
        renewals = len(sts.requests) - 1  # the first AssumeRole is the connection's own
        span = clock.elapsed()

    back = tmp_path / "back"
    wrong = [
        name
        for name, digest in digests.items()
        if not (back / name).is_file()
        or hashlib.sha256((back / name).read_bytes()).hexdigest() != digest
    ]
    ok = up.state is JobState.DONE and down.state is JobState.DONE and not wrong and not stale
    detail = (
        f"{renewals} renewals over {span / 3600:.1f} simulated hours; "
        f"wrong: {wrong[:3]}; stale: {stale[:3]}"
    )
    record_case(
        record_property,
        CaseResult(
            "load",
            "credentials 15 min / 24 h",
            "role-renewal",
            Outcome.RECOVERED if ok else Outcome.LOST,
            detail,
        ),
    )

    assert up.state is JobState.DONE, up.error
    assert down.state is JobState.DONE, down.error
    assert not up.failures and not down.failures
    assert wrong == []
    assert span >= DAY, f"the transfer covered only {span / 3600:.1f} simulated hours"
    assert stale == [], detail  # no request was signed with an expired key
    # The session is renewed `advisory` seconds before expiry, so never more often than every
    # LIFETIME - advisory simulated seconds: a renewal on every request (botocore's default
    # windows on a 15-minute session) would be far above the upper bound. Simulated time
    # also passes while a renewal is under way (other threads read the clock), so a key
    # is replaced somewhat less often than that; the lower bound says it went on all day.
    advisory, _ = refresh_windows(LIFETIME)
    assert span / (2 * LIFETIME) <= renewals <= span / (LIFETIME - advisory - STEP) + 2, detail
    for request in sts.requests:
        assert request.form["Action"] == "AssumeRole"
        assert request.form["DurationSeconds"] == str(LIFETIME)
