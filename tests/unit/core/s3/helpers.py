"""Arranging server state for the S3 operation tests."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any


def fill(admin: Any, bucket: str, keys: list[str], body: bytes = b"x") -> None:
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda k: admin.put_object(Bucket=bucket, Key=k, Body=body), keys))


def all_keys(admin: Any, bucket: str, prefix: str = "") -> list[str]:
    keys: list[str] = []
    for page in admin.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        keys += [o["Key"] for o in page.get("Contents", ())]
    return keys


def all_versions(admin: Any, bucket: str, prefix: str = "") -> list[tuple[str, str, bool]]:
    """(key, version id, is delete marker) for every version under `prefix`."""
    found: list[tuple[str, str, bool]] = []
    for page in admin.get_paginator("list_object_versions").paginate(Bucket=bucket, Prefix=prefix):
        found += [(v["Key"], v["VersionId"], False) for v in page.get("Versions", ())]
        found += [(m["Key"], m["VersionId"], True) for m in page.get("DeleteMarkers", ())]
    return found


def enable_versioning(admin: Any, bucket: str) -> None:
    admin.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
