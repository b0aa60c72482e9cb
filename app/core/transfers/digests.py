"""What the engine sends and expects for integrity: per-request checksums and whole-object rules.

Values are in S3's wire form: base64 of the big-endian digest for the additional checksums and
Content-MD5, lower-case hex for ETags.
"""

from __future__ import annotations

import base64
import hashlib
import zlib
from collections.abc import Callable, Iterable
from typing import Any

from app.core.transfers import checksums
from app.core.transfers.options import ChecksumAlgorithm

_S3_NAME = {
    ChecksumAlgorithm.CRC32: "CRC32",
    ChecksumAlgorithm.CRC32C: "CRC32C",
    ChecksumAlgorithm.CRC64NVME: "CRC64NVME",
    ChecksumAlgorithm.SHA256: "SHA256",
}
_CRC_FUNCTIONS = {
    ChecksumAlgorithm.CRC32: (zlib, "crc32"),
    ChecksumAlgorithm.CRC32C: (checksums, "crc32c"),  # the fastest backend, else Python
    ChecksumAlgorithm.CRC64NVME: (checksums, "crc64nvme"),
}


def _crc_function(
    algorithm: ChecksumAlgorithm,
) -> Callable[[bytes | bytearray | memoryview, int], int] | None:
    """The CRC function, looked up when called (so that a test's spy sees every call)."""
    found = _CRC_FUNCTIONS.get(algorithm)
    if found is None:
        return None
    module, name = found
    function: Callable[[bytes | bytearray | memoryview, int], int] = getattr(module, name)
    return function


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def raw_digest(algorithm: ChecksumAlgorithm, data: bytes | bytearray | memoryview) -> bytes:
    if algorithm is ChecksumAlgorithm.MD5:
        return hashlib.md5(data).digest()  # noqa: S324 - S3's integrity check, not security
    crc = _crc_function(algorithm)
    if crc is not None:
        return crc(data, 0).to_bytes(checksums.crc_width(algorithm), "big")
    if algorithm is ChecksumAlgorithm.SHA256:
        return hashlib.sha256(data).digest()
    raise ValueError(f"No digest for {algorithm}")


def s3_name(algorithm: ChecksumAlgorithm) -> str | None:
    return _S3_NAME.get(algorithm)


def response_field(algorithm: ChecksumAlgorithm) -> str | None:
    name = s3_name(algorithm)
    return f"Checksum{name}" if name else None


def request_fields(
    algorithm: ChecksumAlgorithm, data: bytes | bytearray | memoryview
) -> tuple[dict[str, Any], str]:
    """Request parameters that make the server check `data`, and the value sent (base64)."""
    if algorithm in (ChecksumAlgorithm.NONE, ChecksumAlgorithm.AUTO):
        return {}, ""
    value = _b64(raw_digest(algorithm, data))
    if algorithm is ChecksumAlgorithm.MD5:
        return {"ContentMD5": value}, value
    name = _S3_NAME[algorithm]
    return {"ChecksumAlgorithm": name, f"Checksum{name}": value}, value


def etag_hex(etag: str | None) -> str:
    return (etag or "").strip().strip('"').lower()


def is_plain_md5_etag(etag: str | None) -> bool:
    value = etag_hex(etag)
    return len(value) == 32 and all(c in "0123456789abcdef" for c in value)


def md5_b64_to_hex(value: str) -> str:
    return base64.b64decode(value).hex()


def multipart_etag(part_md5_hex: Iterable[str]) -> str:
    """S3's ETag of a multipart object from its parts' hex MD5s (`checksums.multipart_etag`,
    which takes the raw digests)."""
    return checksums.multipart_etag([bytes.fromhex(h) for h in part_md5_hex])


def composite_checksum(algorithm: ChecksumAlgorithm, part_values_b64: Iterable[str]) -> str:
    """The checksum-of-checksums S3 reports for a multipart object: `base64-N`."""
    raws = [base64.b64decode(v) for v in part_values_b64]
    return f"{_b64(raw_digest(algorithm, b''.join(raws)))}-{len(raws)}"


class StreamHasher:
    """Hashes bytes fed in order, for each algorithm asked for."""

    def __init__(self, algorithms: Iterable[ChecksumAlgorithm]) -> None:
        self._hashers: dict[ChecksumAlgorithm, Any] = {}
        self._crc: dict[ChecksumAlgorithm, int] = {}
        for algorithm in set(algorithms):
            if algorithm is ChecksumAlgorithm.MD5:
                self._hashers[algorithm] = hashlib.md5()  # noqa: S324
            elif algorithm is ChecksumAlgorithm.SHA256:
                self._hashers[algorithm] = hashlib.sha256()
            elif algorithm in _CRC_FUNCTIONS:
                self._crc[algorithm] = 0

    def __bool__(self) -> bool:
        return bool(self._hashers or self._crc)

    def update(self, data: bytes | memoryview) -> None:
        for hasher in self._hashers.values():
            hasher.update(data)
        for algorithm, value in self._crc.items():
            self._crc[algorithm] = _crc_function(algorithm)(data, value)  # type: ignore[misc]

    def raw(self, algorithm: ChecksumAlgorithm) -> bytes:
        if algorithm in self._hashers:
            return self._hashers[algorithm].digest()  # type: ignore[no-any-return]
        return self._crc[algorithm].to_bytes(checksums.crc_width(algorithm), "big")

    def hex(self, algorithm: ChecksumAlgorithm) -> str:
        return self.raw(algorithm).hex()

    def b64(self, algorithm: ChecksumAlgorithm) -> str:
        return _b64(self.raw(algorithm))


def hash_file_range(
    path: str, offset: int, length: int, algorithms: Iterable[ChecksumAlgorithm]
) -> StreamHasher:
    hasher = StreamHasher(algorithms)
    with open(path, "rb", buffering=0) as handle:
        handle.seek(offset)
        remaining = length
        while remaining > 0:
            block = handle.read(min(remaining, 1024 * 1024))
            if not block:
                break
            hasher.update(block)
            remaining -= len(block)
    return hasher
