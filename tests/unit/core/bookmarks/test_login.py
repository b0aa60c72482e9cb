"""open_bookmark: one listing proves the login; a secret typed for one connection never stays."""

from __future__ import annotations

import pytest

from app.core.bookmarks import Bookmark
from app.core.bookmarks.login import LoginFailed, OneShotSecrets, open_bookmark
from tests.fixtures.iam_moto import bucket_reader
from tests.fixtures.memory_keyring import MemoryKeyring
from tests.fixtures.servers import RunningS3


def seaweed_bookmark(seaweed: RunningS3, **changes: object) -> Bookmark:
    fields: dict[str, object] = {
        "host": seaweed.host,
        "port": seaweed.port,
        "access_key_id": seaweed.access_key,
    }
    fields.update(changes)
    return Bookmark("SeaweedFS", "seaweedfs", **fields)  # type: ignore[arg-type]


def test_one_shot_secret_is_used_then_removed(
    seaweed: RunningS3, bucket: str, memory_keyring: MemoryKeyring
) -> None:
    opened = open_bookmark(seaweed_bookmark(seaweed), one_shot=OneShotSecrets(seaweed.secret_key))
    assert bucket in opened.buckets
    assert not opened.scoped
    assert memory_keyring.store == {}
    # The session keeps working: the credentials were resolved while the secret was there.
    assert bucket in [b.name for b in opened.session.list_buckets()]


def test_one_shot_secret_is_removed_when_the_login_fails(
    seaweed: RunningS3, memory_keyring: MemoryKeyring
) -> None:
    with pytest.raises(LoginFailed) as failure:
        open_bookmark(seaweed_bookmark(seaweed), one_shot=OneShotSecrets("wrong-secret"))
    assert failure.value.operation == "ListBuckets"
    assert memory_keyring.store == {}
    assert "wrong-secret" not in repr(OneShotSecrets("wrong-secret"))


def test_a_missing_bucket_in_the_path_fails_on_that_bucket(memory_keyring: MemoryKeyring) -> None:
    with bucket_reader(create=False) as reader:
        bookmark = Bookmark(
            "Scoped",
            "s3-http",
            host=reader.server.host,
            port=reader.server.port,
            path=f"{reader.bucket}/x",
            access_key_id=reader.access_key_id,
        )
        with pytest.raises(LoginFailed) as failure:
            open_bookmark(bookmark, one_shot=OneShotSecrets(reader.secret_key))
    # ListBuckets was refused, so the path's bucket was tried; its failure is the one reported.
    assert (failure.value.operation, failure.value.bucket) == ("ListObjectsV2", reader.bucket)
    assert "NoSuchBucket" in str(failure.value.cause)
    assert memory_keyring.store == {}


def test_wrong_keys_are_not_taken_for_a_key_scoped_to_the_path(
    seaweed: RunningS3, bucket: str, memory_keyring: MemoryKeyring
) -> None:
    """Only a refusal of ListBuckets sends the login to the path; bad keys fail as they are."""
    bookmark = seaweed_bookmark(seaweed, path=f"{bucket}/x", access_key_id="nobody")
    with pytest.raises(LoginFailed) as failure:
        open_bookmark(bookmark, one_shot=OneShotSecrets("not-it"))
    assert failure.value.operation == "ListBuckets"
    assert memory_keyring.store == {}
