"""A versioned bucket with a known history around a moment, for point-in-time restore tests:
creates, overwrites and deletes before it, and others after it."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Any

from tests.unit.core.s3.helpers import all_keys, enable_versioning

# Versions carry whole-second times on some servers (SeaweedFS): events whose order matters are
# a clear second apart.
GAP = 1.6


def current_state(admin: Any, bucket: str, prefix: str = "") -> dict[str, bytes]:
    return {
        key: admin.get_object(Bucket=bucket, Key=key)["Body"].read()
        for key in all_keys(admin, bucket, prefix)
    }


def make_history(admin: Any, bucket: str, prefix: str = "f/") -> tuple[datetime, dict[str, bytes]]:
    """Returns the moment and the state under `prefix` read at that moment."""
    enable_versioning(admin, bucket)

    def put(name: str, body: bytes) -> None:
        admin.put_object(Bucket=bucket, Key=prefix + name, Body=body)

    def delete(name: str) -> None:
        admin.delete_object(Bucket=bucket, Key=prefix + name)

    for name in ("overwritten", "deleted", "deleted-and-back", "untouched", "gone-before"):
        put(name, f"{name} v1".encode())
    put("recreated", b"recreated v1")
    time.sleep(GAP)  # the next events are later, by the server's clock too
    put("overwritten", b"overwritten v2")  # two versions before the moment: v2 is the state
    delete("gone-before")
    delete("recreated")
    time.sleep(GAP)
    moment = datetime.now(UTC)
    state = current_state(admin, bucket, prefix)
    time.sleep(GAP)
    put("overwritten", b"overwritten v3")
    put("overwritten", b"overwritten v4")
    delete("deleted")
    delete("deleted-and-back")
    put("deleted-and-back", b"deleted-and-back v2")
    put("created-since", b"new")
    put("recreated", b"recreated v2")
    admin.put_object(Bucket=bucket, Key="elsewhere/x", Body=b"outside the folder")
    return moment, state
