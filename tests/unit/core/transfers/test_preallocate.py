"""A partial file gets its size, and on Linux its blocks, before the download writes into it."""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path

import pytest

from app.core.transfers import preallocate

MIB = 1024 * 1024


def _open(path: Path) -> int:
    return os.open(path, os.O_RDWR | os.O_CREAT, 0o644)


def test_the_file_has_its_size_and_reads_as_zeros(tmp_path: Path) -> None:
    fd = _open(tmp_path / "f")
    try:
        preallocate.reserve(fd, 3 * MIB + 5)
        assert os.fstat(fd).st_size == 3 * MIB + 5
        assert os.pread(fd, 16, 3 * MIB - 16) == bytes(16)
    finally:
        os.close(fd)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fallocate(2) is Linux's")
def test_on_linux_the_blocks_are_allocated_not_left_sparse(tmp_path: Path) -> None:
    fd = _open(tmp_path / "f")
    try:
        preallocate.reserve(fd, 8 * MIB)
        # tmp_path's filesystem (ext4, xfs, btrfs, tmpfs) allocates: a sparse file has ~0 blocks.
        assert os.fstat(fd).st_blocks * 512 >= 8 * MIB
    finally:
        os.close(fd)


def test_a_longer_file_left_from_before_is_cut_to_the_size(tmp_path: Path) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"x" * (2 * MIB))
    fd = _open(path)
    try:
        preallocate.reserve(fd, MIB)
        assert os.fstat(fd).st_size == MIB
    finally:
        os.close(fd)


def test_a_filesystem_that_cannot_allocate_gets_a_truncated_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Stubbed: no filesystem at hand refuses fallocate on demand (NFSv3, some FUSE mounts do).
    monkeypatch.setattr(preallocate, "_fallocate", _failing(errno.EOPNOTSUPP))
    fd = _open(tmp_path / "f")
    try:
        preallocate.reserve(fd, 2 * MIB)
        assert os.fstat(fd).st_size == 2 * MIB
    finally:
        os.close(fd)


def test_a_full_disk_is_reported_before_any_byte_is_fetched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Stubbed: filling the test machine's disk is not an option.
    monkeypatch.setattr(preallocate, "_fallocate", _failing(errno.ENOSPC))
    fd = _open(tmp_path / "f")
    try:
        with pytest.raises(OSError) as raised:
            preallocate.reserve(fd, 2 * MIB)
        assert raised.value.errno == errno.ENOSPC
    finally:
        os.close(fd)


def _failing(code: int) -> preallocate._Fallocate:
    def fallocate(fd: int, mode: int, offset: int, length: int) -> int:
        import ctypes

        ctypes.set_errno(code)
        return -1

    return fallocate
