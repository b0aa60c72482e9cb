from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from botocore.exceptions import ClientError

from app.core.s3 import thread_guard
from app.core.s3.session import S3Session
from tests.conftest import connection_for
from tests.fixtures.servers import RunningS3


def _fill(admin: object, bucket: str, keys: list[str]) -> None:
    with ThreadPoolExecutor(16) as pool:
        list(pool.map(lambda k: admin.put_object(Bucket=bucket, Key=k, Body=b"x"), keys))  # type: ignore[attr-defined]


def test_list_buckets_shows_created_bucket(seaweed: RunningS3, bucket: str) -> None:
    session = S3Session(connection_for(seaweed))
    names = [b.name for b in session.list_buckets()]
    assert bucket in names


def test_list_prefix_streams_2500_keys_across_pages(
    seaweed: RunningS3, seaweed_admin: object, bucket: str
) -> None:
    keys = [f"data/{i:05d}.txt" for i in range(2500)]
    _fill(seaweed_admin, bucket, [*keys, "data/sub/a.txt", "data/sub/b.txt", "top.txt"])
    session = S3Session(connection_for(seaweed))

    pages = list(session.list_prefix(bucket, "data/"))

    assert len(pages) >= 3  # 1,000 keys a page at most
    assert all(not p.is_last for p in pages[:-1]) and pages[-1].is_last
    listed = [o.key for p in pages for o in p.objects]
    assert listed == keys
    assert [f for p in pages for f in p.folders] == ["data/sub/"]
    first = pages[0].objects[0]
    assert first.size == 1 and first.last_modified.startswith("20") and first.etag


def test_listing_is_lazy(seaweed: RunningS3, seaweed_admin: object, bucket: str) -> None:
    _fill(seaweed_admin, bucket, [f"k{i:03d}" for i in range(30)])
    session = S3Session(connection_for(seaweed, max_keys=10))
    calls: list[str] = []
    session.client(raw_timestamps=True).meta.events.register(
        "before-call.s3.ListObjectsV2", lambda **_: calls.append("list")
    )
    stream = session.list_prefix(bucket, "")
    assert calls == []
    first = next(stream)
    assert len(first.objects) == 10 and calls == ["list"]
    rest = list(stream)
    assert sum(len(p.objects) for p in rest) == 20 and len(calls) == 3


def test_head_object_and_bucket_location(
    seaweed: RunningS3, seaweed_admin: object, bucket: str
) -> None:
    seaweed_admin.put_object(Bucket=bucket, Key="a.bin", Body=b"12345")  # type: ignore[attr-defined]
    session = S3Session(connection_for(seaweed))
    assert session.head_object(bucket, "a.bin")["ContentLength"] == 5
    assert session.get_bucket_location(bucket) == "us-east-1"
    with pytest.raises(ClientError):
        session.head_object(bucket, "missing")


def test_scoped_connection_never_lists_all_buckets(
    seaweed: RunningS3, seaweed_admin: object, bucket: str
) -> None:
    seaweed_admin.put_object(Bucket=bucket, Key="p/one", Body=b"1")  # type: ignore[attr-defined]
    session = S3Session(connection_for(seaweed, bucket=bucket, prefix="p/"))
    calls: list[str] = []
    session.client().meta.events.register(
        "before-call.s3.ListBuckets", lambda **_: calls.append("x")
    )
    assert [b.name for b in session.list_buckets()] == [bucket]
    assert calls == []


def test_s3_call_on_forbidden_thread_raises(seaweed: RunningS3) -> None:
    session = S3Session(connection_for(seaweed))
    result: list[BaseException] = []

    def worker() -> None:
        thread_guard.forbid_current_thread()
        try:
            session.list_buckets()
        except BaseException as exc:
            result.append(exc)
        finally:
            thread_guard.allow_current_thread()

    t = threading.Thread(target=worker)
    t.start()
    t.join()
    assert len(result) == 1 and isinstance(result[0], thread_guard.BlockingCallOnForbiddenThread)
    assert "ListBuckets" in str(result[0])
    assert session.list_buckets() is not None  # other threads are unaffected


def test_upload_after_an_empty_object_does_not_stall_on_seaweedfs(
    seaweed: RunningS3, bucket: str
) -> None:
    # SeaweedFS never answers `Expect: 100-continue` on a pooled connection that just carried
    # a zero-byte upload; with the header, the second PUT waits out the read timeout and fails.
    import io

    conn = connection_for(seaweed, read_timeout=3.0, max_attempts=1)
    assert not conn.effective_expect_continue
    client = S3Session(conn).client()
    client.put_object(Bucket=bucket, Key="folder/", Body=b"")
    client.put_object(Bucket=bucket, Key="folder/a.txt", Body=io.BytesIO(b"hello" * 1000))
    assert client.head_object(Bucket=bucket, Key="folder/a.txt")["ContentLength"] == 5000


def test_expect_continue_is_kept_for_aws_and_when_asked() -> None:
    from app.core.connection import Connection

    assert Connection().effective_expect_continue
    assert Connection(host="minio.example", expect_continue=True).effective_expect_continue
    assert not Connection(host="minio.example").effective_expect_continue
