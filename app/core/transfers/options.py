"""Per-transfer options and the multipart sizing rule."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from enum import StrEnum
from typing import Any

from app.core.transfers.header_values import (
    header_problem,
    metadata_problem,
    tags_problem,
)

KIB = 1024
MIB = 1024 * KIB
GIB = 1024 * MIB

MIN_PART_SIZE = 5 * MIB
MAX_PART_SIZE = 5 * GIB
MAX_PARTS = 10_000
MAX_SINGLE_PUT = 5 * GIB


class ChecksumAlgorithm(StrEnum):
    """How each request body is verified by the server.

    MD5 sends Content-MD5 (understood by every S3 dialect); the others use the S3 additional
    checksums, which some providers lack. NONE trusts TCP and TLS alone. AUTO is not an
    algorithm: it asks for the connection's integrity policy (`integrity.resolve_checksum`),
    which the engine puts in its place when a job is submitted.
    """

    MD5 = "md5"
    CRC32 = "crc32"
    CRC32C = "crc32c"
    CRC64NVME = "crc64nvme"
    SHA256 = "sha256"
    NONE = "none"
    AUTO = "auto"


class ConflictPolicy(StrEnum):
    """What to do when the target already exists."""

    OVERWRITE = "overwrite"
    RESUME = "resume"  # continue a partial download/upload, else overwrite
    RENAME = "rename"  # keep both: the new copy gets a free name
    SKIP = "skip"
    COMPARE = "compare"  # skip when size (and checksum where known) match, else overwrite
    ASK = "ask"  # ask the caller's conflict resolver


class ServerSideEncryption(StrEnum):
    NONE = "none"
    S3 = "AES256"
    KMS = "aws:kms"
    CUSTOMER = "sse-c"


@dataclass(frozen=True)
class TransferOptions:
    multipart_threshold: int = 100 * MIB
    part_size: int = 10 * MIB
    connections: int = 10  # this job's requests in flight, within the engine's own limit
    checksum: ChecksumAlgorithm = ChecksumAlgorithm.AUTO
    store_sha256: bool = False  # whole-file SHA-256 in x-amz-meta-eider-sha256
    # Whole-file CRC64NVME in x-amz-meta-eider-crc64nvme, for providers that keep no checksum.
    store_crc: bool = False
    verify_download: bool = True
    storage_class: str | None = None
    acl: str | None = None
    sse: ServerSideEncryption = ServerSideEncryption.NONE
    sse_kms_key_id: str | None = None
    # SSE-C: the name of the key in the keyring (app.core.secrets), never the key itself.
    sse_customer_key_ref: str | None = None
    # Client-side encryption (app.core.cse): a local key's name in the keyring, or a KMS key.
    cse_key_ref: str | None = None
    cse_kms_key_id: str | None = None
    content_type: str | None = None  # None: guessed from the file name
    cache_control: str | None = None
    metadata: dict[str, str] = field(default_factory=dict)
    tags: dict[str, str] = field(default_factory=dict)
    preserve_mtime: bool = True
    conflict: ConflictPolicy = ConflictPolicy.OVERWRITE
    rate_limit: float | None = None  # bytes per second for this job; None: only the global one
    max_attempts: int = 6  # per request, including the first
    download_chunk_size: int = 8 * MIB  # ranged GET size for objects without part hints
    copy_threshold: int | None = None  # server-side copies in parts from here; None: as uploads

    def __post_init__(self) -> None:
        if not MIN_PART_SIZE <= self.part_size <= MAX_PART_SIZE:
            raise ValueError("Part size must be between 5 MiB and 5 GiB")
        if self.multipart_threshold < 1:
            raise ValueError("The multipart threshold must be positive")
        if self.connections < 1:
            raise ValueError("At least one connection is needed")
        if self.sse is ServerSideEncryption.KMS and self.sse_kms_key_id == "":
            raise ValueError("An empty KMS key id is not valid; leave it unset for the default")
        if self.sse is ServerSideEncryption.CUSTOMER and not self.sse_customer_key_ref:
            raise ValueError("SSE-C needs a customer key")
        if self.cse_key_ref and self.cse_kms_key_id:
            raise ValueError("Client-side encryption takes a local key or a KMS key, not both")
        if self.rate_limit is not None and self.rate_limit < 0:
            raise ValueError("A rate limit cannot be negative")
        problem = (
            metadata_problem(self.metadata)
            or header_problem("content type", self.content_type)
            or header_problem("cache control", self.cache_control)
            or tags_problem(self.tags)
        )
        if problem:
            raise ValueError(problem)

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> TransferOptions:
        raw: dict[str, Any] = json.loads(text)
        known = {f.name for f in fields(cls)}
        data = {k: v for k, v in raw.items() if k in known}
        for name, enum in (
            ("checksum", ChecksumAlgorithm),
            ("conflict", ConflictPolicy),
            ("sse", ServerSideEncryption),
        ):
            if name in data:
                data[name] = enum(data[name])
        return cls(**data)


def choose_part_size(size: int, preferred: int) -> int:
    """`preferred`, grown (in whole MiB) until `size` fits in 10,000 parts."""
    part = preferred
    if size > part * MAX_PARTS:
        needed = -(-size // MAX_PARTS)
        part = -(-needed // MIB) * MIB
    return min(part, MAX_PART_SIZE)


def part_count(size: int, part_size: int) -> int:
    return max(1, -(-size // part_size))
