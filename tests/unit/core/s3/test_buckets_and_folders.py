from __future__ import annotations

import uuid

import pytest

from app.core.s3.buckets import BucketNotEmpty, InvalidBucketName, create_bucket, delete_bucket
from app.core.s3.folders import DIRECTORY_CONTENT_TYPE, create_folder, folder_name_problem
from app.core.s3.session import S3Session
from tests.conftest import connection_for
from tests.fixtures.servers import RunningS3


def _name() -> str:
    return f"t-{uuid.uuid4().hex[:16]}"


def test_create_and_delete_bucket_on_seaweed(seaweed: RunningS3, seaweed_admin: object) -> None:
    session = S3Session(connection_for(seaweed))
    name = _name()
    create_bucket(session, name, "us-east-1")
    names = [b["Name"] for b in seaweed_admin.list_buckets()["Buckets"]]  # type: ignore[attr-defined]
    assert name in names
    delete_bucket(session, name)
    names = [b["Name"] for b in seaweed_admin.list_buckets()["Buckets"]]  # type: ignore[attr-defined]
    assert name not in names


def test_create_bucket_outside_us_east_1_sends_location_constraint(
    moto: RunningS3, moto_admin: object
) -> None:
    session = S3Session(connection_for(moto))
    name = _name()
    sent: list[object] = []
    session.client("eu-west-3").meta.events.register(
        "provide-client-params.s3.CreateBucket", lambda params, **_: sent.append(params)
    )
    create_bucket(session, name, "eu-west-3")
    assert sent[0]["CreateBucketConfiguration"] == {"LocationConstraint": "eu-west-3"}  # type: ignore[index]
    location = moto_admin.get_bucket_location(Bucket=name)["LocationConstraint"]  # type: ignore[attr-defined]
    assert location == "eu-west-3"


def test_create_bucket_in_us_east_1_sends_no_location_constraint(moto: RunningS3) -> None:
    session = S3Session(connection_for(moto))
    sent: list[dict[str, object]] = []
    session.client("us-east-1").meta.events.register(
        "provide-client-params.s3.CreateBucket", lambda params, **_: sent.append(params)
    )
    create_bucket(session, _name(), "us-east-1")
    assert "CreateBucketConfiguration" not in sent[0]


def test_invalid_bucket_name_is_refused_before_any_request(seaweed: RunningS3) -> None:
    session = S3Session(connection_for(seaweed))
    with pytest.raises(InvalidBucketName) as info:
        create_bucket(session, "Bad_Name")
    assert len(info.value.problems) == 2
    assert "uppercase" in str(info.value)


def test_delete_non_empty_bucket_fails_and_keeps_it(
    seaweed: RunningS3, seaweed_admin: object, bucket: str
) -> None:
    seaweed_admin.put_object(Bucket=bucket, Key="keep", Body=b"1")  # type: ignore[attr-defined]
    session = S3Session(connection_for(seaweed))
    # SeaweedFS itself would delete a non-empty bucket with its contents: Eider must refuse.
    with pytest.raises(BucketNotEmpty, match="'keep'"):
        delete_bucket(session, bucket)
    assert seaweed_admin.head_object(Bucket=bucket, Key="keep")  # type: ignore[attr-defined]


def test_delete_bucket_refuses_when_only_old_versions_remain(
    seaweed: RunningS3, seaweed_admin: object, bucket: str
) -> None:
    seaweed_admin.put_bucket_versioning(  # type: ignore[attr-defined]
        Bucket=bucket, VersioningConfiguration={"Status": "Enabled"}
    )
    seaweed_admin.put_object(Bucket=bucket, Key="gone", Body=b"1")  # type: ignore[attr-defined]
    seaweed_admin.delete_object(Bucket=bucket, Key="gone")  # type: ignore[attr-defined]
    session = S3Session(connection_for(seaweed))
    with pytest.raises(BucketNotEmpty, match="versions"):
        delete_bucket(session, bucket)
    seaweed_admin.head_bucket(Bucket=bucket)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("name", "fragment"),
    [("", "empty"), ("a/b", "cannot contain '/'"), (".", "relative"), ("..", "relative")],
)
def test_folder_name_problems(name: str, fragment: str) -> None:
    problem = folder_name_problem(name)
    assert problem is not None and fragment in problem


def test_create_folder_puts_a_zero_byte_directory_placeholder(
    seaweed: RunningS3, seaweed_admin: object, bucket: str
) -> None:
    session = S3Session(connection_for(seaweed))
    key = create_folder(session, bucket, "parent/", "new folder")
    assert key == "parent/new folder/"
    head = seaweed_admin.head_object(Bucket=bucket, Key=key)  # type: ignore[attr-defined]
    assert head["ContentLength"] == 0
    assert head["ContentType"] == DIRECTORY_CONTENT_TYPE
    pages = list(session.list_prefix(bucket, "parent/"))
    assert pages[0].folders == ("parent/new folder/",)


def test_create_folder_refuses_bad_names(seaweed: RunningS3, bucket: str) -> None:
    session = S3Session(connection_for(seaweed))
    with pytest.raises(ValueError, match="cannot contain '/'"):
        create_folder(session, bucket, "", "a/b")
    with pytest.raises(ValueError, match="must end with '/'"):
        create_folder(session, bucket, "parent", "x")
