"""How one Info section reports failures: denied in words, unimplemented, none set."""

from __future__ import annotations

from typing import Any

from botocore.exceptions import ClientError

from app.core.errors import ErrorKind
from app.core.s3.bucket_policy import read_policy
from app.core.s3.info_section import Feature, SectionState, read_section
from app.core.s3.lifecycle import read_lifecycle
from app.core.s3.session import S3Session
from tests.conftest import connection_for
from tests.fixtures.servers import RunningS3


def _refusal(code: str, status: int, operation: str) -> ClientError:
    # Hand-built: neither test server refuses one setting of a bucket on demand (moto's server
    # does not enforce IAM, SeaweedFS has no per-setting permissions), so the reply a server
    # sends is made here, in the shape botocore parses it into.
    return ClientError(
        {
            "Error": {"Code": code, "Message": "denied by policy"},
            "ResponseMetadata": {"HTTPStatusCode": status, "HTTPHeaders": {}},
        },
        operation,
    )


def _raise(exc: Exception) -> Any:
    raise exc


def test_access_denied_is_a_section_error_in_words() -> None:
    section = read_section(
        lambda: _raise(_refusal("AccessDenied", 403, "GetBucketPolicy")),
        lambda r: r,
        "GetBucketPolicy",
        "photos",
    )
    assert section.state is SectionState.ERROR and section.value is None
    assert section.error is not None and section.error.kind is ErrorKind.ACCESS_DENIED
    assert "reading the policy of bucket 'photos'" in section.error.message
    assert "s3:GetBucketPolicy" in section.error.message


def test_not_implemented_and_method_not_allowed_mean_unsupported() -> None:
    for code, status in (("NotImplemented", 501), ("MethodNotAllowed", 405)):
        section = read_section(
            lambda c=code, s=status: _raise(_refusal(c, s, "GetBucketWebsite")),
            lambda r: r,
            "GetBucketWebsite",
            "photos",
        )
        assert section.state is SectionState.UNSUPPORTED and section.error is None


def test_a_missing_configuration_is_none_set(moto: RunningS3, moto_admin: Any) -> None:
    moto_admin.create_bucket(Bucket="section-none-set")
    session = S3Session(connection_for(moto))
    assert read_policy(session, "section-none-set").state is SectionState.NONE
    missing = read_policy(session, "section-no-such-bucket")
    assert missing.error is not None and missing.error.kind is ErrorKind.NO_SUCH_BUCKET


def test_a_feature_the_profile_rules_out_is_not_asked_for(moto: RunningS3) -> None:
    session = S3Session(connection_for(moto))
    # The bucket does not exist: any request would fail, so "unsupported" proves none was sent.
    section = read_lifecycle(session, "section-no-such-bucket", unsupported={Feature.LIFECYCLE})
    assert section.state is SectionState.UNSUPPORTED
