"""Client-side encrypted items inside the transfer engine: their own upload and download path.

The engine's part-parallel paths cannot carry AES-GCM, which is one stream per object:
- uploads encrypt the parts strictly in order and send them one at a time (a single PUT below
  one part). The cipher's state cannot be kept across runs, so an upload interrupted by a pause,
  a crash or a failed part does not resume at part level: its multipart upload is aborted and
  the file is sent again from the start. A multipart upload leaves no object under the key
  until it completes, so an interrupted upload never leaves a partial object there.
- downloads read the object in one GET, decrypting into the partial file beside the target;
  the file takes the target's name only once the GCM tag has proved every byte. A failed or
  interrupted download starts over. Plain objects (no envelope, no instruction file) take the
  engine's ordinary download path.
"""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path
from typing import Any

from botocore.exceptions import ClientError

from app.core.cse.content_cipher import ContentDecryptor, ContentEncryptor
from app.core.cse.envelope import (
    INSTRUCTION_SUFFIX,
    V1_KEY,
    V2_KEY,
    V3_KEY,
    merge_instruction_file,
    needs_instruction_file,
    parse,
    parse_instruction_file,
)
from app.core.cse.errors import CseFormatError
from app.core.cse.key_store import wrapping_key
from app.core.cse.keys import WrappingKey
from app.core.sse_c.reads import read_and_head
from app.core.transfers import digests
from app.core.transfers.download import PARTIAL_SUFFIX, READ_SIZE, download_item
from app.core.transfers.jobs import Job
from app.core.transfers.journal import ItemRecord
from app.core.transfers.options import ChecksumAlgorithm, choose_part_size, part_count
from app.core.transfers.progress import PartState
from app.core.transfers.upload import (
    MTIME_META,
    abort_quietly,
    complete_upload,
    local_state,
    multipart_checksum_args,
    object_args,
    reconcile_upload,
    verify_response,
)
from app.core.transfers.worker_context import (
    SourceChanged,
    WorkerContext,
    checkpoint,
    sse_args,
)

_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)
_INSTRUCTION_MAX = 64 * 1024


# -- upload ----------------------------------------------------------------------------------------


def upload_encrypted_item(rt: WorkerContext, job: Job, item: ItemRecord) -> None:
    key = wrapping_key(job.options, rt.session)
    for _restart in range(3):
        _follow_file(rt, job, item)
        try:
            if item.size < min(job.options.multipart_threshold, job.options.part_size):
                _put_whole(rt, job, item, key)
            else:
                _put_parts(rt, job, item, key)
            return
        except SourceChanged:
            continue
    raise SourceChanged(f"{item.local_path} kept changing while it was uploaded")


def _follow_file(rt: WorkerContext, job: Job, item: ItemRecord) -> None:
    current = local_state(item.local_path)
    if (current.size, current.mtime_ns) != (item.size, item.mtime_ns):
        job.progress.add_total(current.size - item.size, files=0)
        rt.journal.update_item(item, size=current.size, mtime_ns=current.mtime_ns)


def _check_unchanged(item: ItemRecord) -> None:
    current = local_state(item.local_path)
    if (current.size, current.mtime_ns) != (item.size, item.mtime_ns):
        raise SourceChanged(item.local_path)


def _object_args(job: Job, item: ItemRecord, encryptor: ContentEncryptor) -> dict[str, Any]:
    # No whole-file SHA-256 in the metadata: a digest of the plaintext would let anyone
    # confirm a guess of the content.
    args = object_args(job.options, item, None)
    args["Metadata"] = {**args.get("Metadata", {}), **encryptor.envelope.to_metadata()}
    return args


def _read_range(handle: Any, offset: int, size: int, path: str) -> bytearray:
    data = bytearray(size)
    if size and os.preadv(handle.fileno(), [data], offset) != size:
        raise SourceChanged(path)
    return data


def _put_whole(rt: WorkerContext, job: Job, item: ItemRecord, key: WrappingKey) -> None:
    options = job.options
    client = rt.session.client_for_bucket(item.bucket)
    id_ = item.id or 0
    job.progress.start_item(id_, item.local_path, item.bucket, item.key, item.size)
    with open(item.local_path, "rb", buffering=0) as handle:
        plain = _read_range(handle, 0, item.size, item.local_path)
    encryptor = ContentEncryptor(key, item.size)
    body = encryptor.encrypt_part(plain)
    body += encryptor.finish()
    del plain
    args = _object_args(job, item, encryptor)
    algorithm = options.checksum
    fields, sent = digests.request_fields(algorithm, body)

    def send() -> None:
        checkpoint(job)
        rt.throttle(job, len(body))
        response = client.put_object(Body=body, **args, **fields)
        verify_response(options, algorithm, sent, response, "the upload")

    rt.request(job, send)
    _check_unchanged(item)
    job.progress.add_bytes(id_, item.size)


def _put_parts(rt: WorkerContext, job: Job, item: ItemRecord, key: WrappingKey) -> None:
    options = job.options
    client = rt.session.client_for_bucket(item.bucket)
    id_ = item.id or 0
    # An upload this item started before (paused, crashed, failed) cannot be continued: the
    # cipher state that produced its parts is gone. Abort it and begin again.
    reconcile_upload(rt, job, item, client)
    if item.upload_id:
        abort_quietly(rt, job, item)
    rt.journal.forget_parts(item)
    part_size = choose_part_size(item.size, options.part_size)
    rt.journal.update_item(item, upload_id=None, upload_started=None, part_size=part_size)
    total = part_count(item.size, part_size)

    encryptor = ContentEncryptor(key, item.size)
    args = _object_args(job, item, encryptor)
    checksum_args = multipart_checksum_args(options.checksum)
    args.update(checksum_args)
    checksum_type = checksum_args.get("ChecksumType")
    extra = {**item.extra, "checksum_type": checksum_type} if checksum_type else item.extra
    rt.journal.update_item(item, upload_started=time.time(), state="running", extra=extra)
    response = rt.request(job, lambda: client.create_multipart_upload(**args))
    rt.journal.update_item(item, upload_id=response["UploadId"])

    job.progress.start_item(id_, item.local_path, item.bucket, item.key, item.size)
    for number in range(1, total + 1):
        job.progress.part_state(id_, number, PartState.QUEUED)
    done: dict[int, tuple[str, str | None]] = {}
    with open(item.local_path, "rb", buffering=0) as handle:
        for number in range(1, total + 1):
            checkpoint(job)
            offset = (number - 1) * part_size
            size = min(part_size, item.size - offset)
            plain = _read_range(handle, offset, size, item.local_path)
            body = encryptor.encrypt_part(plain)
            del plain
            if number == total:
                body += encryptor.finish()
            done[number] = _send_part(rt, job, item, client, number, body)
            rt.journal.record_part(item, number, offset, len(body), *done[number])
            del body  # before the next part is read: one part's two copies at a time
            job.progress.part_state(id_, number, PartState.DONE)
            job.progress.add_bytes(id_, size)
    _check_unchanged(item)
    complete_upload(rt, job, item, client, done, total)


def _send_part(
    rt: WorkerContext, job: Job, item: ItemRecord, client: Any, number: int, body: bytearray
) -> tuple[str, str | None]:
    options = job.options
    algorithm = options.checksum
    fields, sent = digests.request_fields(algorithm, body)
    job.progress.part_state(item.id or 0, number, PartState.SENDING)

    def send() -> str:
        checkpoint(job)
        rt.throttle(job, len(body))
        response = client.upload_part(
            Bucket=item.bucket,
            Key=item.key,
            UploadId=item.upload_id,
            PartNumber=number,
            Body=body,
            **fields,
            **sse_args(options, for_read=True),  # SSE-C on top of CSE: every part
        )
        verify_response(options, algorithm, sent, response, f"part {number}")
        return digests.etag_hex(response["ETag"])

    try:
        etag = rt.request(job, send)
    except BaseException:
        job.progress.part_state(item.id or 0, number, PartState.FAILED)
        raise
    plain = algorithm in (ChecksumAlgorithm.MD5, ChecksumAlgorithm.NONE)
    return etag, None if plain else sent


# -- download --------------------------------------------------------------------------------------


def download_encrypted_item(rt: WorkerContext, job: Job, item: ItemRecord) -> None:
    client = rt.session.client_for_bucket(item.bucket)

    def head_with(args: dict[str, Any]) -> dict[str, Any]:
        answer: dict[str, Any] = rt.request(
            job, lambda: client.head_object(Bucket=item.bucket, Key=item.key, **args)
        )
        return answer

    # SSE-C on top of CSE: the ring's key that fits this object, not only its current key.
    extra, head = read_and_head(job.options, item.bucket, item.key, head_with)
    metadata = {k.lower(): v for k, v in head.get("Metadata", {}).items()}
    envelope_metadata = _envelope_metadata(rt, job, client, item, metadata)
    if envelope_metadata is None:
        download_item(rt, job, item)
        return
    envelope = parse(envelope_metadata)
    data_key = wrapping_key(job.options, rt.session).unwrap(envelope)
    etag = head["ETag"]
    size = head["ContentLength"]
    id_ = item.id or 0
    if size != item.size:
        job.progress.add_total(size - item.size, files=0)
        rt.journal.update_item(item, size=size)
    partial = item.local_path + PARTIAL_SUFFIX
    job.progress.start_item(id_, item.local_path, item.bucket, item.key, size)

    def fetch() -> None:
        checkpoint(job)
        decryptor = ContentDecryptor(envelope, data_key)
        response = client.get_object(Bucket=item.bucket, Key=item.key, IfMatch=etag, **extra)
        body = response["Body"]
        received = 0
        try:
            fd = _create(partial)
            try:
                while block := body.read(READ_SIZE):
                    rt.throttle(job, len(block))
                    _write_all(fd, decryptor.update(block))
                    received += len(block)
                    job.progress.add_bytes(id_, len(block))
                with job.progress.verifying(id_):
                    _write_all(fd, decryptor.finish())
            finally:
                os.close(fd)
        except BaseException:
            job.progress.rewind(id_, received)
            # Unauthenticated plaintext never stays on disk.
            with contextlib.suppress(FileNotFoundError):
                Path(partial).unlink()
            raise
        finally:
            body.close()

    rt.request(job, fetch)
    mtime = metadata.get(MTIME_META)
    if mtime and job.options.preserve_mtime:
        with contextlib.suppress(ValueError, OSError):
            os.utime(partial, (float(mtime), float(mtime)))
    Path(partial).replace(item.local_path)
    rt.journal.update_item(item, remote_etag=digests.etag_hex(etag))


def _envelope_metadata(
    rt: WorkerContext, job: Job, client: Any, item: ItemRecord, metadata: dict[str, str]
) -> dict[str, str] | None:
    """The object's envelope names, from its metadata or merged with its instruction file;
    None for an object that is not client-side encrypted."""
    if any(name in metadata for name in (V1_KEY, V2_KEY, V3_KEY)):
        return metadata
    if item.key.endswith(INSTRUCTION_SUFFIX):
        return None
    name = item.key + INSTRUCTION_SUFFIX
    try:
        response = rt.request(job, lambda: client.get_object(Bucket=item.bucket, Key=name))
    except ClientError as exc:
        if exc.response.get("Error", {}).get("Code") not in ("NoSuchKey", "404"):
            raise
        if needs_instruction_file(metadata):
            raise CseFormatError(
                f"The object's encryption metadata is in an instruction file, but {name} is missing"
            ) from None
        return None
    with contextlib.closing(response["Body"]) as body:
        raw = body.read(_INSTRUCTION_MAX + 1)
    if len(raw) > _INSTRUCTION_MAX:
        raise CseFormatError(f"The instruction file {name} is too large to be one")
    return merge_instruction_file(metadata, parse_instruction_file(raw, name))


def _create(partial: str) -> int:
    Path(partial).parent.mkdir(parents=True, exist_ok=True)
    return os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | _NO_FOLLOW, 0o666)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]
