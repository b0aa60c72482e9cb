"""Uploading one file: a single PUT below the threshold, a resumable multipart upload above it.

Parts are read from disk when their turn comes (os.pread), so memory holds at most one part per
connection. Every part is checked by the server (Content-MD5 or an additional checksum) and
its answer is checked here; the finished object is checked against the multipart ETag rule,
the composite checksum, or the FULL_OBJECT CRC made by combining the parts' CRCs (each part is
read and hashed once; the whole file's CRC comes from arithmetic on the parts' CRCs).

Where the provider keeps no full-object CRC (`options.store_crc`), the file's CRC64NVME goes
into the object's metadata instead: computed from the same bytes as the request for a single
PUT, by a read of the file before CreateMultipartUpload for a multipart upload (metadata is
fixed when the upload is created).
"""

from __future__ import annotations

import contextlib
import functools
import mimetypes
import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from botocore.exceptions import ClientError

from app.core.transfers import checksums, digests
from app.core.transfers.integrity import CRC_META, FULL_OBJECT_CRCS, METADATA_CRC
from app.core.transfers.jobs import Job
from app.core.transfers.journal import ItemRecord
from app.core.transfers.options import (
    MAX_SINGLE_PUT,
    ChecksumAlgorithm,
    TransferOptions,
    choose_part_size,
    part_count,
)
from app.core.transfers.progress import PartState
from app.core.transfers.retry import IntegrityError, required
from app.core.transfers.worker_context import (
    JobStopped,
    SourceChanged,
    WorkerContext,
    checkpoint,
    etag_is_md5,
    run_windowed,
    sse_args,
    tagging,
)

SMALL_BODY = 16 * 1024 * 1024  # below this a single PUT body is read into memory at once
MTIME_META = "mtime"  # seconds since the epoch as text; rclone uses the same key
SHA256_META = "eider-sha256"
ADOPT_WINDOW = 600.0  # seconds of clock skew tolerated when finding our own lost upload


@dataclass(frozen=True)
class LocalState:
    size: int
    mtime_ns: int


def local_state(path: str) -> LocalState:
    st = Path(path).stat()
    return LocalState(st.st_size, st.st_mtime_ns)


def object_args(
    options: TransferOptions, item: ItemRecord, sha256_hex: str | None, crc_b64: str | None = None
) -> dict[str, Any]:
    """Parameters shared by PutObject and CreateMultipartUpload."""
    args: dict[str, Any] = {"Bucket": item.bucket, "Key": item.key}
    content_type = options.content_type or mimetypes.guess_type(item.local_path)[0]
    args["ContentType"] = content_type or "application/octet-stream"
    if options.cache_control:
        args["CacheControl"] = options.cache_control
    metadata = dict(options.metadata)
    # Eider's CRC is of the bytes sent now, never one carried over from another object.
    metadata.pop(CRC_META, None)
    if options.preserve_mtime:
        metadata[MTIME_META] = f"{item.mtime_ns / 1e9:.9f}"
    if sha256_hex:
        metadata[SHA256_META] = sha256_hex
    if crc_b64:
        metadata[CRC_META] = crc_b64
    if metadata:
        args["Metadata"] = metadata
    if options.storage_class:
        args["StorageClass"] = options.storage_class
    if options.acl:
        args["ACL"] = options.acl
    if options.tags:
        args["Tagging"] = tagging(options.tags)
    args.update(sse_args(options))
    return args


def upload_item(rt: WorkerContext, job: Job, item: ItemRecord) -> None:
    """Send one file; returns when the object is complete and verified."""
    for _restart in range(3):
        current = local_state(item.local_path)
        if (current.size, current.mtime_ns) != (item.size, item.mtime_ns):
            _restart_item(rt, job, item, current)
        try:
            if item.size < job.options.multipart_threshold and item.size <= MAX_SINGLE_PUT:
                _single_put(rt, job, item)
            else:
                _multipart(rt, job, item)
            return
        except SourceChanged:
            continue
    raise SourceChanged(f"{item.local_path} kept changing while it was uploaded")


def _restart_item(rt: WorkerContext, job: Job, item: ItemRecord, current: LocalState) -> None:
    """The file is not what it was: drop what was sent of the old version and start over."""
    if item.upload_id:
        abort_quietly(rt, job, item)
    done = sum(p.size for p in rt.journal.parts(item).values())
    if done:
        job.progress.rewind(item.id or 0, done)
    rt.journal.forget_parts(item)
    job.progress.add_total(current.size - item.size, files=0)
    rt.journal.update_item(
        item,
        size=current.size,
        mtime_ns=current.mtime_ns,
        upload_id=None,
        upload_started=None,
        part_size=None,
        state="queued",
    )


def abort_quietly(rt: WorkerContext, job: Job, item: ItemRecord) -> None:
    client = rt.session.client_for_bucket(item.bucket)
    upload_id = item.upload_id
    # Already gone (completed elsewhere or expired) is fine: there is nothing left to free.
    with contextlib.suppress(ClientError):
        rt.request(
            job,
            lambda: client.abort_multipart_upload(
                Bucket=item.bucket, Key=item.key, UploadId=upload_id
            ),
            stoppable=False,
        )


def _whole_file_digests(
    options: TransferOptions, item: ItemRecord, crc: bool = True
) -> tuple[str | None, str | None]:
    """The file's SHA-256 (hex) and CRC64NVME (base64) the options keep in metadata, in one
    read of the file; None for each not asked for (the CRC not at all unless `crc`)."""
    with_crc = crc and options.store_crc
    wanted = [ChecksumAlgorithm.SHA256] if options.store_sha256 else []
    wanted += [METADATA_CRC] if with_crc else []
    if not wanted:
        return None, None
    hasher = digests.hash_file_range(item.local_path, 0, item.size, wanted)
    sha = hasher.hex(ChecksumAlgorithm.SHA256) if options.store_sha256 else None
    return sha, hasher.b64(METADATA_CRC) if with_crc else None


def multipart_checksum_args(algorithm: ChecksumAlgorithm) -> dict[str, str]:
    """CreateMultipartUpload's checksum parameters: a CRC becomes a FULL_OBJECT checksum."""
    name = digests.s3_name(algorithm)
    if not name:
        return {}
    if algorithm in FULL_OBJECT_CRCS:
        return {"ChecksumAlgorithm": name, "ChecksumType": "FULL_OBJECT"}
    return {"ChecksumAlgorithm": name}


def _check_unchanged(item: ItemRecord) -> None:
    current = local_state(item.local_path)
    if (current.size, current.mtime_ns) != (item.size, item.mtime_ns):
        raise SourceChanged(item.local_path)


# -- single PUT ------------------------------------------------------------------------------------


def _single_put(rt: WorkerContext, job: Job, item: ItemRecord) -> None:
    options = job.options
    client = rt.session.client_for_bucket(item.bucket)
    sha = _whole_file_digests(options, item, crc=False)[0]
    algorithm = options.checksum
    id_ = item.id or 0
    job.progress.start_item(id_, item.local_path, item.bucket, item.key, item.size)

    def send() -> dict[str, Any]:
        checkpoint(job)
        if item.size <= SMALL_BODY:
            body: Any = _read_whole(item.local_path, item.size)
            fields, sent = digests.request_fields(algorithm, body)
            crc = _metadata_crc(options, algorithm, sent, body)
            args = object_args(options, item, sha, crc)
            rt.throttle(job, item.size)
            response = rt.lean.put_object(client, Body=body, **args, **fields)
        else:
            wanted: list[ChecksumAlgorithm] = []
            if algorithm is not ChecksumAlgorithm.NONE:
                wanted.append(algorithm)
            if options.store_crc and METADATA_CRC not in wanted:
                wanted += [METADATA_CRC]
            hasher = digests.hash_file_range(item.local_path, 0, item.size, wanted)
            sent = hasher.b64(algorithm) if algorithm is not ChecksumAlgorithm.NONE else ""
            fields = _fields_for(algorithm, sent) if sent else {}
            args = object_args(
                options, item, sha, hasher.b64(METADATA_CRC) if options.store_crc else None
            )
            rt.throttle(job, item.size)
            with open(item.local_path, "rb") as handle:
                response = client.put_object(Body=handle, **args, **fields)
        job.progress.add_bytes(id_, item.size)
        try:
            with job.progress.verifying(id_):
                verify_response(options, algorithm, sent, response, "the upload")
        except BaseException:
            job.progress.rewind(id_, item.size)
            raise
        return response

    rt.request(job, send)
    try:
        _check_unchanged(item)
    except BaseException:
        job.progress.rewind(id_, item.size)
        raise


def _metadata_crc(
    options: TransferOptions, algorithm: ChecksumAlgorithm, sent: str, body: bytes
) -> str | None:
    """The CRC64NVME kept in metadata for `body`: the request's own when it is one."""
    if not options.store_crc:
        return None
    if algorithm is METADATA_CRC:
        return sent
    return checksums.checksum_b64(METADATA_CRC, body)


def _read_whole(path: str, size: int) -> bytes:
    """The file's bytes, which must be `size` of them (SourceChanged if not).

    os.open and one read asking for a byte more than expected: a buffered file object costs
    four more system calls, each a release of the interpreter lock that other workers queue
    for, and on a tree of small files those hand-overs are much of the CPU.
    """
    fd = os.open(path, os.O_RDONLY)
    try:
        chunks = []
        wanted = size + 1
        while wanted > 0:
            chunk = os.read(fd, wanted)
            if not chunk:
                break
            chunks.append(chunk)
            wanted -= len(chunk)
    finally:
        os.close(fd)
    body = b"".join(chunks)
    if len(body) != size:
        raise SourceChanged(path)
    return body


def _fields_for(algorithm: ChecksumAlgorithm, value: str) -> dict[str, str]:
    if algorithm is ChecksumAlgorithm.MD5:
        return {"ContentMD5": value}
    name = digests.s3_name(algorithm)
    return {"ChecksumAlgorithm": name or "", f"Checksum{name}": value}


def verify_response(
    options: TransferOptions,
    algorithm: ChecksumAlgorithm,
    sent: str,
    response: dict[str, Any],
    what: str,
) -> None:
    """The server echoes what it stored: an ETag (MD5) or the additional checksum."""
    if algorithm is ChecksumAlgorithm.MD5 and etag_is_md5(options, response):
        got = digests.etag_hex(response.get("ETag"))
        if digests.is_plain_md5_etag(got) and got != digests.md5_b64_to_hex(sent):
            raise IntegrityError(f"The server stored different bytes for {what} (ETag {got})")
    field = digests.response_field(algorithm)
    if field and response.get(field) and response[field] != sent:
        raise IntegrityError(f"The server's {field} for {what} does not match what was sent")


# -- multipart -------------------------------------------------------------------------------------


def _multipart(rt: WorkerContext, job: Job, item: ItemRecord) -> None:
    options = job.options
    client = rt.session.client_for_bucket(item.bucket)
    id_ = item.id or 0
    if not item.part_size:
        rt.journal.update_item(item, part_size=choose_part_size(item.size, options.part_size))
    part_size = item.part_size or options.part_size
    total_parts = part_count(item.size, part_size)

    server_parts = reconcile_upload(rt, job, item, client)
    if item.upload_id is None:
        _create_upload(rt, job, item, client)
        server_parts = {}
    known = rt.journal.parts(item)
    done: dict[int, tuple[str, str | None]] = {}  # number -> (etag, checksum)
    for number, record in known.items():
        listed = server_parts.get(number)
        if listed and listed[0] == record.etag and listed[1] == record.size:
            done[number] = (record.etag or "", record.checksum)
    stale = set(known) - set(done)
    if stale:
        rt.journal.forget_parts(item, stale)
    # Parts the server has but the journal lost (killed between the two): keep them when the
    # local bytes hash to the part's ETag, so they are not sent again.
    if etag_is_md5(options):
        for number, (etag, size) in server_parts.items():
            if number in done or number > total_parts:
                continue
            offset = (number - 1) * part_size
            if size != min(part_size, item.size - offset):
                continue
            local = digests.hash_file_range(item.local_path, offset, size, [ChecksumAlgorithm.MD5])
            if local.hex(ChecksumAlgorithm.MD5) == etag:
                checksum = None
                if options.checksum not in (ChecksumAlgorithm.MD5, ChecksumAlgorithm.NONE):
                    checksum = digests.hash_file_range(
                        item.local_path, offset, size, [options.checksum]
                    ).b64(options.checksum)
                rt.journal.record_part(item, number, offset, size, etag, checksum)
                done[number] = (etag, checksum)

    already = sum(min(part_size, item.size - (n - 1) * part_size) for n in done)
    job.progress.start_item(id_, item.local_path, item.bucket, item.key, item.size, already)
    job.progress.add_bytes(id_, already)
    for number in range(1, total_parts + 1):
        state = PartState.DONE if number in done else PartState.QUEUED
        job.progress.part_state(id_, number, state)

    missing = [n for n in range(1, total_parts + 1) if n not in done]
    results = _send_parts(rt, job, item, client, part_size, missing)
    done.update(results)
    _check_unchanged(item)
    complete_upload(rt, job, item, client, done, total_parts)


def reconcile_upload(
    rt: WorkerContext, job: Job, item: ItemRecord, client: Any
) -> dict[int, tuple[str, int]]:
    """Find the upload to continue; return the parts the server holds for it."""
    if item.upload_id is None:
        _adopt_known_upload(rt, job, item, client)
    if item.upload_id is None:
        return {}
    try:
        return _list_parts(rt, job, item, client)
    except ClientError as exc:
        if exc.response.get("Error", {}).get("Code") not in ("NoSuchUpload", "404"):
            raise
        rt.journal.forget_parts(item)
        rt.journal.update_item(item, upload_id=None, upload_started=None)
        return {}


def _adopt_known_upload(rt: WorkerContext, job: Job, item: ItemRecord, client: Any) -> None:
    """Never start a second multipart upload for a key Eider is already uploading."""
    for other in rt.journal.uploads_for_key(rt.endpoint, item.bucket, item.key):
        if other.id == item.id:
            continue
        same = (other.local_path, other.size, other.mtime_ns) == (
            item.local_path,
            item.size,
            item.mtime_ns,
        )
        if same and other.part_size == item.part_size:
            parts = rt.journal.parts(other)
            kind = (
                {"checksum_type": other.extra["checksum_type"]}
                if other.extra.get("checksum_type")
                else {}
            )
            rt.journal.update_item(
                item,
                upload_id=other.upload_id,
                upload_started=other.upload_started,
                extra={**item.extra, **kind},
            )
            for p in parts.values():
                rt.journal.record_part(item, p.number, p.offset, p.size, p.etag, p.checksum)
            rt.journal.update_item(other, upload_id=None, state="superseded")
            return
        # An older upload of a different version of the file: it would only cost storage.
        abort_quietly(rt, job, other)
        rt.journal.update_item(other, upload_id=None, state="superseded")
    if item.upload_started is None:
        return
    # We asked for an upload id and were killed before the answer reached the journal.
    uploads = rt.request(
        job, lambda: client.list_multipart_uploads(Bucket=item.bucket, Prefix=item.key)
    )
    candidates = [
        u
        for u in uploads.get("Uploads", [])
        if u["Key"] == item.key
        and u["Initiated"].timestamp() >= item.upload_started - ADOPT_WINDOW
        and not _claimed(rt, item, u["UploadId"])
    ]
    if candidates:
        newest = max(candidates, key=lambda u: u["Initiated"])
        rt.journal.update_item(item, upload_id=newest["UploadId"])


def _claimed(rt: WorkerContext, item: ItemRecord, upload_id: str) -> bool:
    return any(
        other.upload_id == upload_id and other.id != item.id
        for other in rt.journal.uploads_for_key(rt.endpoint, item.bucket, item.key)
    )


def _list_parts(
    rt: WorkerContext, job: Job, item: ItemRecord, client: Any
) -> dict[int, tuple[str, int]]:
    parts: dict[int, tuple[str, int]] = {}
    marker = 0
    while True:
        response = rt.request(
            job,
            functools.partial(
                client.list_parts,
                Bucket=item.bucket,
                Key=item.key,
                UploadId=item.upload_id,
                PartNumberMarker=marker,
            ),
        )
        for part in response.get("Parts", []):
            parts[part["PartNumber"]] = (digests.etag_hex(part["ETag"]), part["Size"])
        if not response.get("IsTruncated"):
            return parts
        marker = response.get("NextPartNumberMarker", 0)


def _create_upload(rt: WorkerContext, job: Job, item: ItemRecord, client: Any) -> None:
    options = job.options
    sha, crc = _whole_file_digests(options, item)
    args = object_args(options, item, sha, crc)
    checksum_args = multipart_checksum_args(options.checksum)
    args.update(checksum_args)
    # Written before asking, so a crash between request and answer is recognisable later;
    # the checksum type too, so that the completion sends what this upload was created with.
    checksum_type = checksum_args.get("ChecksumType")
    extra = {**item.extra, "checksum_type": checksum_type} if checksum_type else item.extra
    rt.journal.update_item(item, upload_started=time.time(), state="running", extra=extra)
    response = rt.request(job, lambda: client.create_multipart_upload(**args))
    rt.journal.update_item(item, upload_id=response["UploadId"])


def _send_parts(
    rt: WorkerContext,
    job: Job,
    item: ItemRecord,
    client: Any,
    part_size: int,
    numbers: list[int],
) -> dict[int, tuple[str, str | None]]:
    results = run_windowed(
        rt,
        job,
        numbers,
        lambda number, abandon: _send_part(rt, job, item, client, part_size, number, abandon),
    )
    return {number: (etag, checksum) for number, etag, checksum in results}


def _send_part(
    rt: WorkerContext,
    job: Job,
    item: ItemRecord,
    client: Any,
    part_size: int,
    number: int,
    abandon: threading.Event,
) -> tuple[int, str, str | None]:
    if abandon.is_set():
        raise JobStopped
    options = job.options
    offset = (number - 1) * part_size
    size = min(part_size, item.size - offset)
    id_ = item.id or 0
    extra = sse_args(options, for_read=True)
    algorithm = options.checksum

    def send() -> tuple[str, str | None]:
        checkpoint(job)
        # A bytearray, not bytes: botocore glues a bytes body onto the request headers (a copy
        # of the whole part, and no Expect: 100-continue); other buffers are sent as they are.
        data = bytearray(size)
        with open(item.local_path, "rb", buffering=0) as handle:
            got = os.preadv(handle.fileno(), [data], offset)
        if got != size:
            raise SourceChanged(item.local_path)
        fields, sent = digests.request_fields(algorithm, data)
        rt.throttle(job, size)
        job.progress.part_state(id_, number, PartState.SENDING)
        response = client.upload_part(
            Bucket=item.bucket,
            Key=item.key,
            UploadId=item.upload_id,
            PartNumber=number,
            Body=data,
            **fields,
            **extra,
        )
        verify_response(options, algorithm, sent, response, f"part {number}")
        etag = digests.etag_hex(response["ETag"])
        plain = algorithm in (ChecksumAlgorithm.MD5, ChecksumAlgorithm.NONE)
        return etag, None if plain else sent

    try:
        etag, checksum = rt.request(job, send)
    except BaseException:
        job.progress.part_state(id_, number, PartState.FAILED)
        raise
    rt.journal.record_part(item, number, offset, size, etag, checksum)
    job.progress.part_state(id_, number, PartState.DONE)
    job.progress.add_bytes(id_, size)
    return number, etag, checksum


def complete_upload(
    rt: WorkerContext,
    job: Job,
    item: ItemRecord,
    client: Any,
    done: dict[int, tuple[str, str | None]],
    total_parts: int,
    algorithm: ChecksumAlgorithm | None = None,
    state: str = "done",
) -> None:
    """Complete the upload and check the result: the multipart ETag rule, the composite
    checksum of `algorithm` (the job's by default; NONE for server-side copies). `state` is
    what the item is journaled as once complete (a move's copy: not done until its source
    is deleted)."""
    options = job.options
    algorithm = options.checksum if algorithm is None else algorithm
    if sorted(done) != list(range(1, total_parts + 1)):
        raise IntegrityError(f"Parts missing before completion of {item.key}")
    name = digests.s3_name(algorithm)
    parts = []
    for number in range(1, total_parts + 1):
        etag, checksum = done[number]
        entry: dict[str, Any] = {"PartNumber": number, "ETag": f'"{etag}"'}
        if name and checksum:
            entry[f"Checksum{name}"] = checksum
        parts.append(entry)
    extra = sse_args(options, for_read=True)
    full = _full_object_crc(rt, item, done, total_parts, algorithm)
    if full and name:
        extra.update({f"Checksum{name}": full, "ChecksumType": "FULL_OBJECT"})
    # Every part has arrived; the server assembles and checks them, then we check its answer.
    with job.progress.verifying(item.id or 0):

        def complete() -> dict[str, Any]:
            answer: dict[str, Any] = client.complete_multipart_upload(
                Bucket=item.bucket,
                Key=item.key,
                UploadId=item.upload_id,
                MultipartUpload={"Parts": parts},
                **extra,
            )
            required(answer, ("ETag",), "completion of the upload", item.key)
            return answer

        response = rt.request(job, complete)
        got = _check_completed(rt, job, item, response, done, total_parts, algorithm, full)
    rt.journal.update_item(item, remote_etag=got, upload_id=None, state=state)


def _full_object_crc(
    rt: WorkerContext,
    item: ItemRecord,
    done: dict[int, tuple[str, str | None]],
    total_parts: int,
    algorithm: ChecksumAlgorithm,
) -> str | None:
    """The whole object's CRC from its parts' CRCs and sizes, for an upload created with a
    FULL_OBJECT checksum; None for any other."""
    if algorithm not in FULL_OBJECT_CRCS or item.extra.get("checksum_type") != "FULL_OBJECT":
        return None
    sizes = {number: part.size for number, part in rt.journal.parts(item).items()}
    pieces = []
    for number in range(1, total_parts + 1):
        checksum = done[number][1]
        if not checksum or number not in sizes:
            return None  # a part sent without its CRC: the server's own rule stands
        pieces.append((checksum, sizes[number]))
    return checksums.full_object_checksum(algorithm, pieces)


def _check_completed(
    rt: WorkerContext,
    job: Job,
    item: ItemRecord,
    response: dict[str, Any],
    done: dict[int, tuple[str, str | None]],
    total_parts: int,
    algorithm: ChecksumAlgorithm,
    full: str | None,
) -> str:
    """The completed object's ETag, once it and its composite or full-object checksum match
    the parts'."""
    options = job.options
    got = digests.etag_hex(response.get("ETag"))
    etags = [done[n][0] for n in range(1, total_parts + 1)]
    if (
        etag_is_md5(options, response)
        and "-" in got
        and all(digests.is_plain_md5_etag(e) for e in etags)
        and got != digests.multipart_etag(etags)
    ):
        abort_quietly(rt, job, item)
        raise IntegrityError(
            f"The completed object {item.key} has ETag {got}, not {digests.multipart_etag(etags)}"
        )
    field = digests.response_field(algorithm)
    reported = response.get(field) if field else None
    if full and reported and reported != full:
        raise IntegrityError(
            f"The completed object {item.key} reports {field} {reported}, not {full} (the"
            " CRC of the file's parts)"
        )
    if field and reported and "-" in reported:
        expected = digests.composite_checksum(
            algorithm, [done[n][1] or "" for n in range(1, total_parts + 1)]
        )
        if reported != expected:
            raise IntegrityError(
                f"The completed object {item.key} reports {field} {reported}, not {expected}"
            )
    return got
