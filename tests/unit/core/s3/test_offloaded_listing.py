"""Listing through the helper process: same pages, same errors, stopped on demand, the
signing keys never on its command line or in its environment, and renewed before they expire."""

from __future__ import annotations

import time
import urllib.request
import uuid
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import boto3
import pytest
from botocore.config import Config
from botocore.credentials import RefreshableCredentials
from botocore.exceptions import ClientError

from app.core.errors import describe
from app.core.errors.redact import REDACTED, scrub_known
from app.core.s3 import listing_frames as frames
from app.core.s3.offloaded_listing import OffloadedListing
from app.core.s3.session import ListingPage, ObjectEntry, S3Session
from tests.conftest import admin_client, connection_for
from tests.fixtures.credential_servers import LocalServer, Request
from tests.fixtures.servers import RunningS3
from tests.unit.core.s3.helpers import fill

WAIT_FOR_HELPER = 120.0  # seconds: a loaded machine starts Python slowly


def _keys(pages: list[ListingPage]) -> list[str]:
    return [o.key for p in pages for o in p.objects]


def test_pages_after_the_first_come_from_the_helper_unchanged(
    seaweed: RunningS3, seaweed_admin: Any, bucket: str
) -> None:
    keys = [f"big/{i:03d} é&<x>" for i in range(23)]
    fill(seaweed_admin, bucket, [*keys, "big/sub/a", "big/zz/b"])
    session = S3Session(connection_for(seaweed, max_keys=5))

    listing = OffloadedListing(session, bucket, "big/", helper_wait=WAIT_FOR_HELPER)
    pages = list(listing)

    expected = list(session.list_prefix(bucket, "big/"))
    assert pages == expected
    assert _keys(pages) == keys
    assert [f for p in pages for f in p.folders] == ["big/sub/", "big/zz/"]
    assert listing.pages_from_helper == len(expected) - 1
    assert listing.helper is not None and listing.helper.returncode == 0


def test_a_folder_on_one_page_starts_no_helper(
    seaweed: RunningS3, seaweed_admin: Any, bucket: str
) -> None:
    fill(seaweed_admin, bucket, ["few/a", "few/b"])
    listing = OffloadedListing(S3Session(connection_for(seaweed)), bucket, "few/")

    assert _keys(list(listing)) == ["few/a", "few/b"]
    assert listing.helper is None


def test_a_failure_in_the_helper_is_raised_and_described_as_here(moto: RunningS3) -> None:
    admin = admin_client(moto)
    bucket = f"t-{uuid.uuid4().hex[:20]}"
    admin.create_bucket(Bucket=bucket)  # type: ignore[attr-defined]
    keys = [f"k{i:02d}" for i in range(12)]
    fill(admin, bucket, keys)
    session = S3Session(connection_for(moto, max_keys=5))
    listing = OffloadedListing(session, bucket, "", helper_wait=WAIT_FOR_HELPER)
    assert _keys([next(listing)]) == keys[:5]
    # The bucket goes away after the first page: the helper's next request fails.
    for key in keys:
        admin.delete_object(Bucket=bucket, Key=key)  # type: ignore[attr-defined]
    admin.delete_bucket(Bucket=bucket)  # type: ignore[attr-defined]

    with pytest.raises(ClientError) as raised:
        next(listing)

    with pytest.raises(ClientError) as here:
        next(session.list_prefix(bucket, ""))
    assert listing.pages_from_helper == 0 and listing.helper is not None
    assert raised.value.response["Error"]["Code"] == "NoSuchBucket"
    # The same words; only the server's id of each request differs.
    told, expected = (
        replace(describe(exc, "listing", bucket), request_id="")
        for exc in (raised.value, here.value)
    )
    assert told == expected


def test_stop_kills_the_helper_which_never_saw_the_keys_in_argv_or_environment(
    seaweed: RunningS3, seaweed_admin: Any, bucket: str
) -> None:
    fill(seaweed_admin, bucket, [f"k{i:02d}" for i in range(12)])
    session = S3Session(connection_for(seaweed, max_keys=5))
    listing = OffloadedListing(session, bucket, "")
    next(listing)
    helper = listing.helper
    assert helper is not None
    environment = Path(f"/proc/{helper.pid}/environ").read_bytes()
    assert seaweed.secret_key.encode() not in environment
    assert all(seaweed.secret_key not in str(arg) for arg in helper.args)  # type: ignore[union-attr]

    listing.stop()

    assert helper.wait(timeout=60) is not None
    with pytest.raises(StopIteration):
        next(listing)


@pytest.mark.parametrize(
    "page",
    [
        ListingPage("b", "p/", (), (), True),
        ListingPage("b", "p/", ("p/a/", "p/日本/"), (), False, "token=="),
        ListingPage(
            "b",
            "",
            (),
            (
                ObjectEntry("", 0, "", "", "STANDARD"),
                ObjectEntry("ünï 🦆", 2**40, "2026-01-01T00:00:00.000Z", '"e"', "GLACIER"),
            ),
            True,
        ),
    ],
)
def test_pages_survive_the_pipe_format(page: ListingPage) -> None:
    assert frames.decode_page(page.bucket, page.prefix, frames.encode_page(page)) == page


def test_packed_pages_join_into_one_run() -> None:
    first = ListingPage("b", "", (), (ObjectEntry("a", 1, "t1", "e1", "STANDARD"),), False, "x")
    second = ListingPage("b", "", (), (ObjectEntry("b", 2, "t2", "e2", "GLACIER"),), True)
    packed = [frames.decode_page("b", "", frames.encode_page(p)).objects for p in (first, second)]

    joined = frames.PackedObjects.joined(packed)  # type: ignore[arg-type]

    assert list(joined) == [*first.objects, *second.objects]
    assert list(joined.without_key("a")) == list(second.objects)


def test_a_helper_that_dies_before_taking_over_leaves_the_listing_here(
    seaweed: RunningS3, seaweed_admin: Any, bucket: str
) -> None:
    keys = [f"k{i:02d}" for i in range(12)]
    fill(seaweed_admin, bucket, keys)
    session = S3Session(connection_for(seaweed, max_keys=5))
    listing = OffloadedListing(session, bucket, "", helper_wait=WAIT_FOR_HELPER)
    first = next(listing)
    assert listing.helper is not None
    listing.helper.kill()  # as if it crashed while starting

    rest = list(listing)

    assert _keys([first, *rest]) == keys
    assert listing.pages_from_helper == 0


class ExpiringFrontDoor:
    """An S3 front door to moto that refuses a request whose session token has expired, the
    way AWS does (400 ExpiredToken), and otherwise passes it on after `delay` seconds.

    moto's S3 never checks a token's expiry, so the expiry is enforced here, artificially:
    against the expiry moto's own STS gave each token (recorded by the test as it assumes the
    role). The delay makes a listing of a few pages outlive a token of a few seconds."""

    def __init__(self, moto: RunningS3, delay: float) -> None:
        self.expiries: dict[str, datetime] = {}
        self.used: list[tuple[str, bool]] = []  # (token, resumed from a continuation token)
        self.refused: list[str] = []
        self._moto = moto.endpoint_url
        self._delay = delay
        self.server = LocalServer(self._handle)

    def _handle(self, request: Request) -> tuple[int, str, dict[str, str]]:
        token = request.headers.get("x-amz-security-token", "")
        expiry = self.expiries.get(token)
        if expiry is None or datetime.now(UTC) >= expiry:
            self.refused.append(token)
            body = (
                "<Error><Code>ExpiredToken</Code>"
                "<Message>The provided token has expired.</Message></Error>"
            )
            return 400, body, {"Content-Type": "application/xml"}
        self.used.append((token, "continuation-token" in request.query))
        time.sleep(self._delay)
        url = f"{self._moto}{request.path}?{urlencode(request.query)}"
        with urllib.request.urlopen(url, timeout=60) as answer:  # noqa: S310 - moto on loopback
            return answer.status, answer.read().decode(), {"Content-Type": "application/xml"}


def test_a_listing_outliving_its_temporary_keys_goes_on_with_renewed_ones(moto: RunningS3) -> None:
    lifetime, advisory, mandatory = 6, 3, 1  # seconds: AWS's shortest role session is 900
    admin = admin_client(moto)
    bucket = f"t-{uuid.uuid4().hex[:20]}"
    admin.create_bucket(Bucket=bucket)  # type: ignore[attr-defined]
    keys = [f"k{i:02d}" for i in range(48)]
    fill(admin, bucket, keys)
    door = ExpiringFrontDoor(moto, delay=0.75)  # 12 pages: over 8 s, more than a lifetime
    sts = boto3.client(
        "sts",
        endpoint_url=moto.endpoint_url,
        region_name="us-east-1",
        aws_access_key_id=moto.access_key,
        aws_secret_access_key=moto.secret_key,
        config=Config(parameter_validation=False),  # DurationSeconds under 900
    )

    def assume() -> dict[str, str]:
        issued = sts.assume_role(
            RoleArn="arn:aws:iam::123456789012:role/eider-lister",
            RoleSessionName="eider-test",
            DurationSeconds=lifetime,
        )["Credentials"]
        door.expiries[issued["SessionToken"]] = issued["Expiration"]
        return {
            "access_key": issued["AccessKeyId"],
            "secret_key": issued["SecretAccessKey"],
            "token": issued["SessionToken"],
            "expiry_time": issued["Expiration"].isoformat(),
        }

    credentials = RefreshableCredentials.create_from_metadata(
        assume(), assume, "test", advisory_timeout=advisory, mandatory_timeout=mandatory
    )
    with door.server:
        connection = connection_for(moto, max_keys=4, port=door.server.port)
        session = S3Session(connection, credentials=credentials)
        listing = OffloadedListing(session, bucket, "", helper_wait=WAIT_FOR_HELPER)
        pages = list(listing)

    assert _keys(pages) == keys  # every key once, in order
    assert listing.pages_from_helper == len(pages) - 1 == 11
    assert door.refused == []
    helper_tokens = [token for token, resumed in door.used if resumed]
    assert len(helper_tokens) == 11
    # The helper signed with more than the keys it started with, each valid when used.
    assert len(set(helper_tokens)) >= 2
    assert helper_tokens[-1] != helper_tokens[0]
    # Every renewed token is known to the redaction as soon as it is handed over.
    assert all(scrub_known(f"token {t}") == f"token {REDACTED}" for t in helper_tokens)
