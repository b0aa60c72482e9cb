"""Server-side copy, move, rename and duplicate of objects and folders.

Objects are copied by the server (CopyObject), or part by part (UploadPartCopy) above the
single-copy limit; bytes never travel through Eider. A move deletes its source only after
every copy succeeded.
"""

from __future__ import annotations

import contextlib
import json
import math
import posixpath
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, Any, NamedTuple

from botocore.exceptions import BotoCoreError, ClientError

from app.core.s3.batch_work import (
    DEFAULT_WORKERS,
    CancelFlag,
    Progress,
    ignore_progress,
    never_cancelled,
    run_bounded,
)
from app.core.s3.deletion import DeleteReport, Target, delete_object, delete_targets
from app.core.s3.folders import DIRECTORY_CONTENT_TYPE
from app.core.s3.session import ObjectEntry, S3Session

GIB = 1024**3
MIB = 1024**2
MULTIPART_COPY_THRESHOLD = 5 * GIB  # CopyObject's limit
DEFAULT_PART_SIZE = 512 * MIB
MIN_PART_SIZE = 5 * MIB  # S3 refuses smaller parts except the last
MAX_PARTS = 10_000

# Headers a multipart copy has to carry over by hand (CopyObject keeps them by itself).
_CARRIED_HEADERS = (
    "ContentType",
    "CacheControl",
    "ContentDisposition",
    "ContentEncoding",
    "ContentLanguage",
    "Expires",
    "WebsiteRedirectLocation",
)


class ObjectRef(NamedTuple):
    bucket: str
    key: str
    version_id: str | None = None


class CopyResult(NamedTuple):
    version_id: str | None
    etag: str
    multipart: bool


class CopyFailure(NamedTuple):
    key: str
    code: str
    message: str


@dataclass
class CopyReport:
    copied: int = 0
    failures: list[CopyFailure] = field(default_factory=list)
    cancelled: bool = False
    deleted: DeleteReport | None = None  # for moves: the deletion of the sources

    @property
    def ok(self) -> bool:
        return (
            not self.failures and not self.cancelled and (self.deleted is None or self.deleted.ok)
        )


class CopyCancelled(RuntimeError):
    pass


# -- one object -------------------------------------------------------------------------------


def copy_object(
    session: S3Session,
    source: ObjectRef,
    dest: ObjectRef,
    multipart_threshold: int = MULTIPART_COPY_THRESHOLD,
    part_size: int = DEFAULT_PART_SIZE,
    cancel: CancelFlag | None = None,
    progress: Progress | None = None,
    workers: int = DEFAULT_WORKERS,
    listed: ObjectEntry | None = None,
) -> CopyResult:
    """Copy one object on the server, keeping its metadata, content type and storage class.

    `listed` (the source's listing entry) saves a HEAD request for objects below the
    threshold. `progress(bytes_done, bytes_total)`. Raises ClientError from the server, and
    CopyCancelled (after aborting the partial upload) when cancelled during a multipart copy.
    """
    cancel = cancel or never_cancelled()
    progress = progress or ignore_progress
    head: dict[str, Any] | None = None
    if listed is not None and source.version_id is None:
        size, storage_class = listed.size, listed.storage_class
    else:
        head = session.head_object(source.bucket, source.key, source.version_id)
        size, storage_class = head["ContentLength"], head.get("StorageClass", "STANDARD")
    copy_source: dict[str, str] = {"Bucket": source.bucket, "Key": source.key}
    if source.version_id:
        copy_source["VersionId"] = source.version_id
    if size < multipart_threshold or size == 0:
        params: dict[str, Any] = {
            "Bucket": dest.bucket,
            "Key": dest.key,
            "CopySource": copy_source,
            "MetadataDirective": "COPY",
        }
        if storage_class and storage_class != "STANDARD":
            params["StorageClass"] = storage_class  # CopyObject would reset it to STANDARD
        if head is not None:
            # Without these the copy takes the destination bucket's default encryption.
            params.update(_kms_params(head))
        response = session.call(dest.bucket, lambda c: c.copy_object(**params))
        progress(size, size)
        etag = response.get("CopyObjectResult", {}).get("ETag", "")
        return CopyResult(response.get("VersionId"), etag, False)
    if head is None:
        head = session.head_object(source.bucket, source.key, source.version_id)
    return _multipart_copy(session, copy_source, head, dest, part_size, cancel, progress, workers)


def _part_ranges(size: int, part_size: int) -> list[tuple[int, int]]:
    part_size = max(part_size, MIN_PART_SIZE, math.ceil(size / MAX_PARTS))
    return [(start, min(start + part_size, size) - 1) for start in range(0, size, part_size)]


def _multipart_copy(
    session: S3Session,
    copy_source: dict[str, str],
    head: dict[str, Any],
    dest: ObjectRef,
    part_size: int,
    cancel: CancelFlag,
    progress: Progress,
    workers: int,
) -> CopyResult:
    size = head["ContentLength"]
    create: dict[str, Any] = {"Bucket": dest.bucket, "Key": dest.key}
    for name in _CARRIED_HEADERS:
        if head.get(name):
            create[name] = head[name]
    if head.get("Metadata"):
        create["Metadata"] = head["Metadata"]
    if head.get("StorageClass") and head["StorageClass"] != "STANDARD":
        create["StorageClass"] = head["StorageClass"]
    create.update(_kms_params(head))
    tagging = _tagging_of(session, copy_source)
    if tagging:
        create["Tagging"] = tagging
    upload_id = session.call(dest.bucket, lambda c: c.create_multipart_upload(**create))["UploadId"]
    ranges = _part_ranges(size, part_size)
    etags: dict[int, str] = {}
    done = 0

    def work(part: tuple[int, tuple[int, int]]) -> str:
        number, (start, end) = part
        response = session.call(
            dest.bucket,
            lambda c: c.upload_part_copy(
                Bucket=dest.bucket,
                Key=dest.key,
                UploadId=upload_id,
                PartNumber=number,
                CopySource=copy_source,
                CopySourceRange=f"bytes={start}-{end}",
                CopySourceIfMatch=head["ETag"],  # the source must not change between parts
            ),
        )
        return response["CopyPartResult"]["ETag"]

    def on_result(part: tuple[int, tuple[int, int]], etag: str) -> None:
        nonlocal done
        number, (start, end) = part
        etags[number] = etag
        done += end - start + 1
        progress(done, size)

    try:
        finished = run_bounded(enumerate(ranges, start=1), work, on_result, cancel, workers)
        if not finished:
            raise CopyCancelled(f"Copy of {copy_source['Key']} was cancelled")
        response = session.call(
            dest.bucket,
            lambda c: c.complete_multipart_upload(
                Bucket=dest.bucket,
                Key=dest.key,
                UploadId=upload_id,
                MultipartUpload={
                    "Parts": [{"PartNumber": n, "ETag": etags[n]} for n in sorted(etags)]
                },
            ),
        )
    except BaseException:
        # The original error is the one to report; a failed abort leaves an unfinished upload
        # that "show hidden files" lists.
        with contextlib.suppress(ClientError, BotoCoreError):
            session.call(
                dest.bucket,
                lambda c: c.abort_multipart_upload(
                    Bucket=dest.bucket, Key=dest.key, UploadId=upload_id
                ),
            )
        raise
    return CopyResult(response.get("VersionId"), response.get("ETag", ""), True)


def _kms_params(head: dict[str, Any]) -> dict[str, str]:
    if head.get("ServerSideEncryption") != "aws:kms":
        return {}
    params = {"ServerSideEncryption": "aws:kms"}
    if head.get("SSEKMSKeyId"):
        params["SSEKMSKeyId"] = head["SSEKMSKeyId"]
    return params


def _tagging_of(session: S3Session, copy_source: dict[str, str]) -> str | None:
    """The source's tags as a query string; None when it has none or the server has no tagging."""
    params = dict(copy_source)
    try:
        response = session.call(params["Bucket"], lambda c: c.get_object_tagging(**params))
    except ClientError as exc:
        if exc.response.get("Error", {}).get("Code") in ("NotImplemented", "NoSuchTagSet"):
            return None
        raise
    tags = response.get("TagSet", [])
    if not tags:
        return None
    from urllib.parse import urlencode

    return urlencode([(t["Key"], t["Value"]) for t in tags])


def move_object(
    session: S3Session,
    source: ObjectRef,
    dest: ObjectRef,
    multipart_threshold: int = MULTIPART_COPY_THRESHOLD,
    part_size: int = DEFAULT_PART_SIZE,
    cancel: CancelFlag | None = None,
    progress: Progress | None = None,
) -> CopyResult:
    """Rename or move one object: copy, then delete the source (a plain delete)."""
    if source.version_id:
        raise ValueError("A single version cannot be moved; restore or copy it instead.")
    if (source.bucket, source.key) == (dest.bucket, dest.key):
        raise ValueError("The source and the destination are the same object.")
    result = copy_object(session, source, dest, multipart_threshold, part_size, cancel, progress)
    delete_object(session, source.bucket, source.key)
    return result


# -- folders ----------------------------------------------------------------------------------


def copy_prefix(
    session: S3Session,
    source_bucket: str,
    source_prefix: str,
    dest_bucket: str,
    dest_prefix: str,
    total: int | None = None,
    cancel: CancelFlag | None = None,
    progress: Progress | None = None,
    workers: int = DEFAULT_WORKERS,
    multipart_threshold: int = MULTIPART_COPY_THRESHOLD,
    part_size: int = DEFAULT_PART_SIZE,
) -> CopyReport:
    """Copy every object under `source_prefix` to the same relative key under `dest_prefix`.

    Objects are copied in parallel while the listing streams. `progress(objects_done, total)`.
    """
    return _copy_prefix(
        session,
        source_bucket,
        source_prefix,
        dest_bucket,
        dest_prefix,
        total,
        cancel,
        progress,
        workers,
        multipart_threshold,
        part_size,
        record=None,
    )


def _copy_prefix(
    session: S3Session,
    source_bucket: str,
    source_prefix: str,
    dest_bucket: str,
    dest_prefix: str,
    total: int | None,
    cancel: CancelFlag | None,
    progress: Progress | None,
    workers: int,
    multipart_threshold: int,
    part_size: int,
    record: IO[str] | None,
) -> CopyReport:
    _check_prefixes(source_bucket, source_prefix, dest_bucket, dest_prefix)
    cancel = cancel or never_cancelled()
    progress = progress or ignore_progress
    report = CopyReport()

    def entries() -> Iterator[ObjectEntry]:
        for page in session.list_prefix(source_bucket, source_prefix, delimiter=None):
            yield from page.objects

    def work(entry: ObjectEntry) -> CopyFailure | None:
        dest_key = dest_prefix + entry.key[len(source_prefix) :]
        try:
            if entry.key.endswith("/") and entry.size == 0:
                # A folder placeholder: written anew, since SeaweedFS cannot copy one.
                _put_placeholder(session, dest_bucket, dest_key)
                return None
            copy_object(
                session,
                ObjectRef(source_bucket, entry.key),
                ObjectRef(dest_bucket, dest_key),
                multipart_threshold,
                part_size,
                cancel,
                workers=2,
                listed=entry,
            )
        except ClientError as exc:
            error = exc.response.get("Error", {})
            return CopyFailure(
                entry.key, error.get("Code", "Error"), error.get("Message", str(exc))
            )
        except (BotoCoreError, CopyCancelled) as exc:
            return CopyFailure(entry.key, type(exc).__name__, str(exc))
        return None

    def on_result(entry: ObjectEntry, failure: CopyFailure | None) -> None:
        if failure is None:
            report.copied += 1
            if record is not None:
                record.write(json.dumps(entry.key) + "\n")
        else:
            report.failures.append(failure)
        progress(report.copied + len(report.failures), total)

    report.cancelled = not run_bounded(entries(), work, on_result, cancel, workers)
    return report


def _put_placeholder(session: S3Session, bucket: str, key: str) -> None:
    session.call(
        bucket,
        lambda c: c.put_object(
            Bucket=bucket, Key=key, Body=b"", ContentType=DIRECTORY_CONTENT_TYPE
        ),
    )


def move_prefix(
    session: S3Session,
    source_bucket: str,
    source_prefix: str,
    dest_bucket: str,
    dest_prefix: str,
    total: int | None = None,
    cancel: CancelFlag | None = None,
    progress: Progress | None = None,
    workers: int = DEFAULT_WORKERS,
    multipart_threshold: int = MULTIPART_COPY_THRESHOLD,
    part_size: int = DEFAULT_PART_SIZE,
) -> CopyReport:
    """Rename or move a folder: copy every key, then delete the sources only if all copied.

    The copied keys are remembered in a temporary file, not in memory, and exactly those are
    deleted: a key that appears under the source during the move is left alone. Progress counts
    copies, then deletions (`total` is the object count; deletion reports against it again).
    """
    cancel = cancel or never_cancelled()
    with tempfile.TemporaryFile("w+", encoding="utf-8") as record:
        report = _copy_prefix(
            session,
            source_bucket,
            source_prefix,
            dest_bucket,
            dest_prefix,
            total,
            cancel,
            progress,
            workers,
            multipart_threshold,
            part_size,
            record,
        )
        if not report.ok:
            return report  # nothing deleted: the source stays whole
        record.seek(0)
        targets = (Target(json.loads(line)) for line in record)
        report.deleted = delete_targets(
            session, source_bucket, targets, total, cancel, progress, workers
        )
    return report


def _check_prefixes(source_bucket: str, source: str, dest_bucket: str, dest: str) -> None:
    if source and not source.endswith("/"):
        raise ValueError(f"The source folder '{source}' must end with '/'.")
    if dest and not dest.endswith("/"):
        raise ValueError(f"The destination folder '{dest}' must end with '/'.")
    if source_bucket == dest_bucket and dest.startswith(source):
        raise ValueError(
            "A folder cannot be copied or moved into itself or one of its own sub-folders."
        )


# -- rename -----------------------------------------------------------------------------------


def renamed_key(key: str, new_name: str) -> str:
    """The key of `key` renamed in place: 'a/b.txt' + 'c.txt' -> 'a/c.txt'; folders keep '/'."""
    if not new_name or "/" in new_name or new_name in (".", ".."):
        raise ValueError("A new name cannot be empty, '.', '..' or contain '/'.")
    is_folder = key.endswith("/")
    stem = key[:-1] if is_folder else key
    parent = stem[: stem.rfind("/") + 1]
    return f"{parent}{new_name}/" if is_folder else f"{parent}{new_name}"


# -- duplicate --------------------------------------------------------------------------------

_DOUBLE_EXTENSIONS = (".tar.gz", ".tar.bz2", ".tar.xz", ".tar.zst")


def numbered_name(key: str, n: int) -> str:
    """'dir/name.ext' -> 'dir/name (n).ext'; 'dir/folder/' -> 'dir/folder (n)/'."""
    if key.endswith("/"):
        return f"{key[:-1]} ({n})/"
    parent, base = key[: len(key) - len(posixpath.basename(key))], posixpath.basename(key)
    lower = base.lower()
    ext = next((e for e in _DOUBLE_EXTENSIONS if lower.endswith(e) and len(base) > len(e)), None)
    if ext is None:
        dot = base.rfind(".")
        ext = base[dot:] if dot > 0 else ""
    stem = base[: len(base) - len(ext)]
    return f"{parent}{stem} ({n}){base[len(stem) :]}"


def free_name(session: S3Session, bucket: str, key: str, limit: int = 1000) -> str:
    """The first 'name (n).ext' (or 'folder (n)/') under which nothing exists yet."""
    for n in range(1, limit + 1):
        candidate = numbered_name(key, n)
        if not _exists(session, bucket, candidate):
            return candidate
    raise RuntimeError(f"No free name found for '{key}' after {limit} tries.")


def _exists(session: S3Session, bucket: str, key: str) -> bool:
    if key.endswith("/"):
        page = next(session.list_prefix(bucket, key, delimiter=None, max_keys=1))
        return bool(page.objects)
    try:
        session.head_object(bucket, key)
    except ClientError as exc:
        if exc.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
            return False
        raise
    return True


def duplicate_object(
    session: S3Session,
    bucket: str,
    key: str,
    multipart_threshold: int = MULTIPART_COPY_THRESHOLD,
    part_size: int = DEFAULT_PART_SIZE,
    cancel: CancelFlag | None = None,
    progress: Progress | None = None,
) -> str:
    """Copy `key` next to itself under a free name; returns the new key."""
    new_key = free_name(session, bucket, key)
    copy_object(
        session,
        ObjectRef(bucket, key),
        ObjectRef(bucket, new_key),
        multipart_threshold,
        part_size,
        cancel,
        progress,
    )
    return new_key


def duplicate_prefix(
    session: S3Session,
    bucket: str,
    prefix: str,
    total: int | None = None,
    cancel: CancelFlag | None = None,
    progress: Progress | None = None,
    workers: int = DEFAULT_WORKERS,
) -> tuple[str, CopyReport]:
    """Copy folder `prefix` next to itself under a free name; returns the new prefix."""
    new_prefix = free_name(session, bucket, prefix)
    report = copy_prefix(
        session, bucket, prefix, bucket, new_prefix, total, cancel, progress, workers
    )
    return new_prefix, report


__all__ = [
    "CopyCancelled",
    "CopyFailure",
    "CopyReport",
    "CopyResult",
    "ObjectRef",
    "copy_object",
    "copy_prefix",
    "duplicate_object",
    "duplicate_prefix",
    "free_name",
    "move_object",
    "move_prefix",
    "numbered_name",
    "renamed_key",
]
