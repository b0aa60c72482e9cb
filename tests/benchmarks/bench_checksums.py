"""CPU-seconds per GiB of each checksum the engine can compute, on this machine.

    python -m tests.benchmarks.bench_checksums [--gib 1] [--rounds 5]

Hashes `--gib` GiB held in memory (a 64 MiB buffer fed again and again in 8 MiB pieces, the
size of a part or a download range), so the figure is the hashing alone, without disk or
network; prints the median over the rounds of process CPU time per GiB, and the load average.
CRC64NVME and CRC32C are the backends Eider uses (`checksums.CRC64NVME_BACKEND`,
`CRC32C_BACKEND`); MD5 and SHA-256 are hashlib's (OpenSSL).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import statistics
import time
import zlib
from collections.abc import Callable

import google_crc32c

from app.core.transfers import checksums

GIB = 1024**3
BUFFER = 64 * 1024 * 1024
PIECE = 8 * 1024 * 1024


def _crc(fn: Callable[[memoryview, int], int]) -> Callable[[list[memoryview]], object]:
    def run(pieces: list[memoryview]) -> object:
        value = 0
        for piece in pieces:
            value = fn(piece, value)
        return value

    return run


def _hashlib(name: str) -> Callable[[list[memoryview]], object]:
    def run(pieces: list[memoryview]) -> object:
        hasher = hashlib.new(name, usedforsecurity=False)
        for piece in pieces:
            hasher.update(piece)
        return hasher.digest()

    return run


ALGORITHMS: dict[str, Callable[[list[memoryview]], object]] = {
    f"CRC64NVME ({checksums.CRC64NVME_BACKEND})": _crc(checksums.crc64nvme),
    f"CRC32C ({checksums.CRC32C_BACKEND})": _crc(checksums.crc32c),
    "CRC32 (zlib)": _crc(zlib.crc32),
    # google_crc32c takes only bytes: the copy is part of what it costs the engine.
    "CRC32C (google_crc32c)": _crc(lambda data, value: google_crc32c.extend(value, bytes(data))),
    "MD5 (hashlib)": _hashlib("md5"),
    "SHA-256 (hashlib)": _hashlib("sha256"),
}


def measure(gib: float, rounds: int) -> dict[str, float]:
    """Median CPU-seconds per GiB of each algorithm."""
    view = memoryview(os.urandom(BUFFER))
    per_buffer = [view[i : i + PIECE] for i in range(0, BUFFER, PIECE)]
    pieces = per_buffer * max(1, round(gib * GIB / BUFFER))
    total = len(pieces) * PIECE
    figures: dict[str, float] = {}
    for name, run in ALGORITHMS.items():
        if "pure-python" in name:
            continue  # hours per GiB: not worth measuring
        samples = []
        for _ in range(rounds):
            started = time.process_time()
            run(pieces)
            samples.append((time.process_time() - started) * GIB / total)
        figures[name] = statistics.median(samples)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gib", type=float, default=1.0)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    before = os.getloadavg()[0]
    figures = measure(args.gib, args.rounds)
    after = os.getloadavg()[0]
    sizes = f"{args.rounds} rounds of {args.gib} GiB"
    print(f"load average {before:.1f} before, {after:.1f} after; {sizes}")
    for name, seconds in figures.items():
        print(f"{name:24} {seconds:6.3f} CPU-s/GiB  ({1 / seconds:6.1f} GiB/s)")


if __name__ == "__main__":
    main()
