"""Rotation: re-encrypt every object under a prefix from an older key of the ring to the
current one, by server-side copy onto itself (the bytes never pass through Eider).

Each object is looked at first: a HEAD without a key tells a plain object from an SSE-C one
and, where the server reports it, which key it is under. Objects already under the current
key are left alone, so running the rotation again after an interruption continues where it
stopped. A copy restates the metadata and content headers (servers refuse a copy onto itself
that changes nothing else they can see) and keeps tags and storage class; above the
single-copy limit a multipart copy carries the tags by hand.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from botocore.exceptions import ClientError

from app.core.s3.session import S3Session
from app.core.sse_c.errors import KeyNotInRing
from app.core.sse_c.fingerprints import fingerprint
from app.core.sse_c.key_ring import KeyRing, copy_source_args, customer_args
from app.core.transfers.options import GIB, MAX_SINGLE_PUT, choose_part_size, part_count
from app.core.transfers.worker_context import tagging

PLAIN = "plain"  # the survey's name for objects without SSE-C
_CARRIED = (
    "ContentType",
    "CacheControl",
    "ContentDisposition",
    "ContentEncoding",
    "ContentLanguage",
    "Expires",
    "WebsiteRedirectLocation",
)
_MISSING_TAGGING = ("NotImplemented", "NoSuchTagSet", "MethodNotAllowed")


@dataclass
class RekeyReport:
    by_key: dict[str, int] = field(default_factory=dict)  # fingerprint (or PLAIN) -> objects
    rekeyed: list[str] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)  # no key of the ring opens these
    failed: list[tuple[str, str]] = field(default_factory=list)  # key, what went wrong
    stopped: bool = False


Progress = Callable[[int, int, str], None]  # objects done, objects seen, the last key


def rekey_prefix(
    session: S3Session,
    ring: KeyRing,
    bucket: str,
    prefix: str,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
    stop: threading.Event | None = None,
    describe: Callable[[BaseException, str], str] = lambda exc, _key: str(exc),
    multipart_threshold: int = MAX_SINGLE_PUT,
    part_size: int = GIB,
) -> RekeyReport:
    """Survey (dry run) or rotate every object under `prefix`. `describe(exc, key)` words a
    failure for the report; one object's failure does not stop the others."""
    report = RekeyReport()
    current = fingerprint(ring.current)
    client = session.client_for_bucket(bucket)
    for seen, key in enumerate(_keys(session, bucket, prefix), start=1):
        if stop is not None and stop.is_set():
            report.stopped = True
            break
        try:
            found, head = _key_of(client, ring, bucket, key)
        except KeyNotInRing:
            report.unreadable.append(key)
            found, head = None, {}
        except ClientError as exc:
            report.failed.append((key, describe(exc, key)))
            found, head = None, {}
        if found is not None:
            name = PLAIN if found == b"" else fingerprint(found)
            report.by_key[name] = report.by_key.get(name, 0) + 1
            if not dry_run and found != b"" and name != current:
                try:
                    _rotate(client, ring, bucket, key, found, head, multipart_threshold, part_size)
                    ring.remember((bucket, key, None), ring.current)
                    report.rekeyed.append(key)
                except (ClientError, KeyNotInRing) as exc:
                    report.failed.append((key, describe(exc, key)))
        if progress is not None:
            progress(seen, seen, key)
    return report


def _keys(session: S3Session, bucket: str, prefix: str) -> Iterator[str]:
    for page in session.list_prefix(bucket, prefix, delimiter=None):
        for entry in page.objects:
            yield entry.key


def _key_of(client: Any, ring: KeyRing, bucket: str, key: str) -> tuple[bytes, dict[str, Any]]:
    """(the key that opens `key`, its HEAD); b"" for an object without SSE-C."""
    try:
        return b"", client.head_object(Bucket=bucket, Key=key)
    except ClientError as exc:
        if exc.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
            raise
        headers = exc.response.get("ResponseMetadata", {}).get("HTTPHeaders", {})
        named = headers.get("x-amz-server-side-encryption-customer-key-md5")
        if named:
            fitting = ring.by_md5(str(named))
            if fitting is None:
                raise KeyNotInRing(bucket, key) from None
            ring.remember((bucket, key, None), fitting)
    found, answer = ring.key_for(
        (bucket, key, None), lambda extra: client.head_object(Bucket=bucket, Key=key, **extra)
    )
    if answer is None:  # known already: HEAD with it for the metadata to restate
        answer = client.head_object(Bucket=bucket, Key=key, **customer_args(found))
    return found, answer


def _restated(head: dict[str, Any]) -> dict[str, Any]:
    args: dict[str, Any] = {name: head[name] for name in _CARRIED if head.get(name)}
    args["Metadata"] = head.get("Metadata", {})
    if head.get("StorageClass") and head["StorageClass"] != "STANDARD":
        args["StorageClass"] = head["StorageClass"]
    return args


def _rotate(
    client: Any,
    ring: KeyRing,
    bucket: str,
    key: str,
    old: bytes,
    head: dict[str, Any],
    multipart_threshold: int,
    part_size: int,
) -> None:
    source: dict[str, Any] = {
        "CopySource": {"Bucket": bucket, "Key": key},
        "CopySourceIfMatch": head["ETag"],
        **copy_source_args(old),
    }
    size = int(head["ContentLength"])
    new = customer_args(ring.current)
    if size < multipart_threshold and size <= MAX_SINGLE_PUT:
        client.copy_object(
            Bucket=bucket, Key=key, MetadataDirective="REPLACE", **_restated(head), **source, **new
        )
        return
    args = {"Bucket": bucket, "Key": key, **_restated(head), **new}
    tags = _tagging(client, bucket, key)
    if tags:
        args["Tagging"] = tags
    upload = client.create_multipart_upload(**args)["UploadId"]
    part = choose_part_size(size, part_size)
    parts = []
    try:
        for number in range(1, part_count(size, part) + 1):
            start = (number - 1) * part
            end = min(size, start + part) - 1
            answer = client.upload_part_copy(
                Bucket=bucket,
                Key=key,
                UploadId=upload,
                PartNumber=number,
                CopySourceRange=f"bytes={start}-{end}",
                **source,
                **new,
            )
            parts.append({"PartNumber": number, "ETag": answer["CopyPartResult"]["ETag"]})
        client.complete_multipart_upload(
            Bucket=bucket, Key=key, UploadId=upload, MultipartUpload={"Parts": parts}, **new
        )
    except BaseException:
        client.abort_multipart_upload(Bucket=bucket, Key=key, UploadId=upload)
        raise


def _tagging(client: Any, bucket: str, key: str) -> str | None:
    try:
        answer = client.get_object_tagging(Bucket=bucket, Key=key)
    except ClientError as exc:
        if exc.response.get("Error", {}).get("Code") in _MISSING_TAGGING:
            return None
        raise
    tags = {t["Key"]: t["Value"] for t in answer.get("TagSet", [])}
    return tagging(tags) if tags else None
