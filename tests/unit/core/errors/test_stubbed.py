"""Error messages for faults no test server produces on demand.

STUBBED SERVER: every test here talks to tests/fixtures/faults.py's local HTTP server, which
answers with canned S3 error documents (modelled on what AWS and S3-compatible providers send).
botocore's real HTTP path runs: signing, urllib3, retries, XML parsing. Only the answer is
canned, because SeaweedFS and moto cannot be made to throttle, fail with 5xx, see a skewed
clock, reject checksum headers, refuse ACLs (moto accepts them even with BucketOwnerEnforced),
or fail KMS calls (moto 5.2 accepts unknown and disabled KMS keys for S3 objects).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from botocore.exceptions import ClientError

from app.core import secrets
from app.core.connection import AddressingStyle, ChecksumPolicy, Connection, Scheme
from app.core.credentials.spec import CredentialKind, CredentialSpec
from app.core.errors import ErrorKind, Remedy, UserError, describe
from app.core.s3.session import S3Session
from tests.fixtures.faults import LIST_BUCKETS_OK, Canned, SeenRequest, StubS3, stub_s3_server

Responder = Callable[[SeenRequest], Canned]


@pytest.fixture
def stub() -> Iterator[StubS3]:
    with stub_s3_server(lambda _: LIST_BUCKETS_OK) as server:
        yield server


def _session(stub: StubS3, **changes: Any) -> S3Session:
    secrets.set_secret("stub", "secret-key", "stub-secret")
    fields: dict[str, Any] = {
        "host": stub.host,
        "port": stub.port,
        "scheme": Scheme.HTTP,
        "addressing_style": AddressingStyle.PATH,
        "max_attempts": 1,
        "credentials": CredentialSpec(
            kind=CredentialKind.STATIC, access_key_id="STUBKEY", secret_owner="stub"
        ),
    }
    fields.update(changes)
    return S3Session(Connection(**fields))


def _describe(
    stub: StubS3,
    canned: Canned,
    call: Callable[[Any], Any],
    bucket: str = "b-one",
    key: str = "",
    **kw: Any,
) -> UserError:
    stub.respond = lambda _: canned
    session = _session(stub, **kw)
    with pytest.raises(ClientError) as caught:
        session.call(bucket, call)
    return describe(caught.value, bucket=bucket, key=key)


def _plain(error: UserError) -> None:
    assert error.code and error.operation and error.message and error.fix
    assert "contact your provider" not in str(error).lower()


def _list(c: Any) -> Any:
    return c.list_objects_v2(Bucket="b-one")


def _put(c: Any) -> Any:
    return c.put_object(Bucket="b-one", Key="file.bin", Body=b"hello")


def _get(c: Any) -> Any:
    return c.get_object(Bucket="b-one", Key="file.bin")


# -- clock skew ------------------------------------------------------------------------------


def test_clock_skew_says_how_far_off_the_clock_is(stub: StubS3) -> None:
    server = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
    canned = Canned(
        403,
        "RequestTimeTooSkewed",
        "The difference between the request time and the current time is too large.",
        {
            "RequestTime": (server + timedelta(minutes=17)).strftime("%Y%m%dT%H%M%SZ"),
            "ServerTime": server.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "MaxAllowedSkewMilliseconds": "900000",
        },
    )
    error = _describe(stub, canned, _list)
    _plain(error)
    assert error.kind is ErrorKind.CLOCK_SKEW and error.remedy is Remedy.SYNC_CLOCK
    assert "about 17 minutes ahead of the server's" in error.message


def test_clock_skew_from_server_time_only(stub: StubS3) -> None:
    behind = datetime.now(UTC) + timedelta(hours=3)  # the server is 3 hours later than us
    canned = Canned(403, "RequestTimeTooSkewed", "too skewed", {"ServerTime": behind.isoformat()})
    error = _describe(stub, canned, _list)
    assert "about 3 hours behind the server's" in error.message


# -- throttling and server failures ------------------------------------------------------------


def test_throttling_is_retried_then_explained(stub: StubS3) -> None:
    canned = Canned(503, "SlowDown", "Please reduce your request rate.")
    error = _describe(stub, canned, _list, max_attempts=2)
    _plain(error)
    assert len(stub.requests) == 2  # botocore retried once by itself
    assert error.kind is ErrorKind.THROTTLED and error.retryable
    assert "slow down" in error.message and "retries" in error.fix


@pytest.mark.parametrize(
    ("status", "code"),
    [(400, "Throttling"), (503, "RequestLimitExceeded"), (429, "TooManyRequests"), (503, None)],
)
def test_other_throttling_answers(stub: StubS3, status: int, code: str | None) -> None:
    error = _describe(stub, Canned(status, code, "busy"), _list)
    assert error.kind is ErrorKind.THROTTLED and error.retryable


@pytest.mark.parametrize(("status", "code"), [(500, "InternalError"), (502, None), (504, None)])
def test_server_errors(stub: StubS3, status: int, code: str | None) -> None:
    canned = Canned(status, code, "We encountered an internal error.")
    error = _describe(stub, canned, _put, key="file.bin")
    _plain(error)
    assert error.kind is ErrorKind.SERVER_ERROR and error.retryable
    assert f"HTTP {status}" in error.message and "'file.bin'" in error.message


# -- providers that reject botocore's checksum headers -----------------------------------------


def _rejects_checksums(rejection: Canned) -> Responder:
    def respond(seen: SeenRequest) -> Canned:
        sent = any(
            h.startswith(("x-amz-checksum-", "x-amz-sdk-checksum")) or h == "x-amz-trailer"
            for h in seen.headers
        )
        return rejection if sent else Canned(200, headers={"ETag": '"abc"'})

    return respond


@pytest.mark.parametrize(
    "rejection",
    [
        Canned(
            400,
            "InvalidArgument",
            "Unsupported header 'x-amz-sdk-checksum-algorithm' received for this API call.",
        ),
        Canned(501, "NotImplemented", "Header 'x-amz-checksum-crc32' is not implemented"),
        Canned(
            501,
            "NotImplemented",
            "A header you provided implies functionality that is not implemented",
        ),
    ],
    ids=["unsupported-header", "named-header", "vague-header"],
)
def test_checksum_header_rejection_suggests_when_required(stub: StubS3, rejection: Canned) -> None:
    stub.respond = _rejects_checksums(rejection)
    eager = _session(stub, checksum_policy=ChecksumPolicy.WHEN_SUPPORTED)
    with pytest.raises(ClientError) as caught:
        eager.call("b-one", _put)
    error = describe(caught.value, bucket="b-one", key="file.bin")
    _plain(error)
    assert error.kind is ErrorKind.CHECKSUM_REJECTED and error.suggest_checksum_when_required
    assert "only when required" in error.fix
    # Following the advice works against the same server.
    careful = _session(stub, checksum_policy=ChecksumPolicy.WHEN_REQUIRED)
    assert careful.call("b-one", _put)["ETag"] == '"abc"'


def test_checksum_advice_is_not_repeated_when_already_followed(stub: StubS3) -> None:
    # DeleteObjects must carry a checksum; botocore sends CRC32 even when only "required".
    stub.respond = _rejects_checksums(
        Canned(400, "InvalidArgument", "Unsupported header 'x-amz-checksum-crc32'")
    )
    careful = _session(stub, checksum_policy=ChecksumPolicy.WHEN_REQUIRED)
    with pytest.raises(ClientError) as caught:
        careful.call(
            "b-one", lambda c: c.delete_objects(Bucket="b-one", Delete={"Objects": [{"Key": "a"}]})
        )
    error = describe(caught.value, bucket="b-one", connection=careful.connection)
    assert error.kind is ErrorKind.CHECKSUM_REJECTED and not error.suggest_checksum_when_required
    assert "already sends checksums only when required" in error.message


def test_data_checksum_mismatch_is_not_a_header_problem(stub: StubS3) -> None:
    canned = Canned(400, "BadDigest", "The Content-MD5 you specified did not match.")
    error = _describe(stub, canned, _put)
    assert error.kind is ErrorKind.CHECKSUM_MISMATCH and error.retryable
    assert not error.suggest_checksum_when_required


# -- ACLs and KMS -----------------------------------------------------------------------------


def test_acls_disabled_by_object_ownership(stub: StubS3) -> None:
    canned = Canned(400, "AccessControlListNotSupported", "The bucket does not allow ACLs")
    error = _describe(
        stub, canned, lambda c: c.put_object_acl(Bucket="b-one", Key="k", ACL="public-read")
    )
    _plain(error)
    assert error.kind is ErrorKind.ACLS_DISABLED and "bucket owner enforced" in error.message
    assert "bucket policy" in error.fix


_KEY_ARN = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"


@pytest.mark.parametrize(
    ("canned", "kind"),
    [
        (
            Canned(400, "KMS.NotFoundException", f"Key '{_KEY_ARN}' does not exist"),
            ErrorKind.KMS_KEY_MISSING,
        ),
        (
            Canned(400, "KMS.DisabledException", f"{_KEY_ARN} is disabled."),
            ErrorKind.KMS_KEY_DISABLED,
        ),
        (
            Canned(
                403,
                "AccessDenied",
                "User: arn:aws:iam::111122223333:user/eve is not authorized to perform: "
                f"kms:Decrypt on resource: {_KEY_ARN} because no identity-based policy allows "
                "the kms:Decrypt action",
            ),
            ErrorKind.KMS_DENIED,
        ),
    ],
    ids=["missing", "disabled", "denied"],
)
def test_kms_problems(stub: StubS3, canned: Canned, kind: ErrorKind) -> None:
    error = _describe(stub, canned, _get)
    _plain(error)
    assert error.kind is kind and "KMS key" in error.message + error.fix
    if kind is ErrorKind.KMS_DENIED:
        assert error.action == "kms:Decrypt" and "kms:Decrypt" in error.message


# -- credentials and buckets ----------------------------------------------------------------------


def test_expired_token(stub: StubS3) -> None:
    error = _describe(stub, Canned(400, "ExpiredToken", "The provided token has expired."), _list)
    _plain(error)
    assert error.kind is ErrorKind.EXPIRED_TOKEN and error.remedy is Remedy.REFRESH_CREDENTIALS


def test_bucket_name_taken_by_someone_else(stub: StubS3) -> None:
    canned = Canned(409, "BucketAlreadyExists", "The requested bucket name is not available.")
    error = _describe(stub, canned, lambda c: c.create_bucket(Bucket="popular"), bucket="popular")
    _plain(error)
    assert error.kind is ErrorKind.BUCKET_EXISTS and "'popular'" in error.message


def test_entity_too_large_names_the_limit(stub: StubS3) -> None:
    canned = Canned(
        400,
        "EntityTooLarge",
        "Your proposed upload exceeds the maximum allowed size",
        {"ProposedSize": "6000000000", "MaxSizeAllowed": "5368709120"},
    )
    error = _describe(stub, canned, _put)
    assert error.kind is ErrorKind.ENTITY_TOO_LARGE and "5.0 GiB" in error.message


@pytest.mark.parametrize(
    ("call", "action", "where"),
    [
        (lambda c: c.list_buckets(), "s3:ListAllMyBuckets", "listing the buckets"),
        (_list, "s3:ListBucket", "listing bucket 'b-one'"),
        (_put, "s3:PutObject", "uploading 'file.bin' in bucket 'b-one'"),
    ],
    ids=["list-buckets", "list-objects", "put"],
)
def test_access_denied_names_action_and_target(
    stub: StubS3, call: Callable[[Any], Any], action: str, where: str
) -> None:
    key = "file.bin" if "file.bin" in where else ""
    error = _describe(stub, Canned(403, "AccessDenied", "Access Denied"), call, key=key)
    _plain(error)
    assert error.kind is ErrorKind.ACCESS_DENIED and error.action == action
    assert action in error.message and where in error.message


def test_explicit_deny_is_said(stub: StubS3) -> None:
    canned = Canned(
        403,
        "AccessDenied",
        "User: arn:aws:iam::1:user/x is not authorized to perform: s3:ListBucket on resource: "
        '"arn:aws:s3:::b-one" with an explicit deny in a resource-based policy',
    )
    error = _describe(stub, canned, _list)
    assert "explicitly denies" in error.message


# -- anything else -------------------------------------------------------------------------------


def test_unknown_error_keeps_code_and_operation(stub: StubS3) -> None:
    canned = Canned(400, "QuotaExceededForTenant", "Tenant quota of 10 buckets reached.")
    error = _describe(stub, canned, _list)
    _plain(error)
    assert error.kind is ErrorKind.OTHER
    assert "QuotaExceededForTenant" in error.message and "ListObjectsV2" in error.message
    assert "Tenant quota of 10 buckets reached." in error.message
    assert "QuotaExceededForTenant" in error.fix
