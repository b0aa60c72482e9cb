"""Unfinished multipart uploads: they cost storage until completed or aborted."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, NamedTuple

from app.core.s3.implausible_answers import RepeatGuard
from app.core.s3.session import S3Session


class UnfinishedUpload(NamedTuple):
    key: str
    upload_id: str
    initiated: str  # raw ISO 8601 text
    storage_class: str


class UploadedSoFar(NamedTuple):
    parts: int
    size: int


def list_uploads(
    session: S3Session, bucket: str, prefix: str = "", max_uploads: int = 1000
) -> Iterator[tuple[UnfinishedUpload, ...]]:
    """Yield pages of unfinished uploads under `prefix`, lazily."""
    key_marker: str | None = None
    upload_marker: str | None = None
    repeats = RepeatGuard(bucket, prefix)
    while True:
        params: dict[str, Any] = {"Bucket": bucket, "Prefix": prefix, "MaxUploads": max_uploads}
        if key_marker:
            params["KeyMarker"] = key_marker
            if upload_marker:
                params["UploadIdMarker"] = upload_marker
        response = session.call(bucket, lambda c, p=params: c.list_multipart_uploads(**p), raw=True)
        yield tuple(
            UnfinishedUpload(
                u["Key"], u["UploadId"], u.get("Initiated", ""), u.get("StorageClass", "STANDARD")
            )
            for u in response.get("Uploads", ())
        )
        key_marker = response.get("NextKeyMarker")
        upload_marker = response.get("NextUploadIdMarker")
        if not response.get("IsTruncated") or not key_marker:
            return
        repeats.check(f"{key_marker}\n{upload_marker}")


def uploaded_so_far(session: S3Session, bucket: str, key: str, upload_id: str) -> UploadedSoFar:
    """Parts and bytes an unfinished upload holds (one ListParts request per 1,000 parts)."""
    parts = size = 0
    marker: int | None = None
    repeats = RepeatGuard(bucket, key)
    while True:
        params: dict[str, Any] = {"Bucket": bucket, "Key": key, "UploadId": upload_id}
        if marker:
            params["PartNumberMarker"] = marker
        response = session.call(bucket, lambda c, p=params: c.list_parts(**p))
        for part in response.get("Parts", ()):
            parts += 1
            size += part.get("Size", 0)
        marker = response.get("NextPartNumberMarker")
        if not response.get("IsTruncated") or not marker:
            return UploadedSoFar(parts, size)
        repeats.check(str(marker))


def abort_upload(session: S3Session, bucket: str, key: str, upload_id: str) -> None:
    session.call(
        bucket, lambda c: c.abort_multipart_upload(Bucket=bucket, Key=key, UploadId=upload_id)
    )
