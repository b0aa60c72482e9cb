"""Unfinished multipart uploads on the server: which are Eider's jobs, which belong to nobody.

Parts of an upload that is never completed or aborted are stored (and billed) forever unless a
lifecycle rule cleans them up; this lists them with their age and size so the user can decide.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.core.s3.session import S3Session
from app.core.transfers.journal import Journal


@dataclass(frozen=True)
class UnfinishedUpload:
    bucket: str
    key: str
    upload_id: str
    initiated: datetime
    parts: int
    bytes: int
    job_id: str | None  # the Eider job that continues it, None when it belongs to nobody


def list_unfinished(
    session: S3Session, journal: Journal, endpoint: str, bucket: str, prefix: str = ""
) -> list[UnfinishedUpload]:
    found: list[UnfinishedUpload] = []
    params: dict[str, Any] = {"Bucket": bucket, "Prefix": prefix}
    while True:
        page = session.call(bucket, lambda c, p=dict(params): c.list_multipart_uploads(**p))
        for upload in page.get("Uploads", []):
            parts, size = _parts(session, bucket, upload["Key"], upload["UploadId"])
            owners = [
                item.job_id
                for item in journal.uploads_for_key(endpoint, bucket, upload["Key"])
                if item.upload_id == upload["UploadId"]
            ]
            found.append(
                UnfinishedUpload(
                    bucket,
                    upload["Key"],
                    upload["UploadId"],
                    upload["Initiated"],
                    parts,
                    size,
                    owners[0] if owners else None,
                )
            )
        if not page.get("IsTruncated"):
            return found
        params["KeyMarker"] = page.get("NextKeyMarker", "")
        params["UploadIdMarker"] = page.get("NextUploadIdMarker", "")


def _parts(session: S3Session, bucket: str, key: str, upload_id: str) -> tuple[int, int]:
    count = size = 0
    marker = 0
    while True:
        page = session.call(
            bucket,
            lambda c, m=marker: c.list_parts(
                Bucket=bucket, Key=key, UploadId=upload_id, PartNumberMarker=m
            ),
        )
        for part in page.get("Parts", []):
            count += 1
            size += part.get("Size", 0)
        if not page.get("IsTruncated"):
            return count, size
        marker = page.get("NextPartNumberMarker", 0)


def abort_unfinished(session: S3Session, bucket: str, key: str, upload_id: str) -> None:
    session.call(
        bucket, lambda c: c.abort_multipart_upload(Bucket=bucket, Key=key, UploadId=upload_id)
    )
