"""Copies and moves between two servers, streamed through Eider as a chain of engine jobs
(SeaweedFS to moto's server), and the chain picked up again after a stop."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.core.s3.session import S3Session
from app.core.transfers.relay import Relay, Relays, Step
from app.core.transfers.service import BookmarkGone, TransferService
from tests.conftest import connection_for
from tests.fixtures.servers import RunningS3
from tests.unit.core.transfers.conftest import random_file


class TwoServers:
    """`session_for` of a service whose bookmark "src" is SeaweedFS and "dst" moto."""

    def __init__(self, seaweed: RunningS3, moto: RunningS3) -> None:
        self.servers = {"src": seaweed, "dst": moto}

    def __call__(self, bookmark_id: str) -> S3Session:
        if bookmark_id not in self.servers:
            raise BookmarkGone(bookmark_id)
        return S3Session(connection_for(self.servers[bookmark_id], owner=bookmark_id))


@pytest.fixture
def target_bucket(moto_admin: Any) -> str:
    import uuid

    name = f"r-{uuid.uuid4().hex[:16]}"
    moto_admin.create_bucket(Bucket=name)
    return name


@pytest.fixture
def two(seaweed: RunningS3, moto: RunningS3) -> TwoServers:
    return TwoServers(seaweed, moto)


@pytest.fixture
def service(two: TwoServers) -> Iterator[TransferService]:
    service = TransferService(two, sample_interval=0.05)
    yield service
    service.close()


def keys(admin: Any, bucket: str) -> list[str]:
    return sorted(o["Key"] for o in admin.list_objects_v2(Bucket=bucket).get("Contents", []))


def ended(relays: Relays) -> tuple[threading.Event, list[Relay]]:
    done = threading.Event()
    seen: list[Relay] = []

    def hear(relay: Relay) -> None:
        seen.append(relay)
        if relay.finished:
            done.set()

    relays.subscribe(hear)
    return done, seen


def test_a_folder_moves_between_two_servers_and_the_source_goes_only_after_the_upload(
    service: TransferService,
    seaweed_admin: Any,
    moto_admin: Any,
    bucket: str,
    target_bucket: str,
    tmp_path: Path,
) -> None:
    seaweed_admin.put_object(Bucket=bucket, Key="docs/", Body=b"")
    seaweed_admin.put_object(Bucket=bucket, Key="docs/a.txt", Body=b"alpha")
    seaweed_admin.put_object(Bucket=bucket, Key="docs/sub/b.bin", Body=bytes(range(256)) * 9)
    seaweed_admin.put_object(Bucket=bucket, Key="other.txt", Body=b"stays")
    relays = Relays(service, tmp_path / "relays.json", tmp_path / "relay")
    done, seen = ended(relays)
    relays.start(
        service.engine_for("src").session, "src", bucket, "docs/",
        service.engine_for("dst").session, "dst", target_bucket, "in/", move=True,
    )  # fmt: skip
    assert done.wait(60), seen
    steps = [r.step for r in seen if r.job_id is not None]
    assert steps == [Step.DOWNLOAD, Step.UPLOAD, Step.DELETE]
    assert seen[-1].step is Step.DONE
    assert keys(moto_admin, target_bucket) == ["in/docs/a.txt", "in/docs/sub/b.bin"]
    got = moto_admin.get_object(Bucket=target_bucket, Key="in/docs/sub/b.bin")["Body"].read()
    assert got == bytes(range(256)) * 9
    assert keys(seaweed_admin, bucket) == ["other.txt"], "the folder and its marker went"
    assert not (tmp_path / "relay" / seen[-1].id).exists(), "the local copy is removed"
    assert relays.relays() == []
    relays.close()


def test_a_copy_keeps_the_source_and_a_missing_source_fails_without_touching_the_target(
    service: TransferService,
    seaweed_admin: Any,
    moto_admin: Any,
    bucket: str,
    target_bucket: str,
    tmp_path: Path,
) -> None:
    seaweed_admin.put_object(Bucket=bucket, Key="one.txt", Body=b"copied")
    relays = Relays(service, tmp_path / "relays.json", tmp_path / "relay")
    done, _seen = ended(relays)
    src, dst = service.engine_for("src").session, service.engine_for("dst").session
    relays.start(src, "src", bucket, "one.txt", dst, "dst", target_bucket, "", move=False)
    assert done.wait(60)
    assert keys(seaweed_admin, bucket) == ["one.txt"]
    assert moto_admin.get_object(Bucket=target_bucket, Key="one.txt")["Body"].read() == b"copied"

    failed = threading.Event()
    relays.subscribe(lambda r: failed.set() if r.step is Step.DOWNLOAD and r.error else None)
    relay = relays.start(src, "src", bucket, "gone.txt", dst, "dst", target_bucket, "", False)
    assert failed.wait(60)
    assert relays.relays()[0].id == relay.id, "kept: a retry of its job would continue it"
    assert keys(moto_admin, target_bucket) == ["one.txt"]
    relays.close()


def test_a_move_stopped_during_its_upload_finishes_after_a_restart(
    two: TwoServers,
    seaweed_admin: Any,
    moto_admin: Any,
    bucket: str,
    target_bucket: str,
    tmp_path: Path,
) -> None:
    data = random_file(tmp_path / "big.bin", 40 * 1024 * 1024)
    seaweed_admin.upload_file(str(tmp_path / "big.bin"), bucket, "big.bin")
    first = TransferService(two, sample_interval=0.05)
    relays = Relays(first, tmp_path / "relays.json", tmp_path / "relay")
    uploading = threading.Event()
    relays.subscribe(lambda r: uploading.set() if r.step is Step.UPLOAD and r.job_id else None)
    relays.start(
        first.engine_for("src").session, "src", bucket, "big.bin",
        first.engine_for("dst").session, "dst", target_bucket, "", move=True,
    )  # fmt: skip
    assert uploading.wait(60)
    relays.close()  # as a kill: the chain stays in relays.json, the upload job in the journal
    first.close()
    assert keys(seaweed_admin, bucket) == ["big.bin"], "nothing deleted before the copy"

    second = TransferService(two, sample_interval=0.05)
    try:
        relays = Relays(second, tmp_path / "relays.json", tmp_path / "relay")
        (left,) = relays.relays()
        assert left.step is Step.UPLOAD
        done, _seen = ended(relays)
        second.resume_interrupted()
        relays.resume()
        assert done.wait(90)
        assert keys(seaweed_admin, bucket) == []
        body = moto_admin.get_object(Bucket=target_bucket, Key="big.bin")["Body"].read()
        assert body == data
        relays.close()
    finally:
        second.close()
