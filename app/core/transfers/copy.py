"""Server-side copy of one object: the bytes never pass through Eider.

Below the multipart threshold (and S3's 5 GiB single-copy limit) one CopyObject; above it a
multipart upload whose parts are UploadPartCopy ranges of the source, journaled like upload
parts so an interrupted copy continues. Every request is pinned to the source's ETag
(CopySourceIfMatch): if the source changes mid-copy the copy starts over from the new version.

The copy keeps what the source carries: metadata and content headers, tags, storage class and
SSE-KMS key (a multipart copy restates them by hand; CopyObject would reset the storage class
and take the bucket's default encryption). A folder placeholder is written anew (SeaweedFS
cannot copy one). A source version (`source_version_id`) is copied as it was: a restore.
A rewrite (`rewrite.py`) is a copy onto the source's own key whose new headers, metadata,
class and encryption a `Destination` states in full.
A move deletes each source only after its copy is complete and journaled as "copied", so a
kill in between leaves the source to be deleted on resume, never a source lost.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from botocore.exceptions import ClientError

from app.core.s3.folders import DIRECTORY_CONTENT_TYPE
from app.core.sse_c.reads import forget_read_key, known_read_sse, read_and_head
from app.core.transfers import digests
from app.core.transfers.jobs import Job, JobKind
from app.core.transfers.journal import ItemRecord
from app.core.transfers.options import (
    MAX_SINGLE_PUT,
    ChecksumAlgorithm,
    choose_part_size,
    part_count,
)
from app.core.transfers.progress import PartState
from app.core.transfers.retry import IntegrityError, required
from app.core.transfers.upload import abort_quietly, complete_upload, reconcile_upload
from app.core.transfers.worker_context import (
    JobStopped,
    WorkerContext,
    checkpoint,
    etag_is_md5,
    run_windowed,
    sse_args,
    tagging,
)

# What a copy carries over from the source when it has to restate the metadata.
_CARRIED = (
    "ContentType",
    "CacheControl",
    "ContentDisposition",
    "ContentEncoding",
    "ContentLanguage",
    "Expires",
    "WebsiteRedirectLocation",
)
COPIED = "copied"  # a move's item: the copy is complete, the source not yet deleted
_MISSING_TAGGING = ("NotImplemented", "NoSuchTagSet", "MethodNotAllowed")
_SSE_C_ARGS = ("SSECustomerAlgorithm", "SSECustomerKey", "SSECustomerKeyMD5")

# The source's HeadObject -> every argument the new object is written with (headers, metadata,
# class, encryption, tags), for a copy that restates them instead of carrying them over.
Destination = Callable[[dict[str, Any]], dict[str, Any]]


class SourceChangedOnServer(Exception):
    """The source object was replaced while it was being copied."""


def copy_item(
    rt: WorkerContext,
    job: Job,
    item: ItemRecord,
    move: bool,
    destination: Destination | None = None,
) -> None:
    if item.state != COPIED:
        _copy_with_retries(rt, job, item, destination)
    if move:
        checkpoint(job)
        source_bucket, source_key = item.extra["source_bucket"], item.extra["source_key"]
        client = rt.session.client_for_bucket(source_bucket)
        rt.request(job, lambda: client.delete_object(Bucket=source_bucket, Key=source_key))


def _done_state(job: Job) -> str:
    return COPIED if job.kind is JobKind.MOVE else "done"


def _copied(rt: WorkerContext, job: Job, item: ItemRecord) -> None:
    """A one-request copy is complete. A move's item is journaled at once (its source is
    deleted next); a copy's "done" is marked by the engine with others, as for small uploads:
    a crash can only make it copy again."""
    if job.kind is JobKind.MOVE:
        rt.journal.update_item(item, state=COPIED)


def _copy_with_retries(
    rt: WorkerContext, job: Job, item: ItemRecord, destination: Destination | None
) -> None:
    if _is_placeholder(item) and destination is None:
        _write_placeholder(rt, job, item)
        return
    for _attempt in range(3):
        try:
            _copy(rt, job, item, destination)
            break
        except SourceChangedOnServer:
            if item.upload_id:
                abort_quietly(rt, job, item)
            rt.journal.forget_parts(item)
            rt.journal.update_item(item, upload_id=None, upload_started=None, remote_etag=None)
    else:
        raise SourceChangedOnServer(f"{item.extra['source_key']} kept changing during the copy")


def _is_placeholder(item: ItemRecord) -> bool:
    return item.size == 0 and item.extra["source_key"].endswith("/") and item.key.endswith("/")


def _write_placeholder(rt: WorkerContext, job: Job, item: ItemRecord) -> None:
    client = rt.session.client_for_bucket(item.bucket)
    args = {"Bucket": item.bucket, "Key": item.key, "Body": b""}
    args["ContentType"] = DIRECTORY_CONTENT_TYPE
    args.update(sse_args(job.options))
    rt.request(job, lambda: client.put_object(**args))
    _copied(rt, job, item)


def _source_args(job: Job, item: ItemRecord) -> dict[str, Any]:
    source = {"Bucket": item.extra["source_bucket"], "Key": item.extra["source_key"]}
    if item.extra.get("source_version_id"):
        source["VersionId"] = item.extra["source_version_id"]
    args: dict[str, Any] = {"CopySource": source, "CopySourceIfMatch": f'"{item.remote_etag}"'}
    sse_c = known_read_sse(job.options, source["Bucket"], source["Key"], source.get("VersionId"))
    if sse_c:
        args["CopySourceSSECustomerAlgorithm"] = sse_c["SSECustomerAlgorithm"]
        args["CopySourceSSECustomerKey"] = sse_c["SSECustomerKey"]
    return args


def _pinned(exc: ClientError) -> bool:
    return exc.response.get("Error", {}).get("Code") in ("PreconditionFailed", "412")


def _copy(rt: WorkerContext, job: Job, item: ItemRecord, destination: Destination | None) -> None:
    options = job.options
    source_bucket, source_key = item.extra["source_bucket"], item.extra["source_key"]
    source_client = rt.session.client_for_bucket(source_bucket)
    head_args: dict[str, Any] = {"Bucket": source_bucket, "Key": source_key}
    if item.extra.get("source_version_id"):
        head_args["VersionId"] = item.extra["source_version_id"]

    def head_with(extra: dict[str, Any]) -> dict[str, Any]:
        answer: dict[str, Any] = rt.request(
            job, lambda: source_client.head_object(**head_args, **extra)
        )
        return answer

    version = head_args.get("VersionId")
    head = read_and_head(options, source_bucket, source_key, head_with, version)[1]
    etag = digests.etag_hex(head.get("ETag"))
    size = int(head["ContentLength"])
    if item.remote_etag and item.remote_etag != etag:
        raise SourceChangedOnServer(source_key)
    if size != item.size:
        job.progress.add_total(size - item.size, files=0)
    threshold = options.copy_threshold or options.multipart_threshold
    single = size < threshold and size <= MAX_SINGLE_PUT
    if single:  # one request: a crash before it ends just sends it again
        item.remote_etag, item.size = etag, size
    else:  # the parts are pinned to this ETag: a resume must know it
        rt.journal.update_item(item, remote_etag=etag, size=size)
    client = rt.session.client_for_bucket(item.bucket)
    id_ = item.id or 0
    try:
        if single:
            job.progress.start_item(id_, item.local_path, item.bucket, item.key, size)
            _single_copy(rt, job, item, client, head, destination)
            job.progress.add_bytes(id_, size)
        else:
            _multipart_copy(rt, job, item, client, head, destination)
        forget_read_key(options, item.bucket, item.key)  # rewritten under the current key
    except ClientError as exc:
        if _pinned(exc):
            raise SourceChangedOnServer(source_key) from exc
        raise


def _destination_args(job: Job, item: ItemRecord, head: dict[str, Any]) -> dict[str, Any]:
    """Metadata for the new object: the source's, with this job's options on top."""
    options = job.options
    args: dict[str, Any] = {"Bucket": item.bucket, "Key": item.key}
    for name in _CARRIED:
        if head.get(name):
            args[name] = head[name]
    if options.content_type:
        args["ContentType"] = options.content_type
    if options.cache_control:
        args["CacheControl"] = options.cache_control
    args["Metadata"] = {**head.get("Metadata", {}), **options.metadata}
    if options.storage_class:
        args["StorageClass"] = options.storage_class
    elif head.get("StorageClass") and head["StorageClass"] != "STANDARD":
        args["StorageClass"] = head["StorageClass"]  # a copy would reset it to STANDARD
    if options.acl:
        args["ACL"] = options.acl
    if options.tags:
        args["Tagging"] = tagging(options.tags)
    args.update(sse_args(options) or _kms_of(head))
    return args


def _kms_of(head: dict[str, Any]) -> dict[str, str]:
    """The source's SSE-KMS key: without it the copy takes the bucket's default encryption."""
    if head.get("ServerSideEncryption") != "aws:kms":
        return {}
    args = {"ServerSideEncryption": "aws:kms"}
    if head.get("SSEKMSKeyId"):
        args["SSEKMSKeyId"] = head["SSEKMSKeyId"]
    return args


def _source_tagging(rt: WorkerContext, job: Job, item: ItemRecord) -> str | None:
    """The source's tags for a multipart copy (UploadPartCopy carries none); None when it has
    none or the server keeps no tags."""
    args: dict[str, Any] = {"Bucket": item.extra["source_bucket"], "Key": item.extra["source_key"]}
    if item.extra.get("source_version_id"):
        args["VersionId"] = item.extra["source_version_id"]
    client = rt.session.client_for_bucket(args["Bucket"])
    try:
        response = rt.request(job, lambda: client.get_object_tagging(**args))
    except ClientError as exc:
        if exc.response.get("Error", {}).get("Code") in _MISSING_TAGGING:
            return None
        raise
    tags = {t["Key"]: t["Value"] for t in response.get("TagSet", [])}
    return tagging(tags) if tags else None


def _single_copy(
    rt: WorkerContext,
    job: Job,
    item: ItemRecord,
    client: Any,
    head: dict[str, Any],
    destination: Destination | None,
) -> None:
    options = job.options
    if destination is not None:
        args = {**_source_args(job, item), **_restated(item, head, destination)}
        args["MetadataDirective"] = "REPLACE"
        if "Tagging" in args:
            args["TaggingDirective"] = "REPLACE"
    else:
        args = {**_source_args(job, item), **_destination_args(job, item, head)}
        source_id = (item.extra["source_bucket"], item.extra["source_key"])
        # A copy onto itself (an SSE-C rotation) must change what the server sees: the
        # metadata is restated.
        restating = source_id == (item.bucket, item.key) or bool(
            options.metadata or options.content_type or options.cache_control
        )
        args["MetadataDirective"] = "REPLACE" if restating else "COPY"
        if not restating:
            for name in (*_CARRIED, "Metadata"):
                args.pop(name, None)
        if options.tags:
            args["TaggingDirective"] = "REPLACE"

    def copy_object() -> dict[str, Any]:
        answer: dict[str, Any] = client.copy_object(**args)
        required(answer, ("CopyObjectResult", "ETag"), "copy", item.key)
        return answer

    response = rt.request(job, copy_object)
    got = digests.etag_hex(response["CopyObjectResult"]["ETag"])
    source = item.remote_etag or ""
    # A one-request copy of a plain object keeps its MD5 ETag; anything else is a mismatch.
    plain = etag_is_md5(options, head) and etag_is_md5(options, response)
    md5s = digests.is_plain_md5_etag(source) and digests.is_plain_md5_etag(got)
    if plain and md5s and got != source:
        raise IntegrityError(f"The copy of {item.key} has ETag {got}, the source {source}")
    _copied(rt, job, item)


def _restated(item: ItemRecord, head: dict[str, Any], destination: Destination) -> dict[str, Any]:
    return {**destination(head), "Bucket": item.bucket, "Key": item.key}


def _multipart_copy(
    rt: WorkerContext,
    job: Job,
    item: ItemRecord,
    client: Any,
    head: dict[str, Any],
    destination: Destination | None,
) -> None:
    options = job.options
    if destination is not None:
        restated = _restated(item, head, destination)
        target_key = {k: restated[k] for k in _SSE_C_ARGS if k in restated}
    else:
        restated = None
        target_key = sse_args(options, for_read=True)
    id_ = item.id or 0
    if not item.part_size:
        rt.journal.update_item(item, part_size=choose_part_size(item.size, options.part_size))
    part_size = item.part_size or options.part_size
    total = part_count(item.size, part_size)
    server_parts = reconcile_upload(rt, job, item, client)
    if item.upload_id is None:
        args = restated if restated is not None else _destination_args(job, item, head)
        if "Tagging" not in args:
            carried = _source_tagging(rt, job, item)
            if carried:
                args["Tagging"] = carried
        rt.journal.update_item(item, upload_started=time.time())
        response = rt.request(job, lambda: client.create_multipart_upload(**args))
        rt.journal.update_item(item, upload_id=response["UploadId"])
        server_parts = {}
    known = rt.journal.parts(item)
    done: dict[int, tuple[str, str | None]] = {
        n: (p.etag or "", None)
        for n, p in known.items()
        if server_parts.get(n, ("", -1))[0] == p.etag
    }
    already = sum(known[n].size for n in done)
    job.progress.start_item(id_, item.local_path, item.bucket, item.key, item.size, already)
    job.progress.add_bytes(id_, already)
    for number in range(1, total + 1):
        job.progress.part_state(id_, number, PartState.DONE if number in done else PartState.QUEUED)

    def copy_part(number: int, abandon: Any) -> tuple[int, str]:
        if abandon.is_set():
            raise JobStopped
        start = (number - 1) * part_size
        end = min(item.size, start + part_size) - 1
        args = {
            **_source_args(job, item),
            "Bucket": item.bucket,
            "Key": item.key,
            "UploadId": item.upload_id,
            "PartNumber": number,
            "CopySourceRange": f"bytes={start}-{end}",
            **target_key,
        }
        job.progress.part_state(id_, number, PartState.SENDING)
        etag = digests.etag_hex(
            rt.request(
                job,
                lambda: required(
                    client.upload_part_copy(**args),
                    ("CopyPartResult", "ETag"),
                    f"copy of part {number}",
                    item.key,
                ),
            )
        )
        rt.journal.record_part(item, number, start, end - start + 1, etag, None)
        job.progress.part_state(id_, number, PartState.DONE)
        job.progress.add_bytes(id_, end - start + 1)
        return number, etag

    missing = [n for n in range(1, total + 1) if n not in done]
    for number, etag in run_windowed(rt, job, missing, copy_part):
        done[number] = (etag, None)
    complete_upload(
        rt, job, item, client, done, total, ChecksumAlgorithm.NONE, state=_done_state(job)
    )
    read_args = target_key
    final = rt.request(
        job, lambda: client.head_object(Bucket=item.bucket, Key=item.key, **read_args)
    )
    if int(final["ContentLength"]) != item.size:
        raise IntegrityError(
            f"The copy of {item.key} has {final['ContentLength']} bytes, the source {item.size}"
        )
