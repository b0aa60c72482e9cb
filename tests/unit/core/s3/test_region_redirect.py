"""Region redirects on endpoints other than AWS.

moto's server (checked with moto 5.2, path style on 127.0.0.1) serves a bucket created in
eu-west-1 to a client signing for us-east-1 without any region error, so it cannot show a
redirect. These tests use a local HTTP server (tests/fixtures/faults.py) that answers like S3
does for a bucket in eu-west-1: a region error to requests signed for any other region, a
listing to requests signed for eu-west-1. botocore's full HTTP path runs; only the server is
canned.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator

import pytest
from botocore.exceptions import ClientError

from app.core.connection import AddressingStyle, Connection, Scheme
from app.core.credentials.spec import CredentialKind, CredentialSpec
from app.core.errors import ErrorKind, describe
from app.core.s3.session import S3Session
from tests.conftest import connection_for
from tests.fixtures.faults import Canned, SeenRequest, StubS3, stub_s3_server
from tests.fixtures.servers import RunningS3

_EMPTY_LISTING = Canned(
    200,
    body=(
        b'<?xml version="1.0" encoding="UTF-8"?>\n'
        b'<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">'
        b"<Name>eu-bucket</Name><Prefix></Prefix><KeyCount>0</KeyCount><MaxKeys>1000</MaxKeys>"
        b"<IsTruncated>false</IsTruncated></ListBucketResult>"
    ),
)


def _permanent_redirect(_: SeenRequest) -> Canned:
    return Canned(
        301,
        "PermanentRedirect",
        "The bucket you are attempting to access must be addressed using the specified endpoint.",
        {"Bucket": "eu-bucket", "Endpoint": "s3.example.test"},
        headers={"x-amz-bucket-region": "eu-west-1"},
    )


def _wrong_signing_region(seen: SeenRequest) -> Canned:
    # MinIO and Ceph answer this way: 400 with the expected region in the body only.
    return Canned(
        400,
        "AuthorizationHeaderMalformed",
        f"The authorization header is malformed; the region '{seen.signing_region}' is wrong; "
        "expecting 'eu-west-1'",
        {"Region": "eu-west-1"},
    )


def _bucket_in(region: str, wrong: Callable[[SeenRequest], Canned]) -> Callable[..., Canned]:
    def respond(seen: SeenRequest) -> Canned:
        if seen.signing_region == region:
            return _EMPTY_LISTING
        return wrong(seen)

    return respond


def _connection(stub: StubS3, **changes: object) -> Connection:
    from app.core import secrets

    secrets.set_secret("stub", "secret-key", "stub-secret")
    fields: dict[str, object] = {
        "host": stub.host,
        "port": stub.port,
        "scheme": Scheme.HTTP,
        "region": "us-east-1",
        "addressing_style": AddressingStyle.PATH,
        "max_attempts": 1,
        "credentials": CredentialSpec(
            kind=CredentialKind.STATIC, access_key_id="STUBKEY", secret_owner="stub"
        ),
    }
    fields.update(changes)
    return Connection(**fields)  # type: ignore[arg-type]


@pytest.fixture(params=[_permanent_redirect, _wrong_signing_region], ids=["301", "400-region"])
def eu_stub(request: pytest.FixtureRequest) -> Iterator[StubS3]:
    with stub_s3_server(_bucket_in("eu-west-1", request.param)) as stub:
        yield stub


def test_call_retries_in_the_buckets_region_on_a_custom_endpoint(eu_stub: StubS3) -> None:
    session = S3Session(_connection(eu_stub))
    assert not session.connection.is_aws

    pages = list(session.list_prefix("eu-bucket"))

    assert pages[-1].is_last and pages[0].objects == ()
    regions = [r.signing_region for r in eu_stub.requests]
    assert regions == ["us-east-1", "eu-west-1"]
    assert session.bucket_region("eu-bucket") == "eu-west-1"


def test_later_calls_go_straight_to_the_learned_region(eu_stub: StubS3) -> None:
    session = S3Session(_connection(eu_stub))
    list(session.list_prefix("eu-bucket"))  # raw-timestamp client learns the region
    eu_stub.requests.clear()

    session.call("eu-bucket", lambda c: c.list_objects_v2(Bucket="eu-bucket"))  # other client

    assert [r.signing_region for r in eu_stub.requests] == ["eu-west-1"]


def test_redirect_with_unknown_region_is_explained() -> None:
    # A 301 without any region header or element: nobody can know where to go.
    def respond(_: SeenRequest) -> Canned:
        return Canned(301, "PermanentRedirect", "Use the specified endpoint.")

    with stub_s3_server(respond) as stub:
        session = S3Session(_connection(stub))
        with pytest.raises(ClientError) as caught:
            list(session.list_prefix("eu-bucket"))
    error = describe(caught.value, bucket="eu-bucket")
    assert error.kind is ErrorKind.WRONG_REGION
    assert error.region is None
    assert "did not say which" in error.message and "eu-bucket" in error.message


def test_region_error_that_persists_names_the_region() -> None:
    # Every region gets the redirect: the retry also fails and the message names the region.
    with stub_s3_server(_permanent_redirect) as stub:
        session = S3Session(_connection(stub))
        with pytest.raises(ClientError) as caught:
            session.head_bucket("eu-bucket")
    error = describe(caught.value, bucket="eu-bucket")
    assert error.kind is ErrorKind.WRONG_REGION and error.region == "eu-west-1"
    assert "eu-west-1" in error.message and "eu-west-1" in error.fix
    assert len(stub.requests) >= 2  # it did try the named region


def test_other_errors_with_a_region_header_are_not_retried() -> None:
    def respond(_: SeenRequest) -> Canned:
        return Canned(
            403, "AccessDenied", "Access Denied", headers={"x-amz-bucket-region": "eu-west-1"}
        )

    with stub_s3_server(respond) as stub:
        session = S3Session(_connection(stub))
        with pytest.raises(ClientError):
            session.call("b-one", lambda c: c.list_objects_v2(Bucket="b-one"))
    assert [r.signing_region for r in stub.requests] == ["us-east-1"]


def test_redirect_to_another_url_names_it() -> None:
    # An http:// endpoint whose web server redirects everything to https://: no S3 body, no
    # region. The Location's query string (it could hold a signature) is not repeated.
    def respond(_: SeenRequest) -> Canned:
        return Canned(
            301,
            headers={"Location": "https://s3.example.test/eu-bucket?X-Amz-Signature=abc123"},
            body=b"<html>Moved</html>",
        )

    with stub_s3_server(respond) as stub:
        session = S3Session(_connection(stub))
        with pytest.raises(ClientError) as caught:
            session.head_bucket("eu-bucket")
    error = describe(caught.value, bucket="eu-bucket")
    assert error.kind is ErrorKind.ENDPOINT_REDIRECT
    assert "https://s3.example.test" in error.message
    assert "abc123" not in str(error) and "Signature" not in str(error)


def test_a_second_redirect_is_followed_by_call_itself() -> None:
    # botocore follows one redirect per request; a bucket that moved again (us-east-1 says
    # eu-west-1, eu-west-1 says ap-south-1) is followed by S3Session.call's own retry.
    def respond(seen: SeenRequest) -> Canned:
        hop = {"us-east-1": "eu-west-1", "eu-west-1": "ap-south-1"}.get(seen.signing_region or "")
        if hop is None:
            return _EMPTY_LISTING
        return Canned(301, "PermanentRedirect", "moved", headers={"x-amz-bucket-region": hop})

    with stub_s3_server(respond) as stub:
        session = S3Session(_connection(stub))
        session.call("eu-bucket", lambda c: c.list_objects_v2(Bucket="eu-bucket"))
    assert [r.signing_region for r in stub.requests] == ["us-east-1", "eu-west-1", "ap-south-1"]
    assert session.bucket_region("eu-bucket") == "ap-south-1"


def test_moto_does_not_redirect_path_style_requests(moto: RunningS3) -> None:
    """Why the tests above use a canned server: moto serves a eu-west-1 bucket to a client
    signing for us-east-1 on a custom endpoint. If moto starts answering with a redirect, this
    fails and the redirect tests can move to moto."""
    admin = S3Session(connection_for(moto, region="eu-west-1")).client()
    name = f"eu-{uuid.uuid4().hex[:12]}"
    admin.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
    session = S3Session(connection_for(moto))  # us-east-1
    calls: list[str] = []
    session.client(raw_timestamps=True).meta.events.register(
        "needs-retry.s3",
        lambda response, **_: calls.append(str(response and response[0].status_code)),
    )
    assert list(session.list_prefix(name))[-1].is_last
    assert calls == ["200"]
