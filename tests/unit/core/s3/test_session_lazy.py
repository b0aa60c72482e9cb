"""An S3 session builds its botocore sessions when a request first needs one, and only the kind
it needs: `eider ls` (a raw-timestamp listing) makes one, not two (each registers some 250
handlers; tests/benchmarks/README.md, start-up)."""

from __future__ import annotations

import botocore.session

from app.core.s3.session import S3Session
from tests.conftest import connection_for
from tests.fixtures.servers import RunningS3


def _botocore_sessions_of(session: S3Session) -> list[botocore.session.Session]:
    """The botocore sessions reachable from `session`'s own attributes."""
    found: list[botocore.session.Session] = []
    seen: set[int] = set()
    todo: list[object] = [vars(session)]
    while todo:
        item = todo.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, botocore.session.Session):
            found.append(item)
        elif isinstance(item, dict):
            todo.extend(item.values())
    return found


def test_no_botocore_session_before_the_first_request(seaweed: RunningS3) -> None:
    session = S3Session(connection_for(seaweed))
    assert _botocore_sessions_of(session) == []


def test_a_listing_makes_one_botocore_session_and_a_plain_call_another(
    seaweed: RunningS3, seaweed_admin: object, bucket: str
) -> None:
    seaweed_admin.put_object(Bucket=bucket, Key="a.txt", Body=b"x")  # type: ignore[attr-defined]
    session = S3Session(connection_for(seaweed))
    pages = list(session.list_prefix(bucket, ""))
    assert [o.key for p in pages for o in p.objects] == ["a.txt"]
    assert len(_botocore_sessions_of(session)) == 1
    assert bucket in [b.name for b in session.list_buckets()]
    assert len(_botocore_sessions_of(session)) == 2
