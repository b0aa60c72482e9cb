"""The terminal progress bar: its line, its redraw limit, and on/off by terminal."""

from __future__ import annotations

import io
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

from app.cli.progress_bar import (
    MAX_REDRAWS_PER_SECOND,
    ProgressBar,
    human_duration,
    human_size,
    render,
)
from app.core.transfers.jobs import EventType, JobEvent, JobKind, JobSnapshot, JobState
from app.core.transfers.progress import Sample
from tests.cli.conftest import ROOT, run_eider
from tests.conftest import admin_client
from tests.fixtures.fault_proxy import Direction, Fault, fault_proxy_to
from tests.fixtures.servers import RunningS3

BAR = re.compile(r"\r\[[#.]*\] +\d+\.\d%.*/s")


def _sample(done: int, total: int, rate: float = 0.0, eta: float | None = None) -> Sample:
    return Sample(done, total, 1, 3, 0, 0, rate, eta)


def _event(sample: Sample) -> JobEvent:
    snap = JobSnapshot("j1", JobKind.UPLOAD, JobState.RUNNING, "Upload x", sample)
    return JobEvent(EventType.CHANGED, snap)


def test_render_shows_percent_bytes_rate_eta_and_files() -> None:
    line = render(_sample(5 * 1024**2, 10 * 1024**2, 2 * 1024**2, 2.5), width=100)
    assert " 50.0%" in line
    assert "5.0 MiB/10.0 MiB" in line
    assert "2.0 MiB/s" in line
    assert "ETA 0:02" in line
    assert "1/3 files" in line
    assert line.startswith("[###############...............]")
    assert len(render(_sample(1, 2), width=40)) < 40


def test_units_and_durations() -> None:
    assert human_size(512) == "512 B"
    assert human_size(1536) == "1.5 KiB"
    assert human_size(3 * 1024**3) == "3.0 GiB"
    assert human_duration(59) == "0:59"
    assert human_duration(3725) == "1:02:05"
    assert render(_sample(0, 0)).strip().startswith("[")  # nothing to send yet: 0%, no crash


def test_redraws_are_limited_and_disabled_bar_writes_nothing() -> None:
    stream = io.StringIO()
    now = [100.0]
    bar = ProgressBar(stream, enabled=True, clock=lambda: now[0])
    bar.on_event(_event(_sample(1, 10)))
    for _ in range(50):
        bar.redraw()
        now[0] += 0.004
    assert stream.getvalue().count("\r") == 1  # fifty calls within 0.2 s: one draw
    now[0] = 100.0 + 1 / MAX_REDRAWS_PER_SECOND
    bar.redraw()
    bar.redraw()
    assert stream.getvalue().count("\r") == 2  # a quarter second after the first: one more
    bar.finish()
    assert stream.getvalue().endswith("\n")

    quiet = io.StringIO()
    off = ProgressBar(quiet, enabled=False)
    off.on_event(_event(_sample(1, 10)))
    off.redraw(force=True)
    off.finish()
    assert quiet.getvalue() == ""


def test_bar_on_a_terminal_and_not_when_piped(
    aws_env: dict[str, str], seaweed: RunningS3, bucket: str, tmp_path: Path
) -> None:
    source = tmp_path / "f.bin"
    source.write_bytes(os.urandom(3 * 1024 * 1024))
    args = ["cp", str(source), f"s3://{bucket}/f.bin"]

    piped = run_eider(*args, env=aws_env)
    assert piped.returncode == 0, piped.stderr
    assert "\r" not in piped.stdout and "%" not in piped.stdout

    # On a terminal, through a proxy that holds the upload after 1 MiB until the bar has been
    # seen mid-transfer; then the connection is cut and the client's retry completes it.
    with fault_proxy_to(seaweed.host, seaweed.port) as proxy:
        proxy.set_faults(Fault.stall(Direction.UP, seconds=120, after=1024 * 1024, times=None))
        env = {
            **os.environ,
            **aws_env,
            "AWS_ENDPOINT_URL": proxy.endpoint_url,
            "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
        }
        leader, follower = pty.openpty()
        child = subprocess.Popen(
            [sys.executable, "-m", "app", *args],
            cwd=ROOT,
            env=env,
            stdout=follower,
            stderr=subprocess.PIPE,
        )
        os.close(follower)
        chunks: list[bytes] = []
        seen_mid_transfer = False
        stalled_at: int | None = None  # how much had been shown when the stall was seen
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the terminal closed: the child is gone
                break
            if not chunk:
                break
            chunks.append(chunk)
            shown = b"".join(chunks).decode(errors="replace")
            if stalled_at is None and proxy.stats.stalls:
                stalled_at = len(shown)
            elif (
                stalled_at is not None
                and not seen_mid_transfer
                and BAR.search(shown[stalled_at:])  # a redraw while the upload is held
            ):
                seen_mid_transfer = True
                proxy.clear_faults()  # new connections go through
                proxy.drop_connections()
        os.close(leader)
        assert child.wait(timeout=60) == 0, child.stderr.read()  # type: ignore[union-attr]
        child.stderr.close()  # type: ignore[union-attr]
    assert seen_mid_transfer, b"".join(chunks)
    final = b"".join(chunks).decode()
    assert "100.0%" in final and "3.0 MiB/3.0 MiB" in final
    got = seaweed_admin_body(seaweed, bucket, "f.bin")
    assert got == source.read_bytes()

    quiet = run_eider(*args, "--quiet", env=aws_env)
    assert (quiet.returncode, quiet.stdout) == (0, "")


def seaweed_admin_body(seaweed: RunningS3, bucket: str, key: str) -> bytes:
    body: bytes = admin_client(seaweed).get_object(Bucket=bucket, Key=key)["Body"].read()  # type: ignore[attr-defined]
    return body
