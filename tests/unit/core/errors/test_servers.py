"""Error messages for faults that real servers produce: SeaweedFS first, moto where it lacks one.

Each test provokes the fault through Eider's own session layer and checks the kind, that the
message names what it should, and that the raw server text is not what the person reads.
"""

from __future__ import annotations

import json
import os
import uuid
from typing import Any

import pytest
from botocore.exceptions import ClientError, ParamValidationError

from app.core import secrets
from app.core.credentials.spec import CredentialKind, CredentialSpec
from app.core.errors import ErrorKind, Remedy, UserError, describe
from app.core.s3.session import S3Session
from tests.conftest import connection_for
from tests.fixtures.servers import RunningS3


def _fails(fn: Any, *args: Any, **kwargs: Any) -> ClientError:
    with pytest.raises(ClientError) as caught:
        fn(*args, **kwargs)
    return caught.value


def _common(error: UserError) -> None:
    """What every described server error must hold."""
    assert error.message and error.fix
    assert error.code and error.operation
    assert "contact your provider" not in str(error).lower()
    assert "An error occurred (" not in str(error)  # botocore's raw ClientError text


# -- credentials ---------------------------------------------------------------------------------


def test_wrong_secret(seaweed: RunningS3) -> None:
    connection = connection_for(seaweed)
    secrets.set_secret("test-connection", "secret-key", "not-the-secret-at-all-123")
    error = describe(_fails(S3Session(connection).list_buckets))
    _common(error)
    assert error.kind is ErrorKind.WRONG_SECRET and error.remedy is Remedy.EDIT_CREDENTIALS
    assert "secret access key" in error.message
    assert "not-the-secret-at-all-123" not in str(error) + error.detail


def test_wrong_access_key(seaweed: RunningS3) -> None:
    connection = connection_for(
        seaweed,
        credentials=CredentialSpec(
            kind=CredentialKind.STATIC, access_key_id="NOSUCHKEYID", secret_owner="test-connection"
        ),
    )
    error = describe(_fails(S3Session(connection).list_buckets))
    _common(error)
    assert error.kind is ErrorKind.WRONG_ACCESS_KEY and "access key ID" in error.message


# -- missing things --------------------------------------------------------------------------


def test_no_such_bucket_from_a_listing_and_a_head(seaweed: RunningS3) -> None:
    session = S3Session(connection_for(seaweed))
    name = f"gone-{uuid.uuid4().hex[:12]}"
    listing = describe(_fails(lambda: list(session.list_prefix(name))))
    head = describe(_fails(session.head_bucket, name), bucket=name)  # HEAD: bare 404, no body
    for error in (listing, head):
        _common(error)
        assert error.kind is ErrorKind.NO_SUCH_BUCKET and f"ucket '{name}'" in error.message


def test_no_such_key_from_get_and_head(seaweed: RunningS3, bucket: str) -> None:
    session = S3Session(connection_for(seaweed))
    get = describe(
        _fails(session.call, bucket, lambda c: c.get_object(Bucket=bucket, Key="nope.txt"))
    )
    head = describe(_fails(session.head_object, bucket, "nope.txt"), bucket=bucket, key="nope.txt")
    for error in (get, head):
        _common(error)
        assert error.kind is ErrorKind.NO_SUCH_KEY
        assert f"'nope.txt' in bucket '{bucket}'" in error.message


# -- bucket life cycle -------------------------------------------------------------------------


def test_invalid_bucket_name_from_the_server_and_from_botocore(seaweed: RunningS3) -> None:
    client = S3Session(connection_for(seaweed)).client()
    server = describe(_fails(client.create_bucket, Bucket="ab"))  # too short: server says no
    _common(server)
    assert server.kind is ErrorKind.INVALID_BUCKET_NAME and "'ab'" in server.message
    assert "3-63 characters" in server.fix
    with pytest.raises(ParamValidationError) as caught:  # botocore refuses before sending
        client.create_bucket(Bucket="bad/name")
    local = describe(caught.value, "CreateBucket", bucket="bad/name")
    assert local.kind is ErrorKind.INVALID_BUCKET_NAME and "'bad/name'" in local.message


def test_bucket_already_owned_by_you(seaweed: RunningS3, bucket: str) -> None:
    client = S3Session(connection_for(seaweed)).client()
    error = describe(_fails(client.create_bucket, Bucket=bucket))
    _common(error)
    assert error.kind is ErrorKind.BUCKET_OWNED_BY_YOU and bucket in error.message


def test_bucket_not_empty(moto: RunningS3, moto_admin: Any) -> None:
    # SeaweedFS (weed mini, 4.x) deletes a bucket with objects in it, so moto shows this one.
    name = f"full-{uuid.uuid4().hex[:12]}"
    moto_admin.create_bucket(Bucket=name)
    moto_admin.put_object(Bucket=name, Key="k", Body=b"x")
    session = S3Session(connection_for(moto))
    error = describe(_fails(session.call, name, lambda c: c.delete_bucket(Bucket=name)))
    _common(error)
    assert error.kind is ErrorKind.BUCKET_NOT_EMPTY and name in error.message


def test_seaweedfs_deletes_non_empty_buckets(seaweed_admin: Any, bucket: str) -> None:
    """A fact callers must know: on SeaweedFS, BucketNotEmpty never protects the data."""
    seaweed_admin.put_object(Bucket=bucket, Key="k", Body=b"x")
    seaweed_admin.delete_bucket(Bucket=bucket)
    names = [b["Name"] for b in seaweed_admin.list_buckets()["Buckets"]]
    assert bucket not in names


# -- permissions and encryption ---------------------------------------------------------------


def test_access_denied_names_the_refused_action(
    seaweed: RunningS3, seaweed_admin: Any, bucket: str
) -> None:
    seaweed_admin.put_object(Bucket=bucket, Key="private.txt", Body=b"x")
    policy = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Deny",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": f"arn:aws:s3:::{bucket}/*",
            }
        ],
    }
    seaweed_admin.put_bucket_policy(Bucket=bucket, Policy=json.dumps(policy))
    try:
        session = S3Session(connection_for(seaweed))
        exc = _fails(session.call, bucket, lambda c: c.get_object(Bucket=bucket, Key="private.txt"))
    finally:
        seaweed_admin.delete_bucket_policy(Bucket=bucket)
    error = describe(exc)
    _common(error)
    assert error.kind is ErrorKind.ACCESS_DENIED and error.action == "s3:GetObject"
    assert "s3:GetObject" in error.message and "s3:GetObject" in error.fix
    assert f"'private.txt' in bucket '{bucket}'" in error.message


def test_sse_c_wrong_and_missing_key(seaweed: RunningS3, seaweed_admin: Any, bucket: str) -> None:
    right, wrong = os.urandom(32), os.urandom(32)
    seaweed_admin.put_object(
        Bucket=bucket, Key="enc", Body=b"data", SSECustomerAlgorithm="AES256", SSECustomerKey=right
    )
    session = S3Session(connection_for(seaweed))
    sse = {"SSECustomerAlgorithm": "AES256", "SSECustomerKey": wrong}

    def get(**extra: Any) -> Any:
        return session.call(bucket, lambda c: c.get_object(Bucket=bucket, Key="enc", **extra))

    def head(**extra: Any) -> Any:
        return session.call(bucket, lambda c: c.head_object(Bucket=bucket, Key="enc", **extra))

    # GET with the wrong key: SeaweedFS says only "Access Denied."; the caller knows it sent a
    # key, and says so.
    mismatch_get = describe(_fails(get, **sse), sse_customer_key=True)
    # HEAD with the wrong key: a bare 403, but the response names the SSE-C algorithm.
    mismatch_head = describe(_fails(head, **sse), bucket=bucket, key="enc")
    for error in (mismatch_get, mismatch_head):
        _common(error)
        assert error.kind is ErrorKind.SSE_C_KEY_MISMATCH
        assert error.remedy is Remedy.PROVIDE_SSE_C_KEY and "'enc'" in error.message
    missing_get = describe(_fails(get))
    missing_head = describe(_fails(head), bucket=bucket, key="enc")
    for error in (missing_get, missing_head):
        _common(error)
        assert error.kind is ErrorKind.SSE_C_KEY_MISSING and "customer key" in error.message


def test_precondition_failed(seaweed: RunningS3, seaweed_admin: Any, bucket: str) -> None:
    seaweed_admin.put_object(Bucket=bucket, Key="doc", Body=b"v1")
    session = S3Session(connection_for(seaweed))
    put = describe(
        _fails(
            session.call,
            bucket,
            lambda c: c.put_object(Bucket=bucket, Key="doc", Body=b"v2", IfNoneMatch="*"),
        )
    )
    head = describe(
        _fails(
            session.call, bucket, lambda c: c.head_object(Bucket=bucket, Key="doc", IfMatch='"0"')
        ),
        bucket=bucket,
        key="doc",
    )
    for error in (put, head):
        _common(error)
        assert error.kind is ErrorKind.PRECONDITION_FAILED and "'doc'" in error.message


def test_entity_too_small(seaweed: RunningS3, bucket: str) -> None:
    client = S3Session(connection_for(seaweed)).client()
    upload = client.create_multipart_upload(Bucket=bucket, Key="mp")["UploadId"]
    parts = [
        {
            "PartNumber": n,
            "ETag": client.upload_part(
                Bucket=bucket, Key="mp", UploadId=upload, PartNumber=n, Body=b"x" * 10
            )["ETag"],
        }
        for n in (1, 2)
    ]
    error = describe(
        _fails(
            client.complete_multipart_upload,
            Bucket=bucket,
            Key="mp",
            UploadId=upload,
            MultipartUpload={"Parts": parts},
        )
    )
    _common(error)
    assert error.kind is ErrorKind.ENTITY_TOO_SMALL and "5 MiB" in error.message
    client.abort_multipart_upload(Bucket=bucket, Key="mp", UploadId=upload)


def test_not_implemented(seaweed: RunningS3, bucket: str) -> None:
    session = S3Session(connection_for(seaweed))
    error = describe(
        _fails(session.call, bucket, lambda c: c.get_public_access_block(Bucket=bucket))
    )
    _common(error)
    assert error.kind is ErrorKind.NOT_IMPLEMENTED  # not mistaken for a checksum problem
    assert "does not support" in error.message


# -- archive ---------------------------------------------------------------------------------


@pytest.mark.parametrize("storage_class", ["GLACIER", "DEEP_ARCHIVE"])
def test_archived_object_offers_a_restore(
    moto: RunningS3, moto_admin: Any, storage_class: str
) -> None:
    name = f"cold-{uuid.uuid4().hex[:12]}"
    moto_admin.create_bucket(Bucket=name)
    moto_admin.put_object(Bucket=name, Key="old.tar", Body=b"x", StorageClass=storage_class)
    session = S3Session(connection_for(moto))
    exc = _fails(session.call, name, lambda c: c.get_object(Bucket=name, Key="old.tar"))
    error = describe(exc, bucket=name, key="old.tar")  # moto's body names neither
    _common(error)
    assert error.kind is ErrorKind.ARCHIVED and error.offer_restore
    assert storage_class in error.message and "'old.tar'" in error.message
