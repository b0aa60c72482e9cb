"""What the Info window learns from the bookmark: classes, unsupported features, SSE-C key."""

from __future__ import annotations

import base64
import os
from typing import Any

from app.core import secrets
from app.core.bookmarks import Bookmark, BookmarkStore
from app.core.s3.info_context import (
    S3_STORAGE_CLASSES,
    InfoContext,
    info_context,
    read_details_with_key,
)
from app.core.s3.info_section import Feature
from app.core.s3.session import S3Session
from app.core.sse_c import ring_store
from app.core.sse_c.key_ring import customer_args
from app.core.transfers.worker_context import SSE_C_SECRET_KIND
from tests.conftest import connection_for
from tests.fixtures.servers import RunningS3


def test_without_a_bookmark_s3s_classes_and_nothing_ruled_out() -> None:
    context = info_context(None)
    assert context.storage_classes == S3_STORAGE_CLASSES
    assert context.unsupported == frozenset()
    assert context.customer_key is None and context.extra_head == {}


def test_a_bookmark_brings_its_profiles_classes_features_and_sse_c_key() -> None:
    key = os.urandom(32)
    secrets.set_secret("info-key", SSE_C_SECRET_KIND, base64.b64encode(key).decode())
    bookmark = BookmarkStore().add(
        Bookmark(
            nickname="Info",
            profile="seaweedfs",
            host="127.0.0.1",
            port=1,
            access_key_id="k",
            sse_c_key_ref="info-key",
            custom={
                "s3.storage.class.options": "STANDARD REDUCED_REDUNDANCY",
                "eider.info.unsupported": "lifecycle, website",
            },
        ),
        secret_key="s",
    )

    context = info_context(bookmark.id)

    assert context.storage_classes == ("STANDARD", "REDUCED_REDUNDANCY")
    assert {Feature.LIFECYCLE, Feature.WEBSITE} <= context.unsupported
    assert context.customer_key == key
    assert context.customer_key_ref == "info-key"  # what a rewrite job records, not the key
    assert context.extra_head == {"SSECustomerAlgorithm": "AES256", "SSECustomerKey": key}
    assert repr(key) not in repr(context)
    assert InfoContext().customer_key is None


def test_an_sse_c_bookmark_reads_info_with_the_key_of_its_ring_that_fits(
    seaweed: RunningS3, seaweed_admin: Any, bucket: str
) -> None:
    """Its own ring (no shared one): the current key is for writes, and an object written under
    an older key of the ring is read with that key (SeaweedFS enforces it)."""
    new, old = os.urandom(32), os.urandom(32)
    bookmark = BookmarkStore().add(
        Bookmark(nickname="Ring", profile="seaweedfs", host="127.0.0.1", encryption="sse-c")
    )
    ring_store.save_ring(bookmark.secret_owner, [new, old])
    seaweed_admin.put_object(Bucket=bucket, Key="old.bin", Body=b"12345", **customer_args(old))

    context = info_context(bookmark.id)

    assert context.customer_key_ref == bookmark.secret_owner and context.customer_key == new
    details = read_details_with_key(S3Session(connection_for(seaweed)), bucket, "old.bin", context)
    assert details.general.size == 5
    assert details.general.sse_customer_algorithm == "AES256"


def test_a_bookmark_without_sse_c_has_no_ring_in_its_info() -> None:
    bookmark = BookmarkStore().add(
        Bookmark(nickname="Plain", profile="seaweedfs", host="127.0.0.1", encryption="cse")
    )
    ring_store.save_ring(bookmark.secret_owner, [os.urandom(32)])  # not used: CSE is chosen
    context = info_context(bookmark.id)
    assert context.customer_key_ref is None and context.customer_key is None
