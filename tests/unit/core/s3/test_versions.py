from __future__ import annotations

from app.core.s3.session import S3Session
from app.core.s3.versions import list_versions, versioning_status
from tests.conftest import connection_for
from tests.fixtures.servers import RunningS3
from tests.unit.core.s3.helpers import all_versions, enable_versioning


def _put(admin: object, bucket: str, key: str, body: bytes) -> str:
    return admin.put_object(Bucket=bucket, Key=key, Body=body)["VersionId"]  # type: ignore[attr-defined]


def _body(admin: object, bucket: str, key: str) -> bytes:
    return admin.get_object(Bucket=bucket, Key=key)["Body"].read()  # type: ignore[attr-defined]


def test_versions_are_listed_by_key_newest_first_with_markers_and_folders(
    seaweed: RunningS3, seaweed_admin: object, bucket: str
) -> None:
    enable_versioning(seaweed_admin, bucket)
    v1 = _put(seaweed_admin, bucket, "docs/a.txt", b"one")
    v2 = _put(seaweed_admin, bucket, "docs/a.txt", b"two!")
    _put(seaweed_admin, bucket, "docs/b.txt", b"b")
    seaweed_admin.delete_object(Bucket=bucket, Key="docs/b.txt")  # type: ignore[attr-defined]
    _put(seaweed_admin, bucket, "docs/sub/c.txt", b"c")
    session = S3Session(connection_for(seaweed))

    pages = list(list_versions(session, bucket, "docs/"))

    entries = [v for p in pages for v in p.versions]
    assert [f for p in pages for f in p.folders] == ["docs/sub/"]
    a = [v for v in entries if v.key == "docs/a.txt"]
    assert [(v.version_id, v.size, v.is_latest) for v in a] == [(v2, 4, True), (v1, 3, False)]
    assert a[0].last_modified.startswith("20")
    b = [v for v in entries if v.key == "docs/b.txt"]
    assert [(v.is_delete_marker, v.is_latest) for v in b] == [(True, True), (False, False)]


def test_version_listing_pages_lazily(
    seaweed: RunningS3, seaweed_admin: object, bucket: str
) -> None:
    enable_versioning(seaweed_admin, bucket)
    for i in range(5):
        _put(seaweed_admin, bucket, f"k{i}", b"1")
        _put(seaweed_admin, bucket, f"k{i}", b"22")
    session = S3Session(connection_for(seaweed))
    calls: list[str] = []
    session.client(raw_timestamps=True).meta.events.register(
        "before-call.s3.ListObjectVersions", lambda **_: calls.append("x")
    )
    stream = list_versions(session, bucket, "", max_keys=3)
    assert calls == []
    pages = list(stream)
    assert len(pages) >= 3 and pages[-1].is_last and not pages[0].is_last
    got = sorted((v.key, v.version_id) for p in pages for v in p.versions)
    assert got == sorted((k, vid) for k, vid, _ in all_versions(seaweed_admin, bucket))


def test_versioning_status(seaweed: RunningS3, seaweed_admin: object, bucket: str) -> None:
    session = S3Session(connection_for(seaweed))
    assert versioning_status(session, bucket) is None
    enable_versioning(seaweed_admin, bucket)
    assert versioning_status(session, bucket) == "Enabled"
    seaweed_admin.put_bucket_versioning(  # type: ignore[attr-defined]
        Bucket=bucket, VersioningConfiguration={"Status": "Suspended"}
    )
    assert versioning_status(session, bucket) == "Suspended"
