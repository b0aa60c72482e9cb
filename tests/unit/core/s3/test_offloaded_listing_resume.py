"""When the listing helper fails after taking over — its keys refused (ExpiredToken) or the
process gone — the listing goes on in this process from the continuation token of the last
page the helper delivered: every key once, in order. If this process's request fails the same
way, that error is raised as the listing's, described in its specific words."""

from __future__ import annotations

import threading
import time
import urllib.request
import uuid
from collections.abc import Callable
from urllib.parse import urlencode

import pytest
from botocore.exceptions import ClientError

from app.core.errors import ErrorKind, describe
from app.core.s3.offloaded_listing import OffloadedListing
from app.core.s3.session import ListingPage, S3Session
from tests.conftest import admin_client, connection_for
from tests.fixtures.credential_servers import LocalServer, Request
from tests.fixtures.servers import RunningS3
from tests.unit.core.s3.helpers import fill

WAIT_FOR_HELPER = 120.0  # seconds: a loaded machine starts Python slowly
EXPIRED = (
    "<Error><Code>ExpiredToken</Code><Message>The provided token has expired.</Message></Error>"
)


class FrontDoor:
    """An S3 front door to moto that passes requests on after `delay` seconds, and answers
    400 ExpiredToken to the n-th request resuming a listing (0-based, counted in arrival order)
    when `refuse(n)` says so.

    No server expires a token on demand; AWS does it when a role session's keys run out while
    a long listing is under way, or when its clock runs ahead of this machine's. The door makes
    that happen at a chosen page. The delay keeps the helper from listing everything before
    the test acts."""

    def __init__(self, moto: RunningS3, delay: float, refuse: Callable[[int], bool]) -> None:
        self.resumed: list[str] = []  # continuation tokens, in arrival order
        self.refused: list[str] = []
        self._moto = moto.endpoint_url
        self._delay = delay
        self._refuse = refuse
        self._lock = threading.Lock()
        self.server = LocalServer(self._handle)

    def _handle(self, request: Request) -> tuple[int, str, dict[str, str]]:
        token = request.query.get("continuation-token")
        if token is not None:
            with self._lock:
                number = len(self.resumed)
                self.resumed.append(token)
            if self._refuse(number):
                self.refused.append(token)
                return 400, EXPIRED, {"Content-Type": "application/xml"}
        time.sleep(self._delay)
        url = f"{self._moto}{request.path}?{urlencode(request.query)}"
        with urllib.request.urlopen(url, timeout=60) as answer:  # noqa: S310 - moto on loopback
            return answer.status, answer.read().decode(), {"Content-Type": "application/xml"}


def _keys(pages: list[ListingPage]) -> list[str]:
    return [o.key for p in pages for o in p.objects]


def _bucket_of(moto: RunningS3, count: int) -> tuple[str, list[str]]:
    admin = admin_client(moto)
    bucket = f"t-{uuid.uuid4().hex[:20]}"
    admin.create_bucket(Bucket=bucket)  # type: ignore[attr-defined]
    keys = [f"k{i:02d}" for i in range(count)]
    fill(admin, bucket, keys)
    return bucket, keys


def _listing(moto: RunningS3, door: FrontDoor, bucket: str) -> OffloadedListing:
    connection = connection_for(moto, max_keys=4, port=door.server.port)
    return OffloadedListing(S3Session(connection), bucket, "", helper_wait=WAIT_FOR_HELPER)


def test_keys_refused_in_the_helper_go_on_here_from_its_last_page(moto: RunningS3) -> None:
    bucket, keys = _bucket_of(moto, 48)  # 12 pages of 4
    door = FrontDoor(moto, delay=0.2, refuse=lambda n: n == 3)  # the helper's 4th request
    with door.server:
        listing = _listing(moto, door, bucket)
        pages = list(listing)

    assert _keys(pages) == keys  # every key once, in order
    assert listing.resumed_here
    assert listing.pages_from_helper == 3  # pages 2-4 came from the helper
    assert len(door.refused) == 1
    # This process asked for the very page the helper was refused, and went on from there.
    assert door.resumed[4] == door.refused[0]
    assert len(door.resumed) == 11 + 1  # 11 pages after the first, one of them asked twice
    assert listing.helper is not None and listing.helper.returncode == 0


def test_keys_refused_here_too_raise_the_expired_token_error(moto: RunningS3) -> None:
    bucket, keys = _bucket_of(moto, 24)
    door = FrontDoor(moto, delay=0.2, refuse=lambda n: n >= 2)  # from the helper's 3rd page on
    with door.server:
        listing = _listing(moto, door, bucket)
        pages = [next(listing), next(listing), next(listing)]
        with pytest.raises(ClientError) as raised:
            next(listing)

    assert _keys(pages) == keys[:12]  # nothing lost or repeated before the failure
    assert listing.resumed_here and listing.pages_from_helper == 2
    assert door.refused == [pages[-1].next_token] * 2  # the helper's request, then this one's
    told = describe(raised.value, "listing", bucket)
    assert told.kind == ErrorKind.EXPIRED_TOKEN
    assert "expired" in told.message
    with pytest.raises(StopIteration):  # ended, not resumed a second time
        next(listing)


def test_a_helper_killed_mid_listing_is_replaced_by_this_process(moto: RunningS3) -> None:
    bucket, keys = _bucket_of(moto, 48)
    door = FrontDoor(moto, delay=0.5, refuse=lambda _n: False)
    with door.server:
        listing = _listing(moto, door, bucket)
        pages = [next(listing), next(listing)]  # the second from the helper
        assert listing.pages_from_helper == 1 and listing.helper is not None
        listing.helper.kill()  # as if it crashed (or was killed by the system) mid-listing
        pages += list(listing)

    assert _keys(pages) == keys
    assert listing.resumed_here
    assert 1 <= listing.pages_from_helper < 11
