"""Turning the connection's integrity policy into a job's checksum options, and what a
download can check an object against.

A job asks for `ChecksumAlgorithm.AUTO` unless the user picked an algorithm; the engine
resolves it when the job is submitted, so the journal and every worker see a real algorithm.
Whatever the request checksum, an object whose provider keeps no full-object CRC gets Eider's
own (`store_crc`), so a later download never has to fall back on MD5 for it.
"""

from __future__ import annotations

from dataclasses import replace

from app.core.connection import Connection
from app.core.integrity_policy import IntegrityPolicy
from app.core.transfers.options import ChecksumAlgorithm, TransferOptions

# Request checksums that S3 combines into a FULL_OBJECT checksum of a multipart upload.
FULL_OBJECT_CRCS = frozenset(
    {ChecksumAlgorithm.CRC32, ChecksumAlgorithm.CRC32C, ChecksumAlgorithm.CRC64NVME}
)
CRC_META = "eider-crc64nvme"  # base64, as S3 writes checksums
METADATA_CRC = ChecksumAlgorithm.CRC64NVME

# CPU-seconds per GiB on the 2-core development machine (tests/benchmarks/bench_checksums.py).
MD5_CPU_PER_GIB = 1.5
CRC_CPU_PER_GIB = 0.06

_POLICY_ALGORITHM = {
    IntegrityPolicy.CRC64NVME: ChecksumAlgorithm.CRC64NVME,
    IntegrityPolicy.CRC32C: ChecksumAlgorithm.CRC32C,
    IntegrityPolicy.MD5: ChecksumAlgorithm.MD5,
    IntegrityPolicy.NONE: ChecksumAlgorithm.NONE,
}


def resolve_checksum(options: TransferOptions, connection: Connection) -> TransferOptions:
    """`options` with AUTO replaced by the connection's policy and `store_crc` decided."""
    policy = connection.effective_integrity
    algorithm = options.checksum
    if algorithm is ChecksumAlgorithm.AUTO:
        algorithm = _POLICY_ALGORITHM[policy]
    keeps = algorithm in FULL_OBJECT_CRCS and (
        options.checksum is not ChecksumAlgorithm.AUTO or policy.provider_keeps_crc
    )
    store_crc = options.store_crc or not keeps
    if (algorithm, store_crc) == (options.checksum, options.store_crc):
        return options
    return replace(options, checksum=algorithm, store_crc=store_crc)


def describe_policy(policy: IntegrityPolicy) -> dict[str, str]:
    """The policy in words for `eider profile inspect` and the bookmark settings."""
    algorithm = _POLICY_ALGORITHM[policy]
    return {
        "policy": policy.value,
        "upload_checksum": algorithm.value,
        "full_object_checksum": (
            algorithm.value if policy.provider_keeps_crc else METADATA_CRC.value
        ),
        "full_object_kept_by": "provider" if policy.provider_keeps_crc else "eider-metadata",
    }


def policy_summary(policy: IntegrityPolicy) -> str:
    """One line for people: what uploads carry and what downloads check."""
    if policy.provider_keeps_crc:
        name = policy.value.upper()
        return f"Uploads carry {name}; the provider keeps the object's {name}, downloads check it"
    sent = "Content-MD5" if policy is IntegrityPolicy.MD5 else "no checksum"
    return (
        f"Uploads carry {sent}; Eider keeps a CRC64NVME in the object's metadata,"
        " downloads check it"
    )


def md5_note() -> str:
    """What a job's notes say when an object could only be checked by MD5."""
    return (
        "Checked by MD5: an object here has no CRC to check against (uploaded in parts by"
        " another program, or to a provider that keeps none). MD5 costs about"
        f" {MD5_CPU_PER_GIB:.1f} CPU-seconds per GiB, a CRC about {CRC_CPU_PER_GIB:.2f}."
    )
