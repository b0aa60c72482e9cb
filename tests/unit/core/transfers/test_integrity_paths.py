"""Each way a download is checked catches one corrupted byte, on SeaweedFS and on moto.

- The full-object CRC64NVME the server keeps (the policy for providers that keep one).
- Eider's own CRC64NVME in the object's metadata (providers that keep none, or reject the
  newer checksum headers).
- MD5, for an object with nothing cheaper: a foreign multipart object (the multipart ETag,
  part by part) or a foreign single-part one (its ETag).

Bytes are corrupted for real: on the way, by the fault proxy flipping the byte after a marker
planted in the object (whichever connection, range or part carries it), or at rest, by
overwriting the stored object with a copy whose one byte differs and which keeps the old
metadata. A download of the same proxy with verification off shows the flipped byte does
reach the file when nothing checks it.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from botocore.awsrequest import AWSResponse

from app.core.connection import ChecksumPolicy
from app.core.integrity_policy import IntegrityPolicy
from app.core.s3.session import S3Session
from app.core.transfers import checksums
from app.core.transfers.engine import TransferEngine
from app.core.transfers.integrity import CRC_META, md5_note
from app.core.transfers.jobs import JobSnapshot, JobState
from app.core.transfers.options import MIB, TransferOptions
from tests.conftest import admin_client, connection_for
from tests.fixtures.fault_proxy import Direction, Fault, FaultProxy, fault_proxy_to
from tests.fixtures.servers import RunningS3
from tests.unit.core.transfers.conftest import SMALL

MARKER = b"\x00eider-integrity-marker\xff"
MARKER_AT = 100_000  # inside the first range or part of every download
SINGLE = 3 * MIB  # one PUT with SMALL; one GET with the default options
MULTI = 11 * MIB  # three parts with SMALL

pytestmark = pytest.mark.parametrize("server_name", ["seaweed", "moto"])


@pytest.fixture
def server(request: pytest.FixtureRequest, server_name: str) -> RunningS3:
    running: RunningS3 = request.getfixturevalue(server_name)
    return running


@pytest.fixture
def admin(server: RunningS3) -> Any:
    return admin_client(server)


@pytest.fixture
def bucket_on(admin: Any) -> str:
    name = f"i-{uuid.uuid4().hex[:20]}"
    admin.create_bucket(Bucket=name)
    return name


@pytest.fixture
def engines() -> Iterator[Callable[..., TransferEngine]]:
    made: list[TransferEngine] = []

    def make(server: RunningS3, proxy: FaultProxy | None = None, **changes: Any) -> Any:
        if proxy is not None:
            changes["port"] = proxy.port
        session = S3Session(connection_for(server, **changes))
        engine = TransferEngine(session, sample_interval=0.05)
        made.append(engine)
        return engine

    yield make
    for engine in made:
        engine.close()


def _marked(size: int) -> bytes:
    data = bytearray(os.urandom(size))
    data[MARKER_AT : MARKER_AT + len(MARKER)] = MARKER
    return bytes(data)


def _one_byte_off(data: bytes) -> bytes:
    at = MARKER_AT + len(MARKER)
    return data[:at] + bytes([data[at] ^ 0x01]) + data[at + 1 :]


def _crc64(data: bytes) -> str:
    return checksums.checksum_b64("CRC64NVME", data)


def _upload(engine: TransferEngine, tmp_path: Path, bucket: str, key: str, data: bytes) -> None:
    source = tmp_path / f"{key}.src"
    source.write_bytes(data)
    snap = engine.wait(engine.upload(source, bucket, key, SMALL), 120)
    assert snap.state is JobState.DONE, snap.error


def _download(
    engine: TransferEngine, bucket: str, key: str, target: Path, options: TransferOptions
) -> JobSnapshot:
    return engine.wait(engine.download(bucket, key, target, options), 120)


def _download_options(size: int) -> TransferOptions:
    """One GET for the small object (the lean single-GET path), parts for the big one."""
    return TransferOptions() if size == SINGLE else SMALL


def _caught_on_the_way(
    engines: Callable[..., TransferEngine],
    server: RunningS3,
    bucket: str,
    key: str,
    data: bytes,
    tmp_path: Path,
    expected: str,
    **changes: Any,
) -> JobSnapshot:
    """Download `key` through a proxy that flips the byte after MARKER: it fails naming
    `expected`, while the same download unverified gets the flipped byte into its file."""
    options = _download_options(len(data))
    with fault_proxy_to(server.host, server.port) as proxy:
        proxy.set_faults(Fault.corrupt(Direction.DOWN, MARKER))
        engine = engines(server, proxy, **changes)
        unchecked = tmp_path / f"{key}.unchecked"
        snap = _download(engine, bucket, key, unchecked, replace(options, verify_download=False))
        assert snap.state is JobState.DONE, snap.error
        assert unchecked.read_bytes() == _one_byte_off(data), "the proxy alters one byte"
        target = tmp_path / f"{key}.checked"
        snap = _download(engine, bucket, key, target, options)
        assert proxy.stats.corrupted >= 2
    assert snap.state is JobState.FAILED, "a corrupted byte was accepted"
    assert snap.failures and expected in snap.failures[0].message, snap.failures
    assert not target.exists(), "nothing half-checked is left under the target's name"
    return snap


# -- the full-object CRC the server keeps -----------------------------------------------------


@pytest.mark.parametrize("size", [SINGLE, MULTI], ids=["single", "multipart"])
def test_the_servers_full_object_crc_catches_a_flipped_byte(
    server: RunningS3,
    admin: Any,
    bucket_on: str,
    engines: Callable[..., TransferEngine],
    tmp_path: Path,
    size: int,
) -> None:
    data = _marked(size)
    engine = engines(server, integrity=IntegrityPolicy.CRC64NVME)
    _upload(engine, tmp_path, bucket_on, "obj", data)
    head = admin.head_object(Bucket=bucket_on, Key="obj", ChecksumMode="ENABLED")
    assert head.get("ChecksumCRC64NVME") == _crc64(data), "the server keeps the whole CRC"
    if size == MULTI:
        assert head.get("ChecksumType") == "FULL_OBJECT" and head["ETag"].endswith('-3"')
    assert CRC_META not in head["Metadata"], "no second copy of the CRC where the server has one"

    back = tmp_path / "back.bin"
    snap = _download(engine, bucket_on, "obj", back, _download_options(size))
    assert snap.state is JobState.DONE, snap.error
    assert back.read_bytes() == data and snap.notes == (), "checked by CRC, not MD5"

    _caught_on_the_way(engines, server, bucket_on, "obj", data, tmp_path, "ChecksumCRC64NVME")


# -- Eider's CRC in metadata -------------------------------------------------------------------


@pytest.mark.parametrize("size", [SINGLE, MULTI], ids=["single", "multipart"])
def test_eiders_metadata_crc_catches_a_byte_changed_at_rest(
    server: RunningS3,
    admin: Any,
    bucket_on: str,
    engines: Callable[..., TransferEngine],
    tmp_path: Path,
    size: int,
) -> None:
    data = _marked(size)
    # A provider that keeps no checksum (or rejects the headers): Content-MD5 on each request.
    engine = engines(server, integrity=IntegrityPolicy.MD5)
    _upload(engine, tmp_path, bucket_on, "obj", data)
    head = admin.head_object(Bucket=bucket_on, Key="obj", ChecksumMode="ENABLED")
    assert head["Metadata"][CRC_META] == _crc64(data)
    assert not any(k.startswith("Checksum") and k != "ChecksumType" for k in head), head

    back = tmp_path / "back.bin"
    snap = _download(engine, bucket_on, "obj", back, _download_options(size))
    assert snap.state is JobState.DONE, snap.error
    assert back.read_bytes() == data and snap.notes == (), "checked by CRC, not MD5"

    # The stored object is replaced by one whose one byte differs, with the old metadata: its
    # ETag is the altered bytes' own, so only Eider's CRC can tell.
    _store(admin, bucket_on, "obj", _one_byte_off(data), head["Metadata"], parts=size == MULTI)
    target = tmp_path / "after.bin"
    snap = _download(engine, bucket_on, "obj", target, _download_options(size))
    assert snap.state is JobState.FAILED, "a corrupted byte was accepted"
    assert "the object's metadata says" in snap.failures[0].message, snap.failures
    assert not target.exists()


def test_eiders_metadata_crc_catches_a_flipped_byte_on_the_way(
    server: RunningS3, bucket_on: str, engines: Callable[..., TransferEngine], tmp_path: Path
) -> None:
    data = _marked(MULTI)
    _upload(engines(server, integrity=IntegrityPolicy.NONE), tmp_path, bucket_on, "obj", data)
    _caught_on_the_way(
        engines, server, bucket_on, "obj", data, tmp_path, "the object's metadata says"
    )


def _store(
    admin: Any, bucket: str, key: str, data: bytes, metadata: dict[str, str], parts: bool
) -> None:
    """Put `data` under `key` as another program would: no checksums, in parts if asked."""
    if not parts:
        admin.put_object(Bucket=bucket, Key=key, Body=data, Metadata=metadata)
        return
    upload = admin.create_multipart_upload(Bucket=bucket, Key=key, Metadata=metadata)
    cut = 6 * MIB
    done = []
    for number, piece in enumerate((data[:cut], data[cut:]), 1):
        answer = admin.upload_part(
            Bucket=bucket, Key=key, UploadId=upload["UploadId"], PartNumber=number, Body=piece
        )
        done.append({"PartNumber": number, "ETag": answer["ETag"]})
    admin.complete_multipart_upload(
        Bucket=bucket, Key=key, UploadId=upload["UploadId"], MultipartUpload={"Parts": done}
    )


# -- MD5, for objects with nothing cheaper ------------------------------------------------------


@pytest.mark.parametrize("size", [SINGLE, MULTI], ids=["single", "multipart"])
def test_md5_checks_a_foreign_object_and_the_job_says_so(
    server: RunningS3,
    admin: Any,
    bucket_on: str,
    engines: Callable[..., TransferEngine],
    tmp_path: Path,
    size: int,
) -> None:
    data = _marked(size)
    _store(admin, bucket_on, "foreign", data, {}, parts=size == MULTI)
    head = admin.head_object(Bucket=bucket_on, Key="foreign", ChecksumMode="ENABLED")
    assert not any(k.startswith("Checksum") and k != "ChecksumType" for k in head), head

    engine = engines(server)
    back = tmp_path / "back.bin"
    snap = _download(engine, bucket_on, "foreign", back, _download_options(size))
    assert snap.state is JobState.DONE, snap.error
    assert back.read_bytes() == data
    assert snap.notes == (md5_note(),), "the job says the check was an MD5 one, and its cost"
    assert "CPU-seconds per GiB" in md5_note()

    expected = "ETag" if size == MULTI else "MD5"
    snap = _caught_on_the_way(engines, server, bucket_on, "foreign", data, tmp_path, expected)


# -- a provider that rejects the newer checksum headers -------------------------------------------


_NEWER = ("x-amz-checksum-", "x-amz-sdk-checksum-algorithm", "x-amz-trailer")


@pytest.mark.parametrize(
    ("integrity", "per_request"),
    [(None, "content-md5"), (IntegrityPolicy.NONE, None)],
    ids=["md5", "none"],
)
def test_a_provider_rejecting_the_newer_checksum_headers_still_gets_uploads(
    server: RunningS3,
    admin: Any,
    bucket_on: str,
    engines: Callable[..., TransferEngine],
    tmp_path: Path,
    integrity: IntegrityPolicy | None,
    per_request: str | None,
) -> None:
    # Stubbed: neither SeaweedFS nor moto rejects the headers. A before-send handler answers
    # 400 for any request carrying one, as such providers do; every other request reaches the
    # real server. The connection is what a profile with `s3.upload.checksum.header` false
    # gives (checksum_policy WHEN_REQUIRED, whose default integrity policy is MD5).
    engine = engines(server, checksum_policy=ChecksumPolicy.WHEN_REQUIRED, integrity=integrity)
    gate = _reject_newer_headers(engine.session)
    small, big = _marked(SINGLE), _marked(MULTI)
    _upload(engine, tmp_path, bucket_on, "small", small)
    _upload(engine, tmp_path, bucket_on, "big", big)

    assert gate.rejected == 0, "no request carried the newer checksum headers"
    bodies = [h for h in gate.puts if int(h.get("content-length", "0") or 0) > 0]
    assert len(bodies) == 4, "one PUT, three parts"
    if per_request:
        assert all(per_request in h for h in bodies)
    else:
        assert not any("content-md5" in h for h in bodies)
    for key, data in (("small", small), ("big", big)):
        head = admin.head_object(Bucket=bucket_on, Key=key)
        assert head["Metadata"][CRC_META] == _crc64(data)
        back = tmp_path / f"{key}.back"
        snap = _download(engine, bucket_on, key, back, SMALL)
        assert snap.state is JobState.DONE and back.read_bytes() == data, snap.error


def test_the_rejection_stub_bites_a_crc64nvme_policy(
    server: RunningS3,
    bucket_on: str,
    engines: Callable[..., TransferEngine],
    tmp_path: Path,
) -> None:
    """The stub above is real enough: the same provider fails an upload that sends them."""
    engine = engines(server, integrity=IntegrityPolicy.CRC64NVME)
    gate = _reject_newer_headers(engine.session)
    source = tmp_path / "small.bin"
    source.write_bytes(_marked(SINGLE))
    snap = engine.wait(engine.upload(source, bucket_on, "small", SMALL), 60)
    assert snap.state is JobState.FAILED and gate.rejected >= 1
    assert "checksum" in (snap.error or "").lower() + str(snap.failures).lower()


class _Gate:
    def __init__(self) -> None:
        self.rejected = 0
        self.puts: list[dict[str, str]] = []  # the headers of the PUTs let through


def _reject_newer_headers(session: S3Session) -> _Gate:
    """Refuse requests with the newer checksum headers, as such a provider does."""
    seen = _Gate()

    def gate(request: Any, **_: Any) -> AWSResponse | None:
        headers = {k.lower(): str(v) for k, v in request.headers.items()}
        # x-amz-checksum-mode asks for the stored checksums on a read; it carries none.
        if any(n.startswith(_NEWER) and n != "x-amz-checksum-mode" for n in headers):
            seen.rejected += 1
            body = (
                b"<?xml version='1.0' encoding='UTF-8'?><Error><Code>InvalidArgument</Code>"
                b"<Message>Unsupported header 'x-amz-checksum-crc64nvme' received for this API"
                b" call.</Message></Error>"
            )
            return AWSResponse(request.url, 400, {"Content-Type": "application/xml"}, _Raw(body))
        if request.method == "PUT":
            seen.puts.append(headers)
        return None

    session.client().meta.events.register_first("before-send.s3.*", gate)
    return seen


class _Raw:
    def __init__(self, body: bytes) -> None:
        self._body = body

    def stream(self, **_: Any) -> Iterator[bytes]:
        yield self._body


def test_client_side_encrypted_parts_combine_into_the_full_object_crc(
    server: RunningS3,
    admin: Any,
    bucket_on: str,
    engines: Callable[..., TransferEngine],
    tmp_path: Path,
) -> None:
    """Encrypted parts are longer than the plaintext's: the combined CRC uses their sizes."""
    from app.core.cse.key_store import store_local_key

    options = replace(SMALL, cse_key_ref=store_local_key(os.urandom(32)))
    data = os.urandom(MULTI + 3)
    (tmp_path / "f.bin").write_bytes(data)
    engine = engines(server, integrity=IntegrityPolicy.CRC64NVME)
    snap = engine.wait(engine.upload(tmp_path / "f.bin", bucket_on, "f.bin", options), 120)
    assert snap.state is JobState.DONE, snap.error
    head = admin.head_object(Bucket=bucket_on, Key="f.bin", ChecksumMode="ENABLED")
    stored = admin.get_object(Bucket=bucket_on, Key="f.bin")["Body"].read()
    assert head.get("ChecksumCRC64NVME") == _crc64(stored) and head["ETag"].endswith('-3"')
    snap = engine.wait(engine.download(bucket_on, "f.bin", tmp_path / "back.bin", options), 120)
    assert snap.state is JobState.DONE, snap.error
    assert (tmp_path / "back.bin").read_bytes() == data
