"""The limiter's arithmetic on a fake clock; wake-ups with real threads but no timed asserts."""

from __future__ import annotations

import io
import os
import threading

import boto3
import pytest
from botocore.config import Config

from app.core.transfers.bandwidth import BandwidthCancelled, BandwidthLimiter, ThrottledReader


class FakeClock:
    """Time that moves only when a limiter 'sleeps'; records every wait it was asked for."""

    def __init__(self) -> None:
        self.now = 0.0
        self.waits: list[float] = []

    def __call__(self) -> float:
        return self.now

    def wait(self, condition: threading.Condition, timeout: float) -> None:
        self.waits.append(timeout)
        self.now += timeout


def limiter_on(clock: FakeClock, rate: float | None, **kwargs) -> BandwidthLimiter:
    return BandwidthLimiter(rate, clock=clock, wait=clock.wait, **kwargs)


@pytest.mark.parametrize(("chunk", "burst"), [(1000, 1000), (300, 1000), (5000, 1000)])
def test_nth_chunk_passes_when_the_bucket_refills(chunk: int, burst: int) -> None:
    clock = FakeClock()
    rate = 1000.0
    limiter = limiter_on(clock, rate, burst=burst)
    for n in range(1, 21):
        limiter.acquire(chunk)
        # chunk n passes once burst + rate*t - (n-1)*chunk > 0
        expected = max(0.0, ((n - 1) * chunk - burst) / rate)
        assert clock.now == pytest.approx(expected, abs=1e-4)
    # long-run rate is the configured one, whatever the chunk size
    assert 20 * chunk <= burst + rate * clock.now + chunk + 1e-6


def test_waits_are_sliced_so_external_cancel_events_are_noticed() -> None:
    clock = FakeClock()
    limiter = limiter_on(clock, 100, burst=100)
    limiter.acquire(100)
    limiter.acquire(100)  # passes at once (bucket was not empty), leaves 100 bytes of debt
    limiter.acquire(1)  # must wait 1 s for the debt, in slices of at most 0.2 s
    assert clock.now == pytest.approx(1.0, abs=1e-4)
    assert max(clock.waits) <= 0.2 + 1e-9
    assert len(clock.waits) >= 5


def test_unlimited_never_waits_and_default_burst() -> None:
    clock = FakeClock()
    limiter = limiter_on(clock, None)
    for _ in range(100):
        limiter.acquire(10**9)
    assert clock.now == 0.0
    assert limiter_on(clock, 0).rate is None
    assert limiter_on(clock, 10 * 1024 * 1024).burst == 2.5 * 1024 * 1024  # a quarter second
    assert limiter_on(clock, 1000).burst == 16 * 1024  # never below 16 KiB
    with pytest.raises(ValueError, match="negative"):
        limiter_on(clock, -1)
    with pytest.raises(ValueError, match="negative"):
        limiter_on(clock, 1).acquire(-5)


def test_a_job_limiter_is_held_to_the_global_limit_and_both_are_charged() -> None:
    clock = FakeClock()
    shared = limiter_on(clock, 1000, burst=1000)
    job_a = limiter_on(clock, 1_000_000, burst=1_000_000, parent=shared)
    job_b = limiter_on(clock, 1_000_000, burst=1_000_000, parent=shared)
    for n in range(1, 11):
        (job_a if n % 2 else job_b).acquire(500)
        # the global bucket sees all 10 chunks: chunk n passes at ((n-1)*500 - 1000) / 1000
        assert clock.now == pytest.approx(max(0.0, ((n - 1) * 500 - 1000) / 1000), abs=1e-4)


def test_a_slow_job_is_held_to_its_own_limit_under_a_fast_global_one() -> None:
    clock = FakeClock()
    shared = limiter_on(clock, 1_000_000, burst=1_000_000)
    job = limiter_on(clock, 100, burst=100, parent=shared)
    for _ in range(11):
        job.acquire(100)
    assert clock.now == pytest.approx(9.0, abs=1e-4)


def test_set_rate_applies_to_the_arithmetic_from_now_on() -> None:
    clock = FakeClock()
    limiter = limiter_on(clock, 100, burst=100)
    limiter.acquire(100)
    limiter.acquire(100)  # 100 bytes of debt at rate 100: 1 s
    limiter.set_rate(1000)  # the debt now takes 0.1 s; burst stays 100 (fixed)
    limiter.acquire(1)
    assert clock.now == pytest.approx(0.1, abs=1e-4)
    assert limiter.time_to_available() == pytest.approx(0.001, abs=1e-5)  # the 1 byte taken
    clock.now += 0.001
    limiter.acquire(2000)
    assert limiter.time_to_available() == pytest.approx(2.0, abs=1e-4)


# -- wake-ups: real threads, a clock that never moves, bounded joins (no timing asserts) ------


def _start(target) -> tuple[threading.Thread, list[BaseException | str]]:
    outcome: list[BaseException | str] = []

    def run() -> None:
        try:
            target()
            outcome.append("done")
        except BaseException as exc:
            outcome.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, outcome


_parked: dict[int, threading.Event] = {}  # id(limiter) -> set once a thread waits in it


def _frozen(rate: float, **kwargs) -> BandwidthLimiter:
    # real Condition.wait, frozen clock: a waiter can only leave by being told to
    parked = threading.Event()

    def wait(condition: threading.Condition, timeout: float) -> None:
        parked.set()  # under the condition's lock: the waiter is in wait() once it lets go
        condition.wait(timeout)

    limiter = BandwidthLimiter(rate, burst=10, clock=lambda: 0.0, wait=wait, **kwargs)
    _parked[id(limiter)] = parked
    return limiter


def _wait_until_waiting(limiter: BandwidthLimiter) -> None:
    # the waiter holds no token: wait until it is parked in Condition.wait
    if not _parked[id(limiter)].wait(5):
        raise AssertionError("the thread never started waiting")


def test_set_rate_wakes_a_waiter() -> None:
    limiter = _frozen(1)
    limiter.acquire(100)  # debt that a frozen clock never repays
    thread, outcome = _start(lambda: limiter.acquire(1))
    _wait_until_waiting(limiter)
    assert outcome == []
    limiter.set_rate(None)
    thread.join(10)
    assert not thread.is_alive()
    assert outcome == ["done"]


def test_cancel_wakes_a_waiter_in_the_parent() -> None:
    shared = _frozen(1)
    shared.acquire(100)
    job = BandwidthLimiter(None, parent=shared)
    thread, outcome = _start(lambda: job.acquire(1))
    _wait_until_waiting(shared)
    job.cancel()
    thread.join(10)
    assert not thread.is_alive()
    assert isinstance(outcome[0], BandwidthCancelled)
    with pytest.raises(BandwidthCancelled):
        job.acquire(1)
    job.reset()
    shared.set_rate(None)
    job.acquire(1)


def test_an_external_cancel_event_is_noticed_without_calling_the_limiter() -> None:
    limiter = _frozen(1)
    limiter.acquire(100)
    event = threading.Event()
    thread, outcome = _start(lambda: limiter.acquire(1, event))
    _wait_until_waiting(limiter)
    event.set()  # noticed at the next wait slice (<= 0.2 s)
    thread.join(10)
    assert not thread.is_alive()
    assert isinstance(outcome[0], BandwidthCancelled)


def test_throttled_reader_charges_each_byte_once_and_can_rewind() -> None:
    clock = FakeClock()
    limiter = limiter_on(clock, 1000, burst=1000)
    reader = ThrottledReader(io.BytesIO(b"x" * 5000), limiter)
    assert len(reader.read(2000)) == 2000
    assert len(reader.read(2000)) == 2000  # waits 1 s for the first chunk's debt
    assert clock.now == pytest.approx(1.0, abs=1e-4)
    reader.seek(0)
    assert reader.tell() == 0
    assert reader.read(4000) == b"x" * 4000  # read again (a hash pass, a retry): free
    assert clock.now == pytest.approx(1.0, abs=1e-4)
    assert reader.read() == b"x" * 1000  # only the new 1000 bytes are charged
    assert reader.read(10) == b""
    assert reader.charged == 5000
    assert clock.now == pytest.approx(3.0, abs=1e-4)


class CountingLimiter(BandwidthLimiter):
    def __init__(self) -> None:
        super().__init__(None)
        self.charged = 0

    def acquire(self, nbytes: int, cancel=None) -> None:
        self.charged += nbytes


@pytest.mark.parametrize("checksums", ["when_required", "when_supported"])
def test_an_upload_through_botocore_is_charged_once(seaweed, seaweed_admin, bucket, checksums):
    """botocore reads a body 2-3 times (payload hash, checksum, send); the limit sees it once."""
    client = boto3.client(
        "s3",
        endpoint_url=seaweed.endpoint_url,
        aws_access_key_id=seaweed.access_key,
        aws_secret_access_key=seaweed.secret_key,
        region_name="us-east-1",
        config=Config(s3={"addressing_style": "path"}, request_checksum_calculation=checksums),
    )
    data = os.urandom(300_000)
    limiter = CountingLimiter()
    client.put_object(Bucket=bucket, Key="k", Body=ThrottledReader(io.BytesIO(data), limiter))
    assert seaweed_admin.get_object(Bucket=bucket, Key="k")["Body"].read() == data
    assert limiter.charged == len(data)
