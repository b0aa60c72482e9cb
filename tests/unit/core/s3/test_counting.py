"""Counting what a delete would touch (the confirmation's numbers) on SeaweedFS and moto."""

from __future__ import annotations

import threading
import uuid
from typing import Any

from app.core.s3.counting import count_key_versions, count_objects
from app.core.s3.session import S3Session
from tests.conftest import connection_for
from tests.fixtures.servers import RunningS3
from tests.unit.core.s3.helpers import enable_versioning, fill


def test_count_objects_and_bytes_over_several_pages(
    seaweed: RunningS3, seaweed_admin: Any, bucket: str
) -> None:
    counted = [f"big/{i:05d}" for i in range(2300)] + ["big/", "big/sub/deep.txt"]
    fill(seaweed_admin, bucket, [*counted, "big-sibling.txt", "other/keep.txt"])
    session = S3Session(connection_for(seaweed))
    count = count_objects(session, bucket, "big/")
    assert count.objects == len(counted) and count.bytes == len(counted) - 1  # "big/" is empty
    stop = threading.Event()
    stop.set()
    assert count_objects(session, bucket, "big/", cancel=stop).objects == 1000  # one page


def test_count_versions_and_markers(seaweed: RunningS3, seaweed_admin: Any, bucket: str) -> None:
    enable_versioning(seaweed_admin, bucket)
    fill(seaweed_admin, bucket, ["p/a", "p/b", "p/ab", "q/keep"])
    fill(seaweed_admin, bucket, ["p/a"], body=b"second")
    seaweed_admin.delete_object(Bucket=bucket, Key="p/b")
    session = S3Session(connection_for(seaweed))
    assert count_objects(session, bucket, "p/", versions=True).objects == 5
    assert count_objects(session, bucket, "p/").objects == 2  # a and ab; b is deleted
    assert count_key_versions(session, bucket, "p/a") == 2  # not p/ab's


def test_slash_heavy_keys_are_counted_on_moto(moto: RunningS3, moto_admin: Any) -> None:
    # SeaweedFS stores "/a" as "a" and "a//b" as "a/b", so these keys are checked on moto.
    name = f"t-{uuid.uuid4().hex[:16]}"
    moto_admin.create_bucket(Bucket=name)
    fill(moto_admin, name, ["d//double", "d/trailing ", "d/" + "\u0041\u030a", "/leading"])
    session = S3Session(connection_for(moto))
    assert count_objects(session, name, "d/").objects == 3
