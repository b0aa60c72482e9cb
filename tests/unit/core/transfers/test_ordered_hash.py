"""The in-order hasher of ranged downloads: out-of-order writes, retries, resumes, gaps."""

from __future__ import annotations

import hashlib
import os
import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core.transfers.digests import StreamHasher
from app.core.transfers.options import ChecksumAlgorithm
from app.core.transfers.ordered_hash import OrderedFileHasher
from app.core.transfers.retry import IntegrityError

KIB = 1024


@pytest.fixture
def fd(tmp_path: Path) -> Iterator[int]:
    handle = os.open(tmp_path / "partial", os.O_RDWR | os.O_CREAT, 0o644)
    yield handle
    os.close(handle)


def _md5() -> StreamHasher:
    return StreamHasher([ChecksumAlgorithm.MD5])


def _write(fd: int, hasher: OrderedFileHasher, data: bytes, start: int, end: int) -> None:
    """Write data[start:end] in small blocks, reporting each, as a range fetch does."""
    for block_start in range(start, end, 7 * KIB):
        block_end = min(end, block_start + 7 * KIB)
        os.pwrite(fd, data[block_start:block_end], block_start)
        hasher.wrote(start, block_end)


def test_units_written_out_of_order_hash_as_the_whole_file(fd: int) -> None:
    data = os.urandom(1000 * KIB + 3)
    chunk = 64 * KIB
    starts = list(range(0, len(data), chunk))
    random.Random(7).shuffle(starts)
    ordered = OrderedFileHasher(fd, len(data), _md5())
    for start in starts:
        _write(fd, ordered, data, start, min(len(data), start + chunk))
    got = ordered.finish().hex(ChecksumAlgorithm.MD5)
    assert got == hashlib.md5(data).hexdigest()  # noqa: S324


def test_units_of_unequal_sizes_learnt_as_they_arrive(fd: int) -> None:
    # An object's parts: offsets are known only once each part's response arrives.
    data = os.urandom(300 * KIB)
    bounds = [0, 100 * KIB, 130 * KIB, 250 * KIB, len(data)]
    ordered = OrderedFileHasher(fd, len(data), _md5())
    for index in (3, 1, 0, 2):
        _write(fd, ordered, data, bounds[index], bounds[index + 1])
    assert ordered.finish().hex(ChecksumAlgorithm.MD5) == hashlib.md5(data).hexdigest()  # noqa: S324


def test_a_retried_unit_rewrites_its_start_without_confusing_the_front(fd: int) -> None:
    data = os.urandom(200 * KIB)
    ordered = OrderedFileHasher(fd, len(data), _md5())
    _write(fd, ordered, data, 0, 60 * KIB)  # a first attempt that broke off
    _write(fd, ordered, data, 0, 100 * KIB)  # the retry, from the start of the range
    _write(fd, ordered, data, 100 * KIB, len(data))
    assert ordered.finish().hex(ChecksumAlgorithm.MD5) == hashlib.md5(data).hexdigest()  # noqa: S324


def test_units_finished_before_a_restart_are_read_back_from_the_file(fd: int) -> None:
    data = os.urandom(256 * KIB)
    damaged = bytearray(data)
    damaged[10] ^= 0xFF  # a finished range whose bytes changed while nothing was running
    os.pwrite(fd, bytes(damaged[: 128 * KIB]), 0)
    ordered = OrderedFileHasher(fd, len(data), _md5(), finished=[(0, 128 * KIB)])
    _write(fd, ordered, data, 128 * KIB, len(data))
    got = ordered.finish().hex(ChecksumAlgorithm.MD5)
    assert got == hashlib.md5(bytes(damaged)).hexdigest()  # noqa: S324
    assert got != hashlib.md5(data).hexdigest()  # noqa: S324


def test_finish_with_a_unit_missing_is_an_error_not_a_short_hash(fd: int) -> None:
    data = os.urandom(200 * KIB)
    ordered = OrderedFileHasher(fd, len(data), _md5())
    _write(fd, ordered, data, 0, 100 * KIB)
    _write(fd, ordered, data, 150 * KIB, len(data))
    with pytest.raises(RuntimeError, match=r"only 102400 of 204800 bytes"):
        ordered.finish()


def test_stop_ends_the_thread_with_the_front_still_open(fd: int) -> None:
    ordered = OrderedFileHasher(fd, 100 * KIB, _md5())
    ordered.stop()  # returns although nothing was written: a pause mid-download
    with pytest.raises(RuntimeError, match="only 0 of"):
        ordered.finish()


def test_a_file_cut_short_under_finished_units_is_an_integrity_error(fd: int) -> None:
    data = os.urandom(200 * KIB)
    os.pwrite(fd, data[: 150 * KIB], 0)  # the journal says all 200 KiB were written
    ordered = OrderedFileHasher(
        fd, len(data), _md5(), finished=[(0, 100 * KIB), (100 * KIB, 100 * KIB)]
    )
    with pytest.raises(IntegrityError, match="ends at 153600 of 204800 bytes"):
        ordered.finish()
