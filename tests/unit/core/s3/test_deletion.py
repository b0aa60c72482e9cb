from __future__ import annotations

import threading
import uuid

import pytest

from app.core.s3.deletion import (
    DeleteMode,
    Target,
    count_objects,
    delete_prefix,
    delete_targets,
)
from app.core.s3.session import S3Session
from tests.conftest import connection_for
from tests.fixtures.servers import RunningS3
from tests.unit.core.s3.helpers import all_keys, all_versions, enable_versioning, fill


def _count_requests(session: S3Session) -> list[int]:
    sizes: list[int] = []
    session.client().meta.events.register(
        "provide-client-params.s3.DeleteObjects",
        lambda params, **_: sizes.append(len(params["Delete"]["Objects"])),
    )
    return sizes


def test_count_then_delete_prefix_in_batches_of_1000(
    seaweed: RunningS3, seaweed_admin: object, bucket: str
) -> None:
    doomed = [f"big/{i:05d}" for i in range(2300)] + ["big/", "big/sub/deep.txt"]
    fill(seaweed_admin, bucket, [*doomed, "big-sibling.txt", "other/keep.txt"])
    session = S3Session(connection_for(seaweed))
    counted: list[int] = []

    count = count_objects(session, bucket, "big/", progress=lambda n, _: counted.append(n))
    assert count.objects == len(doomed) and count.bytes == len(doomed) - 1  # "big/" is empty
    assert counted[-1] == len(doomed) and len(counted) >= 3

    sizes = _count_requests(session)
    seen: list[tuple[int, int | None]] = []
    report = delete_prefix(
        session, bucket, "big/", total=count.objects, progress=lambda d, t: seen.append((d, t))
    )

    assert report.ok and report.deleted == len(doomed) and report.failures == []
    assert sorted(sizes) == [302, 1000, 1000]
    assert seen[-1] == (len(doomed), len(doomed))
    assert sorted(all_keys(seaweed_admin, bucket)) == ["big-sibling.txt", "other/keep.txt"]


def test_keys_with_awkward_names_are_deleted(
    seaweed: RunningS3, seaweed_admin: object, bucket: str
) -> None:
    keys = ["odd/trailing space ", "odd/caf\u0065\u0301.txt", "odd/tab\there", "odd/100%&+?.txt"]
    fill(seaweed_admin, bucket, keys)
    session = S3Session(connection_for(seaweed))
    report = delete_targets(session, bucket, [Target(k) for k in keys])
    assert report.ok and report.deleted == 4
    assert all_keys(seaweed_admin, bucket) == []


def test_cancel_stops_taking_batches_and_says_so(
    seaweed: RunningS3, seaweed_admin: object, bucket: str
) -> None:
    fill(seaweed_admin, bucket, [f"c/{i:03d}" for i in range(60)])
    session = S3Session(connection_for(seaweed))
    cancel = threading.Event()

    report = delete_prefix(
        session,
        bucket,
        "c/",
        cancel=cancel,
        progress=lambda d, t: cancel.set(),
        workers=1,
        batch_size=10,
    )

    left = all_keys(seaweed_admin, bucket, "c/")
    assert report.cancelled and not report.ok and report.failures == []
    assert 10 <= report.deleted < 60  # batches in flight finish; no new one starts
    assert len(left) == 60 - report.deleted


def test_plain_delete_on_versioned_bucket_leaves_delete_markers(
    seaweed: RunningS3, seaweed_admin: object, bucket: str
) -> None:
    enable_versioning(seaweed_admin, bucket)
    fill(seaweed_admin, bucket, ["v/a", "v/b"])
    session = S3Session(connection_for(seaweed))
    report = delete_prefix(session, bucket, "v/", DeleteMode.MARKER)
    assert report.ok and report.deleted == 2
    assert all_keys(seaweed_admin, bucket) == []
    history = all_versions(seaweed_admin, bucket)
    assert sorted((k, marker) for k, _, marker in history) == [
        ("v/a", False),
        ("v/a", True),
        ("v/b", False),
        ("v/b", True),
    ]


def test_permanent_delete_removes_every_version_and_marker(
    seaweed: RunningS3, seaweed_admin: object, bucket: str
) -> None:
    enable_versioning(seaweed_admin, bucket)
    fill(seaweed_admin, bucket, ["p/a", "p/b", "q/keep"])
    fill(seaweed_admin, bucket, ["p/a"], body=b"second")
    seaweed_admin.delete_object(Bucket=bucket, Key="p/b")  # type: ignore[attr-defined]
    session = S3Session(connection_for(seaweed))

    count = count_objects(session, bucket, "p/", DeleteMode.ALL_VERSIONS)
    assert count.objects == 4  # a twice, b once, b's delete marker

    report = delete_prefix(session, bucket, "p/", DeleteMode.ALL_VERSIONS, total=count.objects)
    assert report.ok and report.deleted == 4
    assert all_versions(seaweed_admin, bucket, "p/") == []
    assert [k for k, _, _ in all_versions(seaweed_admin, bucket)] == ["q/keep"]


def test_per_key_failures_are_reported_not_dropped(moto: RunningS3, moto_admin: object) -> None:
    # A version under legal hold cannot be deleted: DeleteObjects answers per-key AccessDenied.
    # SeaweedFS has no object lock, so this runs on moto.
    name = f"t-{uuid.uuid4().hex[:16]}"
    admin: object = moto_admin
    admin.create_bucket(Bucket=name, ObjectLockEnabledForBucket=True)  # type: ignore[attr-defined]
    fill(admin, name, ["l/free-1", "l/free-2", "l/held"])
    admin.put_object_legal_hold(  # type: ignore[attr-defined]
        Bucket=name, Key="l/held", LegalHold={"Status": "ON"}
    )
    session = S3Session(connection_for(moto))

    report = delete_prefix(session, name, "l/", DeleteMode.ALL_VERSIONS)

    assert not report.ok and report.deleted == 2
    assert [(f.key, f.code) for f in report.failures] == [("l/held", "AccessDenied")]
    assert report.failures[0].version_id
    assert [k for k, _, _ in all_versions(admin, name)] == ["l/held"]
    admin.put_object_legal_hold(  # type: ignore[attr-defined]
        Bucket=name, Key="l/held", LegalHold={"Status": "OFF"}
    )


def test_a_refused_request_reports_every_key_of_its_batch(seaweed: RunningS3) -> None:
    session = S3Session(connection_for(seaweed))
    missing = f"t-missing-{uuid.uuid4().hex[:8]}"
    report = delete_targets(session, missing, [Target("a"), Target("b")])
    assert report.deleted == 0 and not report.ok
    assert [(f.key, f.code) for f in report.failures] == [
        ("a", "NoSuchBucket"),
        ("b", "NoSuchBucket"),
    ]


def test_delete_prefix_needs_a_folder_prefix_or_an_explicit_whole_bucket(
    seaweed: RunningS3, seaweed_admin: object, bucket: str
) -> None:
    fill(seaweed_admin, bucket, ["photos-2024.jpg", "photos/a.jpg"])
    session = S3Session(connection_for(seaweed))
    with pytest.raises(ValueError, match="must end with '/'"):
        delete_prefix(session, bucket, "photos")
    with pytest.raises(ValueError, match="whole_bucket=True"):
        delete_prefix(session, bucket, "")
    assert sorted(all_keys(seaweed_admin, bucket)) == ["photos-2024.jpg", "photos/a.jpg"]
    report = delete_prefix(session, bucket, "", whole_bucket=True)
    assert report.ok and report.deleted == 2 and all_keys(seaweed_admin, bucket) == []


def test_slash_heavy_keys_are_deleted_on_moto(moto: RunningS3, moto_admin: object) -> None:
    # SeaweedFS stores "/a" as "a" and "a//b" as "a/b", so these keys are checked on moto.
    name = f"t-{uuid.uuid4().hex[:16]}"
    moto_admin.create_bucket(Bucket=name)  # type: ignore[attr-defined]
    keys = ["d//double", "d/trailing ", "d/" + "\u0041\u030a"]
    fill(moto_admin, name, [*keys, "/leading"])
    session = S3Session(connection_for(moto))
    assert count_objects(session, name, "d/").objects == 3
    assert delete_prefix(session, name, "d/").deleted == 3
    assert delete_targets(session, name, [Target("/leading")]).ok
    assert all_keys(moto_admin, name) == []
