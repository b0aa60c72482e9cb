"""The direct ListObjectsV2 parser reads real servers' answers exactly as botocore's does."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from botocore import handlers
from botocore.parsers import ResponseParserFactory

from app.core.s3.listing_parser import is_whole_listing, parse_list_objects_v2
from app.core.s3.session import S3Session
from tests.conftest import admin_client, connection_for
from tests.fixtures.servers import RunningS3
from tests.unit.core.s3.helpers import fill

# Characters that need escaping in XML, need URL-encoding (a control character), or are
# multi-byte: botocore asks for url-encoded keys and decodes them after parsing.
KEYS = [
    "p/plain.txt",
    "p/with space & <angle> 'quotes\".txt",
    "p/ctrl\x01char",
    "p/ünïcødé 日本語.bin",
    "p/sub/a",
    "p/sub/b",
    "p/other/c",
]


def _both_parsers(session: S3Session, **params: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """The same answer parsed by Eider's client and by botocore's stock parser."""
    bodies: list[dict[str, Any]] = []
    client = session.client(raw_timestamps=True)
    client.meta.events.register(
        "before-parse.s3.ListObjectsV2",
        lambda response_dict, **_: bodies.append(dict(response_dict)),
    )
    fast = client.list_objects_v2(**params)
    factory = ResponseParserFactory()
    factory.set_parser_defaults(timestamp_parser=lambda value: value)
    shape = client.meta.service_model.operation_model("ListObjectsV2").output_shape
    stock = factory.create_parser("rest-xml").parse(bodies[-1], shape)
    # What botocore's client does after parsing: decode the keys it asked to be url-encoded.
    handlers.decode_list_object_v2(parsed=stock, context={"encoding_type_auto_set": True})
    for parsed in (fast, stock):
        parsed.pop("ResponseMetadata", None)
    return fast, stock


@pytest.mark.parametrize("server_name", ["seaweed", "moto"])
def test_listing_pages_parse_as_botocore_parses_them(
    server_name: str, request: pytest.FixtureRequest
) -> None:
    server: RunningS3 = request.getfixturevalue(server_name)
    admin = admin_client(server)
    bucket = f"t-{uuid.uuid4().hex[:20]}"
    admin.create_bucket(Bucket=bucket)  # type: ignore[attr-defined]
    fill(admin, bucket, KEYS)
    session = S3Session(connection_for(server))

    with_folders, stock = _both_parsers(session, Bucket=bucket, Prefix="p/", Delimiter="/")
    assert with_folders == stock
    assert sorted(o["Key"] for o in with_folders["Contents"]) == sorted(KEYS[:4])
    assert [p["Prefix"] for p in with_folders["CommonPrefixes"]] == ["p/other/", "p/sub/"]
    assert isinstance(with_folders["Contents"][0]["Size"], int)

    first_page, stock = _both_parsers(session, Bucket=bucket, Prefix="p/", MaxKeys=2)
    assert first_page == stock
    assert first_page["IsTruncated"] is True and first_page["NextContinuationToken"]

    empty, stock = _both_parsers(session, Bucket=bucket, Prefix="nothing/")
    assert empty == stock
    assert "Contents" not in empty and empty["IsTruncated"] is False


def test_a_body_that_is_not_a_listing_is_refused() -> None:
    with pytest.raises(ValueError, match="not a listing"):
        parse_list_objects_v2(b"<Error><Code>NoSuchBucket</Code></Error>")


def test_listing_through_the_session_pages_and_resumes(
    seaweed: RunningS3, seaweed_admin: object, bucket: str
) -> None:
    fill(seaweed_admin, bucket, [f"k/{i:03d}" for i in range(25)])
    session = S3Session(connection_for(seaweed, max_keys=10))

    pages = list(session.list_prefix(bucket, "k/"))
    assert [len(p.objects) for p in pages] == [10, 10, 5]
    assert pages[0].next_token and pages[-1].next_token is None

    resumed = list(session.list_prefix(bucket, "k/", start_token=pages[0].next_token))
    assert [o.key for p in resumed for o in p.objects] == [f"k/{i:03d}" for i in range(10, 25)]


@pytest.mark.parametrize(
    ("body", "whole"),
    [
        (b'<?xml version="1.0"?>\n<ListBucketResult xmlns="x"></ListBucketResult>\n', True),
        (b"<ListBucketResult><Name>b</Name></ListBucketResult>", True),
        (b"<ListBucketResult><Name>b</Name><Contents><Key>a</Ke", False),  # cut short
        (b'<?xml version="1.0"?><Error><Code>InternalError</Code></Error>', False),
        (b"", False),
    ],
)
def test_only_a_whole_listing_skips_botocores_error_check(body: bytes, whole: bool) -> None:
    assert is_whole_listing(body) is whole
