"""Streaming checksums in the encodings S3 uses, multipart ETags and composite checksums.

The algorithms are the engine's one `options.ChecksumAlgorithm`; functions also take S3's
names ("CRC32C"). `multipart_etag` here is the one rule `digests` uses too.

S3 sends and stores checksums as base64 of the big-endian digest bytes: CRC32 and CRC32C as 4
bytes, CRC64NVME as 8, SHA-256 as 32 bytes, MD5 (`Content-MD5`) as 16 bytes. ETags are quoted hex.

CRC32C and CRC64NVME have no implementation in the standard library. This module uses
`awscrt`'s (hardware-accelerated, the one botocore uses when installed; it reads any buffer
without a copy), else `google_crc32c` or `crc32c` for CRC32C, and otherwise table-driven
pure-Python CRCs that are correct but slow: about 10 MiB/s against several GiB/s.
`CRC32C_BACKEND` and `CRC64NVME_BACKEND` name the backends in use, so that callers can avoid
an algorithm whose backend is "pure-python". Figures per GiB: tests/benchmarks/README.md.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
import struct
import zlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

from app.core.transfers.options import ChecksumAlgorithm


def _algorithm(value: ChecksumAlgorithm | str) -> ChecksumAlgorithm:
    """The engine's one `ChecksumAlgorithm` for an enum member or an S3 name ("CRC32C")."""
    algorithm = ChecksumAlgorithm(str(value).lower())
    if algorithm in (ChecksumAlgorithm.NONE, ChecksumAlgorithm.AUTO):
        raise ValueError(f"{algorithm.name} is no checksum algorithm")
    return algorithm


# Request/response parameter names in botocore's S3 model, e.g. PutObject(ChecksumCRC32C=...).
CHECKSUM_PARAM: Mapping[ChecksumAlgorithm, str] = {
    ChecksumAlgorithm.MD5: "ContentMD5",
    ChecksumAlgorithm.CRC32: "ChecksumCRC32",
    ChecksumAlgorithm.CRC32C: "ChecksumCRC32C",
    ChecksumAlgorithm.CRC64NVME: "ChecksumCRC64NVME",
    ChecksumAlgorithm.SHA256: "ChecksumSHA256",
}

CHECKSUM_HEADER: Mapping[ChecksumAlgorithm, str] = {
    ChecksumAlgorithm.MD5: "Content-MD5",
    ChecksumAlgorithm.CRC32: "x-amz-checksum-crc32",
    ChecksumAlgorithm.CRC32C: "x-amz-checksum-crc32c",
    ChecksumAlgorithm.CRC64NVME: "x-amz-checksum-crc64nvme",
    ChecksumAlgorithm.SHA256: "x-amz-checksum-sha256",
}


# -- CRC32C (Castagnoli, reflected polynomial 0x82F63B78) ---------------------------------------

_CRC32C_POLY = 0x82F63B78


def _make_crc32c_tables() -> tuple[tuple[int, ...], ...]:
    """Tables for slicing-by-8: tables[k][b] is the CRC of byte b followed by k zero bytes."""
    first = []
    for n in range(256):
        c = n
        for _ in range(8):
            c = (c >> 1) ^ _CRC32C_POLY if c & 1 else c >> 1
        first.append(c)
    tables = [tuple(first)]
    for _ in range(7):
        prev = tables[-1]
        tables.append(tuple((prev[n] >> 8) ^ first[prev[n] & 0xFF] for n in range(256)))
    return tuple(tables)


_CRC32C_TABLES = _make_crc32c_tables()
_EIGHT_BYTES = struct.Struct("<II")


def crc32c_pure(data: bytes | bytearray | memoryview, value: int = 0) -> int:
    """CRC32C of `data` continuing from `value` (0 to start), in pure Python (slicing-by-8)."""
    t0, t1, t2, t3, t4, t5, t6, t7 = _CRC32C_TABLES
    crc = value ^ 0xFFFFFFFF
    data = memoryview(data).cast("B")
    whole = len(data) - len(data) % 8
    for lo, hi in _EIGHT_BYTES.iter_unpack(data[:whole]):
        lo ^= crc
        crc = (
            t7[lo & 0xFF]
            ^ t6[(lo >> 8) & 0xFF]
            ^ t5[(lo >> 16) & 0xFF]
            ^ t4[lo >> 24]
            ^ t3[hi & 0xFF]
            ^ t2[(hi >> 8) & 0xFF]
            ^ t1[(hi >> 16) & 0xFF]
            ^ t0[hi >> 24]
        )
    for byte in data[whole:]:
        crc = t0[(crc ^ byte) & 0xFF] ^ (crc >> 8)
    return crc ^ 0xFFFFFFFF


def _pick_crc32c() -> tuple[str, Callable[[bytes | bytearray | memoryview, int], int]]:
    try:
        from awscrt import checksums as crt_checksums

        return "awscrt", lambda data, value: crt_checksums.crc32c(data, value)
    except ImportError:
        pass
    try:
        import google_crc32c

        return "google_crc32c", lambda data, value: google_crc32c.extend(value, bytes(data))
    except ImportError:
        pass
    try:
        import crc32c as crc32c_module

        return "crc32c", lambda data, value: crc32c_module.crc32c(bytes(data), value)
    except ImportError:
        pass
    return "pure-python", crc32c_pure


CRC32C_BACKEND, _crc32c_impl = _pick_crc32c()


def crc32c(data: bytes | bytearray | memoryview, value: int = 0) -> int:
    """CRC32C of `data` continuing from `value` (0 to start), with the fastest backend found."""
    return _crc32c_impl(data, value)


# -- CRC64NVME (CRC-64/NVME, reflected polynomial 0x9A6C9329AC4BC9B5) ---------------------------

_CRC64NVME_POLY = 0x9A6C9329AC4BC9B5
_MASK64 = (1 << 64) - 1


def _make_crc64_table() -> tuple[int, ...]:
    table = []
    for n in range(256):
        c = n
        for _ in range(8):
            c = (c >> 1) ^ _CRC64NVME_POLY if c & 1 else c >> 1
        table.append(c)
    return tuple(table)


_CRC64_TABLE = _make_crc64_table()


def crc64nvme_pure(data: bytes | bytearray | memoryview, value: int = 0) -> int:
    """CRC64NVME of `data` continuing from `value` (0 to start), in pure Python (bytewise)."""
    table = _CRC64_TABLE
    crc = value ^ _MASK64
    for byte in memoryview(data).cast("B"):
        crc = table[(crc ^ byte) & 0xFF] ^ (crc >> 8)
    return crc ^ _MASK64


def _pick_crc64nvme() -> tuple[str, Callable[[bytes | bytearray | memoryview, int], int]]:
    try:
        from awscrt import checksums as crt_checksums
    except ImportError:
        return "pure-python", crc64nvme_pure
    return "awscrt", lambda data, value: crt_checksums.crc64nvme(data, value)


CRC64NVME_BACKEND, _crc64nvme_impl = _pick_crc64nvme()


def crc64nvme(data: bytes | bytearray | memoryview, value: int = 0) -> int:
    """CRC64NVME of `data` continuing from `value` (0 to start), with the fastest backend."""
    return _crc64nvme_impl(data, value)


# -- combining CRCs (S3's FULL_OBJECT checksums of multipart uploads) ---------------------------

# (reflected polynomial, width in bits) of the CRCs S3 can combine into a full-object checksum.
_CRC_POLY = {
    ChecksumAlgorithm.CRC32: (0xEDB88320, 32),
    ChecksumAlgorithm.CRC32C: (_CRC32C_POLY, 32),
    ChecksumAlgorithm.CRC64NVME: (_CRC64NVME_POLY, 64),
}
CRC_ALGORITHMS = frozenset(_CRC_POLY)


def crc_width(algorithm: ChecksumAlgorithm | str) -> int:
    """The digest size in bytes of a CRC algorithm (4 or 8)."""
    return _CRC_POLY[_algorithm(algorithm)][1] // 8


def _multiply_mod_poly(a: int, b: int, poly: int, width: int) -> int:
    """a(x) * b(x) modulo the CRC polynomial, in the reflected bit order CRCs use."""
    product = 0
    bit = 1 << (width - 1)
    while a:
        if a & bit:
            product ^= b
            a ^= bit
        bit >>= 1
        b = (b >> 1) ^ poly if b & 1 else b >> 1
    return product


def _x_to_8n_mod_poly(nbytes: int, poly: int, width: int) -> int:
    """x^(8 * nbytes) modulo the polynomial, by repeated squaring."""
    result = 1 << (width - 1)  # the polynomial "1"
    square = 1 << (width - 9)  # x^8: one byte of shift
    while nbytes:
        if nbytes & 1:
            result = _multiply_mod_poly(square, result, poly, width)
        square = _multiply_mod_poly(square, square, poly, width)
        nbytes >>= 1
    return result


def crc_combine(algorithm: ChecksumAlgorithm | str, crc1: int, crc2: int, len2: int) -> int:
    """CRC of `A + B` from crc(A), crc(B) and len(B), without the data (CRC32, CRC32C or
    CRC64NVME): what makes a whole file's CRC from its parts' CRCs."""
    found = _CRC_POLY.get(_algorithm(algorithm))
    if found is None:
        raise ValueError(f"{algorithm} checksums cannot be combined; only CRCs")
    if len2 < 0:
        raise ValueError("a length cannot be negative")
    poly, width = found
    return _multiply_mod_poly(_x_to_8n_mod_poly(len2, poly, width), crc1, poly, width) ^ crc2


def full_object_checksum(
    algorithm: ChecksumAlgorithm | str, parts: Sequence[tuple[str, int]]
) -> str:
    """S3's FULL_OBJECT checksum of a multipart object from its parts' (base64 CRC, size).

    The result is the CRC of the whole object, base64, as if it had been uploaded in one piece.
    """
    if not parts:
        raise ValueError("a multipart upload has at least one part")
    total = 0
    for index, (b64, size) in enumerate(parts):
        value = int.from_bytes(base64.b64decode(b64, validate=True), "big")
        total = value if index == 0 else crc_combine(algorithm, total, value, size)
    return base64.b64encode(total.to_bytes(crc_width(algorithm), "big")).decode("ascii")


# -- streaming hashers --------------------------------------------------------------------------


class StreamingChecksum(Protocol):
    algorithm: ChecksumAlgorithm

    def update(self, data: bytes | bytearray | memoryview) -> None: ...

    def digest(self) -> bytes: ...

    def b64(self) -> str: ...


class _CrcChecksum:
    def __init__(
        self,
        algorithm: ChecksumAlgorithm,
        fn: Callable[[bytes | bytearray | memoryview, int], int],
    ) -> None:
        self.algorithm = algorithm
        self._fn = fn
        self._value = 0
        self._width = crc_width(algorithm)

    def update(self, data: bytes | bytearray | memoryview) -> None:
        self._value = self._fn(data, self._value)

    @property
    def value(self) -> int:
        return self._value

    def digest(self) -> bytes:
        return self._value.to_bytes(self._width, "big")

    def b64(self) -> str:
        return base64.b64encode(self.digest()).decode("ascii")


class _HashlibChecksum:
    def __init__(self, algorithm: ChecksumAlgorithm, hasher: Any) -> None:
        self.algorithm = algorithm
        self._hasher = hasher

    def update(self, data: bytes | bytearray | memoryview) -> None:
        self._hasher.update(data)

    def digest(self) -> bytes:
        digest: bytes = self._hasher.digest()
        return digest

    def b64(self) -> str:
        return base64.b64encode(self.digest()).decode("ascii")


def new_checksum(algorithm: ChecksumAlgorithm | str) -> StreamingChecksum:
    """A fresh streaming checksum: `update()` with chunks, then `b64()` for S3."""
    algorithm = _algorithm(algorithm)
    if algorithm is ChecksumAlgorithm.MD5:
        return _HashlibChecksum(algorithm, hashlib.md5(usedforsecurity=False))
    if algorithm is ChecksumAlgorithm.SHA256:
        return _HashlibChecksum(algorithm, hashlib.sha256())
    if algorithm is ChecksumAlgorithm.CRC32:
        return _CrcChecksum(algorithm, zlib.crc32)
    if algorithm is ChecksumAlgorithm.CRC64NVME:
        return _CrcChecksum(algorithm, crc64nvme)
    return _CrcChecksum(algorithm, crc32c)


def checksum_b64(algorithm: ChecksumAlgorithm | str, data: bytes | bytearray | memoryview) -> str:
    """The base64 value S3 expects for `data` under `algorithm`."""
    checksum = new_checksum(algorithm)
    checksum.update(data)
    return checksum.b64()


def file_checksums(
    path: Path,
    algorithms: Iterable[ChecksumAlgorithm | str],
    offset: int = 0,
    length: int | None = None,
    chunk_size: int = 1024 * 1024,
) -> dict[ChecksumAlgorithm, str]:
    """Base64 checksums of `length` bytes of `path` from `offset` (to EOF when None), one pass.

    Raises ValueError when the file ends before `offset + length` (it changed under us).
    """
    checksums = [new_checksum(a) for a in algorithms]
    remaining = length
    with open(path, "rb") as f:
        f.seek(offset)
        while remaining is None or remaining > 0:
            want = chunk_size if remaining is None else min(chunk_size, remaining)
            chunk = f.read(want)
            if not chunk:
                break
            for checksum in checksums:
                checksum.update(chunk)
            if remaining is not None:
                remaining -= len(chunk)
    if remaining:
        raise ValueError(f"{path} ended {remaining} bytes before the expected range")
    return {c.algorithm: c.b64() for c in checksums}


# -- encodings ----------------------------------------------------------------------------------


def b64_to_hex(value: str) -> str:
    return base64.b64decode(value, validate=True).hex()


def hex_to_b64(value: str) -> str:
    return base64.b64encode(bytes.fromhex(value)).decode("ascii")


# -- ETags --------------------------------------------------------------------------------------

_MD5_HEX = re.compile(r"^[0-9a-fA-F]{32}$")
_MULTIPART_ETAG = re.compile(r"^[0-9a-fA-F]{32}-[1-9][0-9]*$")


def unquote_etag(etag: str) -> str:
    """An ETag without its quotes (and without a weak `W/` marker)."""
    etag = etag.strip()
    if etag.startswith("W/"):
        etag = etag[2:]
    if len(etag) >= 2 and etag[0] == etag[-1] == '"':
        etag = etag[1:-1]
    return etag


def multipart_etag(part_md5_digests: Sequence[bytes]) -> str:
    """The ETag S3 gives a multipart upload: hex MD5 of the parts' raw MD5 digests, `-N`.

    Returned without quotes; compare with `unquote_etag(server_etag)`.
    """
    if not part_md5_digests:
        raise ValueError("a multipart upload has at least one part")
    joined = hashlib.md5(b"".join(part_md5_digests), usedforsecurity=False).hexdigest()
    return f"{joined}-{len(part_md5_digests)}"


def multipart_part_count(etag: str) -> int | None:
    """N for a multipart ETag `<hex>-N`, None for any other ETag."""
    etag = unquote_etag(etag)
    if not _MULTIPART_ETAG.match(etag):
        return None
    return int(etag.rsplit("-", 1)[1])


def is_plain_md5_etag(
    etag: str,
    server_side_encryption: str | None = None,
    sse_customer_algorithm: str | None = None,
) -> bool:
    """True when the ETag is the MD5 of the object's bytes, so a download can be checked with it.

    It is not for multipart uploads (`<hex>-N`), for SSE-KMS (`aws:kms`, `aws:kms:dsse`) and for
    SSE-C objects, whose ETags are not an MD5 of the plaintext. SSE-S3 (`AES256`) keeps the MD5.
    Pass the object's `ServerSideEncryption` and `SSECustomerAlgorithm` from HEAD/GET.
    """
    if sse_customer_algorithm:
        return False
    if server_side_encryption and server_side_encryption.lower().startswith("aws:kms"):
        return False
    return bool(_MD5_HEX.match(unquote_etag(etag)))


def is_plain_md5_response(response: Mapping[str, Any]) -> bool:
    """`is_plain_md5_etag` applied to a botocore HeadObject/GetObject response."""
    return is_plain_md5_etag(
        str(response.get("ETag", "")),
        response.get("ServerSideEncryption"),
        response.get("SSECustomerAlgorithm"),
    )


def md5_hex_from_etag(etag: str) -> str | None:
    """The lowercase hex MD5 when `etag` looks like one (caller checks encryption), else None."""
    etag = unquote_etag(etag)
    return etag.lower() if _MD5_HEX.match(etag) else None


# -- composite (multipart) checksums -----------------------------------------------------------


def composite_checksum(
    algorithm: ChecksumAlgorithm | str, part_checksums_b64: Sequence[str]
) -> str:
    """S3's COMPOSITE checksum of a multipart object: checksum of the parts' raw checksums, `-N`.

    `part_checksums_b64` are the parts' base64 checksums in part-number order (what UploadPart
    returned); the result is what GetObjectAttributes/HeadObject report, e.g. `AbCd==-3`.
    """
    algorithm = _algorithm(algorithm)
    if algorithm is ChecksumAlgorithm.MD5:
        raise ValueError("S3 has no composite MD5 checksum; use multipart_etag()")
    if not part_checksums_b64:
        raise ValueError("a multipart upload has at least one part")
    try:
        raw = b"".join(base64.b64decode(p, validate=True) for p in part_checksums_b64)
    except binascii.Error as exc:
        raise ValueError(f"not a base64 checksum: {exc}") from exc
    return f"{checksum_b64(algorithm, raw)}-{len(part_checksums_b64)}"


def split_checksum(value: str) -> tuple[str, int | None]:
    """`("AbCd==", 3)` for a composite `AbCd==-3`; `(value, None)` for a full-object checksum."""
    head, sep, tail = value.rpartition("-")
    if sep and tail.isdigit() and head:
        return head, int(tail)
    return value, None
