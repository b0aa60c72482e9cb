"""Fixtures for edit tests: a session and an engine on SeaweedFS, an edit store, an object."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest

from app.core.edit.store import EditStore
from app.core.s3.session import S3Session
from app.core.transfers.engine import TransferEngine
from tests.conftest import connection_for
from tests.fixtures.servers import RunningS3

METADATA = {"owner": "ops", "review": "pending"}
TAGS = {"team": "blue", "tier": "gold"}
EXPIRES = datetime(2031, 10, 21, 7, 28, tzinfo=UTC)


@pytest.fixture
def session(seaweed: RunningS3) -> S3Session:
    return S3Session(connection_for(seaweed))


@pytest.fixture
def engine(session: S3Session) -> Iterator[TransferEngine]:
    made = TransferEngine(session, sample_interval=0.05)
    yield made
    made.close()


@pytest.fixture
def store() -> Iterator[EditStore]:
    made = EditStore()
    yield made
    made.close()


def put_described(admin: Any, bucket: str, key: str, body: bytes) -> None:
    """An object with user metadata, tags, a storage class and headers an edit must keep."""
    admin.put_object(
        Bucket=bucket,
        Key=key,
        Body=body,
        ContentType="text/markdown",
        ContentDisposition='attachment; filename="notes.md"',
        ContentLanguage="en",
        Expires=EXPIRES,
        Metadata=METADATA,
        StorageClass="STANDARD_IA",
        Tagging="team=blue&tier=gold",
    )


def tags_of(admin: Any, bucket: str, key: str) -> dict[str, str]:
    tag_set = admin.get_object_tagging(Bucket=bucket, Key=key)["TagSet"]
    return {t["Key"]: t["Value"] for t in tag_set}
