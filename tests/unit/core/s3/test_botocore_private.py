"""Each private botocore use in `app/core/s3/botocore_private.py`, checked against the botocore
installed.

`packaging/test.sh` runs this file (with test_region_redirect.py and test_listing_parser.py)
a second time against the newest botocore on PyPI: a failure there means a botocore release
moved something Eider reaches into, and the upper bound in pyproject.toml must stay until
`botocore_private` is mended. Requests go to a real SeaweedFS.
"""

from __future__ import annotations

import http.client
import os
from datetime import UTC, datetime, timedelta
from typing import Any

import botocore
import pytest
from botocore import handlers
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials, RefreshableCredentials
from botocore.response import StreamingBody

from app.core.s3 import botocore_private, listing_parser
from app.core.s3.session import S3Session
from app.core.s3.urls import credential_expiry
from tests.conftest import connection_for
from tests.fixtures.servers import RunningS3
from tests.unit.core.s3.helpers import fill


@pytest.fixture
def session(seaweed: RunningS3) -> S3Session:
    return S3Session(connection_for(seaweed))


def test_the_botocore_under_test_is_named() -> None:
    # Printed with -rA / on failure: which botocore these checks ran against.
    assert botocore.__version__.count(".") >= 2, botocore.__version__


# -- response parsing ---------------------------------------------------------------------------


def test_listings_are_parsed_by_the_shortcut_with_botocores_metadata(
    session: S3Session, seaweed_admin: Any, bucket: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill(seaweed_admin, bucket, ["a", "b/c"])
    read: list[bytes] = []
    parse = listing_parser.parse_list_objects_v2

    def counting(body: bytes) -> dict[str, Any]:
        read.append(body)
        return parse(body)

    monkeypatch.setattr(listing_parser, "parse_list_objects_v2", counting)
    client = session.client(raw_timestamps=True)
    answer = client.list_objects_v2(Bucket=bucket, Delimiter="/")

    assert len(read) == 1, "the listing went through botocore's own parser"
    assert [o["Key"] for o in answer["Contents"]] == ["a"]
    assert [p["Prefix"] for p in answer["CommonPrefixes"]] == ["b/"]
    assert isinstance(answer["Contents"][0]["LastModified"], str)  # the raw-timestamp default
    metadata = answer["ResponseMetadata"]  # built by _populate_response_metadata
    assert metadata["HTTPStatusCode"] == 200
    assert metadata["HTTPHeaders"]["content-type"].startswith("application/xml")


def test_other_answers_and_unreadable_listings_fall_back_to_botocores_parser(
    session: S3Session, seaweed_admin: Any, bucket: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill(seaweed_admin, bucket, ["a"])

    def refuse(body: bytes) -> dict[str, Any]:
        raise ValueError("not read here")

    monkeypatch.setattr(listing_parser, "parse_list_objects_v2", refuse)
    client = session.client(raw_timestamps=True)
    answer = client.list_objects_v2(Bucket=bucket)
    assert [o["Key"] for o in answer["Contents"]] == ["a"]  # botocore's parser read it
    assert client.get_bucket_versioning(Bucket=bucket)["ResponseMetadata"]["HTTPStatusCode"] == 200


# -- the 200-with-an-error check ----------------------------------------------------------------


def test_botocore_still_registers_its_200_error_check() -> None:
    check = botocore_private.handle_200_error()
    assert check is not None, "handlers._handle_200_error is gone: listings parse twice again"
    assert ("before-parse.s3.*", check) in [entry[:2] for entry in handlers.BUILTIN_HANDLERS]


def _before_parse(client: Any, operation: str, body: bytes) -> dict[str, Any]:
    response = {"status_code": 200, "headers": {}, "body": body}
    model = client.meta.service_model.operation_model(operation)
    client.meta.events.emit(
        f"before-parse.s3.{operation}",
        operation_model=model,
        response_dict=response,
        customized_response_dict={},
    )
    return response


def test_only_a_whole_listing_skips_botocores_200_error_check(session: S3Session) -> None:
    client = session.client(raw_timestamps=True)
    # Malformed inside, a listing at both ends: botocore's check would call it cut short (500).
    spared = b"<ListBucketResult><Name>b</Nme></ListBucketResult>"
    assert _before_parse(client, "ListObjectsV2", spared)["status_code"] == 200
    assert _before_parse(session.client(), "ListObjectsV2", spared)["status_code"] == 500
    # Everything else still gets botocore's check.
    hidden_error = b"<Error><Code>InternalError</Code><Message>x</Message></Error>"
    assert _before_parse(client, "ListObjectsV2", hidden_error)["status_code"] == 500
    assert _before_parse(client, "CopyObject", hidden_error)["status_code"] == 500


# -- credentials --------------------------------------------------------------------------------


def _expiring(renewals: list[int], soon: bool = True) -> RefreshableCredentials:
    def renew() -> dict[str, str]:
        renewals.append(1)
        later = datetime.now(UTC) + timedelta(hours=1)
        return {
            "access_key": "AKIDRENEWED",
            "secret_key": "renewed-secret",
            "token": "renewed-token",
            "expiry_time": later.isoformat(),
        }

    expiry = datetime.now(UTC) + timedelta(seconds=30 if soon else 3600)
    return RefreshableCredentials(
        "AKIDFIRST",
        "first-secret",
        "first-token",
        expiry,
        renew,
        "test",
        advisory_timeout=900,
        mandatory_timeout=600,
    )


def test_keys_are_read_as_held_without_renewing() -> None:
    renewals: list[int] = []
    credentials = _expiring(renewals)
    assert botocore_private.secrets_as_held(credentials) == ("first-secret", "first-token")
    assert renewals == []
    # The public properties renew keys this close to expiry: what the private reads avoid.
    assert credentials.secret_key == "renewed-secret"
    assert renewals == [1]
    assert botocore_private.secrets_as_held(credentials) == ("renewed-secret", "renewed-token")


def test_static_keys_are_read_through_the_public_properties() -> None:
    static = Credentials("AKID", "secret", "token")
    assert botocore_private.secrets_as_held(static) == ("secret", "token")
    assert botocore_private.expiry_time(static) is None


def test_the_expiry_is_botocores() -> None:
    credentials = _expiring([], soon=False)
    expiry = botocore_private.expiry_time(credentials)
    assert expiry is not None
    assert timedelta(minutes=59) < expiry - datetime.now(UTC) <= timedelta(hours=1)
    assert credential_expiry(credentials) == expiry


# -- a client's connection pool -----------------------------------------------------------------


def test_a_request_sent_through_the_clients_http_session(
    session: S3Session, seaweed_admin: Any, bucket: str
) -> None:
    seaweed_admin.put_object(Bucket=bucket, Key="k", Body=b"through the pool")
    client = session.client()
    http_session = botocore_private.client_http_session(client)
    assert http_session is not None, "client._endpoint.http_session is gone"
    url = client.generate_presigned_url("get_object", Params={"Bucket": bucket, "Key": "k"})
    response = http_session.send(AWSRequest(method="GET", url=url).prepare())
    assert response.status_code == 200
    assert response.content == b"through the pool"


# -- a GET's body -------------------------------------------------------------------------------


def test_a_get_body_exposes_the_socket_reader_under_it(
    session: S3Session, seaweed_admin: Any, bucket: str
) -> None:
    data = os.urandom(300_000)
    seaweed_admin.put_object(Bucket=bucket, Key="body.bin", Body=data)
    body = session.client().get_object(Bucket=bucket, Key="body.bin")["Body"]
    assert type(body) is StreamingBody
    raw, inner = botocore_private.body_streams(body)
    assert raw is not None and hasattr(raw, "release_conn"), "StreamingBody._raw_stream is gone"
    assert isinstance(inner, http.client.HTTPResponse), "urllib3's HTTPResponse._fp is gone"
    buffer = bytearray(len(data))
    view = memoryview(buffer)
    got = 0
    while got < len(data) and (n := inner.readinto(view[got:])):
        got += n
    assert bytes(buffer) == data
    body.close()


def test_what_is_not_a_streaming_body_has_no_streams() -> None:
    assert botocore_private.body_streams(b"bytes") == (None, None)


# -- region redirects ---------------------------------------------------------------------------
# Through botocore's own redirector in tests/unit/core/s3/test_region_redirect.py, which runs
# with these; here the shape of the state it keeps.


def test_redirect_state_is_read_and_marked_in_botocores_shape() -> None:
    context: dict[str, Any] = {
        "s3_redirect": {"redirected": True, "bucket": "b", "params": {}},
        "signing": {"region": "eu-west-1"},
    }
    assert botocore_private.redirected_bucket_region(context) == ("b", "eu-west-1")
    assert botocore_private.redirected_bucket_region({"s3_redirect": {"bucket": "b"}}) is None
    request = {"context": {"s3_redirect": {"redirected": False, "bucket": "b"}}}
    assert botocore_private.mark_redirect_followed(request)
    assert request["context"]["s3_redirect"]["redirected"] is True
    assert not botocore_private.mark_redirect_followed({"context": {}})


def test_botocores_redirector_keeps_its_state_where_it_is_read(
    session: S3Session, bucket: str
) -> None:
    seen: list[dict[str, Any]] = []
    client = session.client()
    client.meta.events.register(
        "before-call.s3.HeadBucket", lambda context, **_: seen.append(dict(context))
    )
    client.head_bucket(Bucket=bucket)
    redirect = seen[0].get("s3_redirect")
    assert isinstance(redirect, dict), "botocore's redirector no longer keeps 's3_redirect'"
    assert redirect.get("bucket") == bucket and redirect.get("redirected") is False
    assert seen[0].get("signing", {}).get("region") == "us-east-1"


# -- the Expect: 100-continue header ------------------------------------------------------------


def test_botocore_still_adds_expect_continue_in_the_handler_eider_removes(
    seaweed: RunningS3, bucket: str
) -> None:
    handler = botocore_private.expect_header_handler()
    assert handler is not None, "handlers.add_expect_header is gone"
    assert ("before-call.s3", handler) in [entry[:2] for entry in handlers.BUILTIN_HANDLERS]
    assert _expect_header_sent(seaweed, bucket, asked=True) == "100-continue"
    assert _expect_header_sent(seaweed, bucket, asked=False) is None


def _expect_header_sent(seaweed: RunningS3, bucket: str, asked: bool) -> str | None:
    client = S3Session(connection_for(seaweed, expect_continue=asked)).client()
    sent: list[str | bytes | None] = []
    client.meta.events.register(
        "before-send.s3.PutObject",
        lambda request, **_: sent.append(request.headers.get("Expect")),
    )
    body = b"x" * (2 * 1024 * 1024)  # above botocore's 1 MiB threshold for the header
    client.put_object(Bucket=bucket, Key="big", Body=body)
    [value] = sent
    return value.decode() if isinstance(value, bytes) else value


def test_a_pinned_fingerprint_reaches_every_pool_of_the_client(seaweed_tls: RunningS3) -> None:
    """`pin_certificate` sets urllib3's `assert_fingerprint` in the client's pool manager and in
    the pool managers made later (proxies); a wrong pin stops the first request."""
    import hashlib
    import ssl

    from botocore.exceptions import SSLError

    pem = ssl.get_server_certificate((seaweed_tls.host, seaweed_tls.port))
    right = hashlib.sha256(ssl.PEM_cert_to_DER_cert(pem)).hexdigest()
    session = S3Session(connection_for(seaweed_tls, ca_bundle=None, verify_tls=False))
    client = session.client()
    assert botocore_private.pin_certificate(client, right)
    http_session = botocore_private.client_http_session(client)
    assert http_session._manager.connection_pool_kw["assert_fingerprint"] == right
    assert http_session._get_pool_manager_kwargs()["assert_fingerprint"] == right
    client.list_buckets()
    wrong = S3Session(connection_for(seaweed_tls, ca_bundle=None, verify_tls=False)).client()
    assert botocore_private.pin_certificate(wrong, "0" * 64)
    with pytest.raises(SSLError, match=r"[Ff]ingerprints did not match"):
        wrong.list_buckets()


def test_answers_read_whole_are_capped_and_object_bodies_are_not() -> None:
    """`cap_whole_answers` wraps what botocore reads whole (a listing), not a GET's body."""
    from tests.fixtures.hostile_s3 import Answer, HostileS3, Received

    class TooLarge(Exception):
        pass

    def script(request: Received) -> Answer:
        return Answer(200, b"<ListBucketResult>" + b" " * 4096 + b"</ListBucketResult>")

    with HostileS3(script) as server:
        connection = connection_for(
            RunningS3(server.url, "AKIA0000", "secret-key-0", server.host, server.port, "http")
        )
        client = S3Session(connection).client()
        assert botocore_private.cap_whole_answers(client, 1024, TooLarge)
        with pytest.raises(TooLarge):
            client.list_objects_v2(Bucket="b")
        body = client.get_object(Bucket="b", Key="k")["Body"].read()
        assert len(body) > 1024
