"""The connection's integrity policy decides a job's checksum and whether Eider keeps its own
CRC in metadata; profiles name the policy, AWS and unknown providers get their defaults."""

from __future__ import annotations

import pytest

from app.core.connection import ChecksumPolicy, Connection
from app.core.integrity_policy import IntegrityPolicy, integrity_from_text
from app.core.profiles.catalogue import find_profile
from app.core.profiles.settings import connection_from_profile, effective_integrity
from app.core.transfers.integrity import resolve_checksum
from app.core.transfers.options import ChecksumAlgorithm, TransferOptions

AWS = Connection()
OTHER = Connection(host="s3.example.net")


@pytest.mark.parametrize(
    ("connection", "expected"),
    [
        (AWS, IntegrityPolicy.CRC64NVME),
        (OTHER, IntegrityPolicy.MD5),  # unknown: Content-MD5, which every provider takes
        (Connection(host="x.net", checksum_policy=ChecksumPolicy.WHEN_SUPPORTED), "crc64nvme"),
        (Connection(checksum_policy=ChecksumPolicy.WHEN_REQUIRED), IntegrityPolicy.MD5),
        (Connection(host="x.net", integrity=IntegrityPolicy.CRC32C), IntegrityPolicy.CRC32C),
    ],
)
def test_default_policies(connection: Connection, expected: str) -> None:
    assert connection.effective_integrity == expected


@pytest.mark.parametrize(
    ("connection", "asked", "checksum", "store_crc"),
    [
        (AWS, ChecksumAlgorithm.AUTO, ChecksumAlgorithm.CRC64NVME, False),
        (OTHER, ChecksumAlgorithm.AUTO, ChecksumAlgorithm.MD5, True),
        (Connection(integrity=IntegrityPolicy.NONE), "auto", ChecksumAlgorithm.NONE, True),
        (Connection(integrity=IntegrityPolicy.CRC32C), "auto", ChecksumAlgorithm.CRC32C, False),
        # A chosen algorithm stands; a CRC is taken to be kept, anything else gets Eider's.
        (OTHER, ChecksumAlgorithm.CRC32C, ChecksumAlgorithm.CRC32C, False),
        (AWS, ChecksumAlgorithm.MD5, ChecksumAlgorithm.MD5, True),
        (AWS, ChecksumAlgorithm.SHA256, ChecksumAlgorithm.SHA256, True),
    ],
)
def test_a_jobs_checksum_is_resolved_from_the_policy(
    connection: Connection, asked: str, checksum: ChecksumAlgorithm, store_crc: bool
) -> None:
    resolved = resolve_checksum(TransferOptions(checksum=ChecksumAlgorithm(asked)), connection)
    assert (resolved.checksum, resolved.store_crc) == (checksum, store_crc)
    assert resolve_checksum(resolved, connection) == resolved  # settled once and for all
    assert TransferOptions.from_json(resolved.to_json()) == resolved  # as the journal keeps it


def test_profiles_name_their_policy() -> None:
    seaweed, r2, aws = (find_profile(v) for v in ("seaweedfs", "cloudflare-r2", "amazon-s3"))
    assert seaweed is not None and r2 is not None and aws is not None
    assert effective_integrity(seaweed) is IntegrityPolicy.CRC64NVME
    assert effective_integrity(r2) is IntegrityPolicy.MD5  # rejects the newer headers
    assert effective_integrity(aws) is IntegrityPolicy.CRC64NVME
    assert connection_from_profile(seaweed).effective_integrity is IntegrityPolicy.CRC64NVME
    with pytest.raises(ValueError, match="'sha3' is not one of crc64nvme, crc32c, md5, none"):
        integrity_from_text("sha3", "here")


def test_a_crc_carried_over_in_metadata_is_never_sent_for_new_bytes() -> None:
    """An edited object's metadata comes back from its HEAD; its old CRC must not go along."""
    from app.core.transfers.integrity import CRC_META
    from app.core.transfers.journal import ItemRecord
    from app.core.transfers.upload import object_args

    item = ItemRecord("job", 0, "/tmp/x.bin", "b", "k", 3, 0)
    stale = TransferOptions(metadata={CRC_META: "AAAAAAAAAAA=", "team": "a"}, preserve_mtime=False)
    assert object_args(stale, item, None)["Metadata"] == {"team": "a"}
    assert object_args(stale, item, None, "fresh")["Metadata"] == {"team": "a", CRC_META: "fresh"}
