"""What the Info window learns from the bookmark: classes, unsupported features, SSE-C key."""

from __future__ import annotations

import base64
import os

from app.core import secrets
from app.core.bookmarks import Bookmark, BookmarkStore
from app.core.s3.info_context import S3_STORAGE_CLASSES, InfoContext, info_context
from app.core.s3.info_section import Feature
from app.core.transfers.worker_context import SSE_C_SECRET_KIND


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
