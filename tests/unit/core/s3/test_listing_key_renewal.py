"""A listing that outlives its temporary keys goes on with renewed ones: botocore renews the
session's keys before they expire, between pages, and every key arrives once, in order."""

from __future__ import annotations

import time
import urllib.request
import uuid
from datetime import UTC, datetime
from urllib.parse import urlencode

import boto3
from botocore.config import Config
from botocore.credentials import RefreshableCredentials

from app.core.s3.session import ListingPage, S3Session
from tests.conftest import admin_client, connection_for
from tests.fixtures.credential_servers import LocalServer, Request
from tests.fixtures.servers import RunningS3
from tests.unit.core.s3.helpers import fill


class ExpiringFrontDoor:
    """An S3 front door to moto that refuses a request whose session token has expired, the
    way AWS does (400 ExpiredToken), and otherwise passes it on after `delay` seconds.

    moto's S3 never checks a token's expiry, so the expiry is enforced here, artificially:
    against the expiry moto's own STS gave each token (recorded by the test as it assumes the
    role). The delay makes a listing of a few pages outlive a token of a few seconds."""

    def __init__(self, moto: RunningS3, delay: float) -> None:
        self.expiries: dict[str, datetime] = {}
        self.used: list[str] = []  # the session token of each request passed on
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
        self.used.append(token)
        time.sleep(self._delay)
        url = f"{self._moto}{request.path}?{urlencode(request.query)}"
        with urllib.request.urlopen(url, timeout=60) as answer:  # noqa: S310 - moto on loopback
            return answer.status, answer.read().decode(), {"Content-Type": "application/xml"}


def _keys(pages: list[ListingPage]) -> list[str]:
    return [o.key for p in pages for o in p.objects]


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
        pages = list(session.list_prefix(bucket, ""))

    assert _keys(pages) == keys  # every key once, in order
    assert len(pages) == 12
    assert door.refused == []
    page_tokens = door.used[-12:]  # (the bucket's region may be asked first)
    assert len(set(page_tokens)) >= 2  # signed with more than the keys it started with
