"""Downloading one object into `<target>.eider-partial`, then replacing the target once verified.

Small objects take one GET (no HEAD first). Larger ones are fetched as units in parallel and
written in place with os.pwrite: the object's own parts (GET ?partNumber=) when it was a
multipart upload, so each unit's MD5 checks against the multipart ETag, else byte ranges.
Checksums of the whole object (the SHA-256 or CRC64NVME Eider stores in metadata, a full-object
CRC or SHA-256 from the server, else the MD5 ETag of a ranged download) are computed in order
while the units land, reading each byte back just behind the writers, so no second pass over
the file is needed. A multipart object's parts are checked by MD5 against its ETag only when
there is no whole-object CRC to check (a foreign object): the job's notes then say so.

Each finished unit goes to the journal, so a restart fetches only what is missing. A restart
first re-reads the parts the journal counts as finished and fetches again any whose bytes on
disk lost the MD5 they arrived with; finished ranges are read back into the whole-file hash.
"""

from __future__ import annotations

import contextlib
import errno
import os
import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from botocore.exceptions import ClientError

from app.core.private_files import PRIVATE_FILE, finished_file_mode
from app.core.sse_c.reads import known_read_sse, read_and_head, read_sse
from app.core.transfers import digests, preallocate
from app.core.transfers.body_reader import BodyReader
from app.core.transfers.integrity import CRC_META, METADATA_CRC, md5_note
from app.core.transfers.jobs import Job
from app.core.transfers.journal import ItemRecord, PartRecord
from app.core.transfers.options import ChecksumAlgorithm, TransferOptions
from app.core.transfers.ordered_hash import OrderedFileHasher
from app.core.transfers.progress import PartState
from app.core.transfers.retry import IntegrityError
from app.core.transfers.upload import MTIME_META, SHA256_META
from app.core.transfers.worker_context import (
    JobStopped,
    WorkerContext,
    checkpoint,
    run_windowed,
)

PARTIAL_SUFFIX = ".eider-partial"
_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)  # POSIX; Windows has no symlink to follow here
# Each worker reads the socket into its own buffer and writes it out from there: at 256 KiB the
# ten workers' buffers stay in the CPU's cache between the two copies. At 1 MiB they did not,
# and writing a GiB cost 1.2-1.3 CPU-s instead of 0.2 (tests/benchmarks/README.md).
READ_SIZE = 256 * 1024
_buffers = threading.local()

_ALGORITHMS = {
    "ChecksumCRC32": ChecksumAlgorithm.CRC32,
    "ChecksumCRC32C": ChecksumAlgorithm.CRC32C,
    "ChecksumCRC64NVME": ChecksumAlgorithm.CRC64NVME,
    "ChecksumSHA256": ChecksumAlgorithm.SHA256,
}


class ObjectChanged(Exception):
    """The object was replaced on the server while it was being downloaded."""


def partial_path(target: str) -> str:
    return target + PARTIAL_SUFFIX


def download_item(rt: WorkerContext, job: Job, item: ItemRecord) -> None:
    for attempt in range(2):
        try:
            _download(rt, job, item, fresh=attempt > 0)
            return
        except ObjectChanged:
            if attempt:
                raise
        except IntegrityError:
            # A range that reached the journal but not the disk, a bad byte on the way: the
            # whole file is fetched once more from scratch, then the mismatch is reported.
            job.integrity_retries += 1
            if attempt:
                raise


def _download(rt: WorkerContext, job: Job, item: ItemRecord, fresh: bool) -> None:
    options = job.options
    client = rt.session.client_for_bucket(item.bucket)
    partial = partial_path(item.local_path)
    id_ = item.id or 0
    untouched = not fresh and item.state == "queued" and item.remote_etag is None
    known = {} if fresh or untouched else rt.journal.parts(item)
    resumable = bool(known) and item.remote_etag and Path(partial).exists()
    if not resumable and not untouched:
        _reset(rt, job, item, partial)
        known = {}
    if not resumable and item.size <= options.download_chunk_size:
        _single_get(rt, job, item, client, partial)
        return
    Path(partial).parent.mkdir(parents=True, exist_ok=True)

    head = _head(rt, job, item, client)
    etag = digests.etag_hex(head.get("ETag"))
    if resumable and etag != item.remote_etag:
        raise ObjectChanged(item.key)
    size = head["ContentLength"]
    if size != item.size:
        job.progress.add_total(size - item.size, files=0)
    if not resumable:
        units = _plan_units(etag, size, options)
        # A multipart object's parts are MD5-checked only when nothing cheaper checks it all.
        units["part_md5"] = units["mode"] == "parts" and not _whole_object_algorithms(
            options, _head_facts(head), "parts"
        )
        rt.journal.update_item(
            item,
            state="running",
            size=size,
            remote_etag=etag,
            extra={**item.extra, "units": units, "head": _head_facts(head)},
        )
    elif size != item.size:
        rt.journal.update_item(item, size=size)
    units = item.extra["units"]
    damaged: dict[int, str] = {}
    if resumable and units["mode"] == "parts" and options.verify_download:
        damaged = _damaged_parts(rt, job, partial, known)
        if damaged:
            rt.journal.forget_parts(item, damaged)
            known = {n: p for n, p in known.items() if n not in damaged}

    already = sum(p.size for p in known.values())
    job.progress.start_item(id_, item.local_path, item.bucket, item.key, item.size, already)
    job.progress.add_bytes(id_, already)
    count = units["count"]
    for number in range(1, count + 1):
        job.progress.part_state(
            id_, number, PartState.DONE if number in known else PartState.QUEUED
        )

    facts = item.extra["head"]
    wanted = _whole_object_algorithms(options, facts, units["mode"])
    part_md5 = units.get("part_md5", units["mode"] == "parts") and not facts["encrypted"]
    if options.verify_download and (ChecksumAlgorithm.MD5 in wanted or part_md5):
        note_md5(job)
    fd = _open_partial(partial, os.O_RDWR | os.O_CREAT, PRIVATE_FILE)
    try:
        if not resumable:
            try:
                preallocate.reserve(fd, item.size)
            except OSError:
                os.ftruncate(fd, 0)  # a full disk: no hollow file of the whole size is left
                raise
        ordered = None
        if wanted:
            finished = [(p.offset, p.size) for p in known.values()]
            ordered = OrderedFileHasher(fd, item.size, digests.StreamHasher(wanted), finished)
        try:
            missing = [n for n in range(1, count + 1) if n not in known]
            _fetch_units(rt, job, item, client, fd, units, missing, damaged, ordered)
        except BaseException:
            if ordered:
                ordered.stop()
            raise
        # Every byte is on disk; the in-order hash may still trail behind the last of them.
        with job.progress.verifying(id_):
            hasher = ordered.finish() if ordered else None
            checkpoint(job)
            _verify_pieces(rt, job, item, facts, hasher)
    finally:
        os.close(fd)
    _finish(rt, job, item, partial, facts)


def _whole_object_algorithms(
    options: TransferOptions, facts: dict[str, Any], mode: str
) -> list[ChecksumAlgorithm]:
    """What to hash over the whole object, in order, to check it against the server's facts.

    The SHA-256 Eider stores in metadata is always checked (the uploader asked for it), and
    a full-object CRC or SHA-256 the server reports. MD5 only when nothing else can check a
    single GET or a ranged download and the ETag is an MD5: it is the slowest of them, and in
    "parts" mode a multipart object's ETag is checked part by part instead.
    """
    if not options.verify_download:
        return []
    wanted = [ChecksumAlgorithm.SHA256] if facts["metadata"].get(SHA256_META) else []
    wanted += [a for f, a in _ALGORITHMS.items() if f in facts and "-" not in facts[f]]
    if facts["metadata"].get(CRC_META) and METADATA_CRC not in wanted:
        wanted.append(METADATA_CRC)
    plain_md5 = digests.is_plain_md5_etag(facts["etag"]) and not facts["encrypted"]
    if not wanted and mode != "parts" and plain_md5:
        wanted.append(ChecksumAlgorithm.MD5)
    return wanted


def _reset(rt: WorkerContext, job: Job, item: ItemRecord, partial: str) -> None:
    done = sum(p.size for p in rt.journal.parts(item).values())
    if done:
        job.progress.rewind(item.id or 0, done)
    rt.journal.forget_parts(item)
    with contextlib.suppress(FileNotFoundError):
        Path(partial).unlink()
    extra = {k: v for k, v in item.extra.items() if k not in ("units", "head")}
    rt.journal.update_item(item, remote_etag=None, extra=extra)


def _damaged_parts(
    rt: WorkerContext, job: Job, partial: str, known: dict[int, PartRecord]
) -> dict[int, str]:
    """Finished parts whose bytes on disk no longer have the MD5 (or CRC) they arrived with.

    The journal may hold a part whose bytes never reached the disk (a power cut after the
    commit) or were changed while Eider was stopped; the multipart ETag is computed from the
    journal's MD5s, so only re-reading the bytes finds that. Parts are hashed in parallel.
    """

    def check(number: int, abandon: threading.Event) -> tuple[int, bool]:
        if abandon.is_set():
            raise JobStopped
        checkpoint(job)
        part = known[number]
        if part.etag:
            algorithm = ChecksumAlgorithm.MD5
        elif part.checksum:
            algorithm = METADATA_CRC
        else:
            return number, False
        on_disk = digests.hash_file_range(partial, part.offset, part.size, [algorithm])
        found = _part_value(on_disk, algorithm)
        return number, found != (part.etag or part.checksum)

    results = run_windowed(rt, job, sorted(known), check)
    return {
        number: known[number].etag or known[number].checksum or "" for number, bad in results if bad
    }


def _head(rt: WorkerContext, job: Job, item: ItemRecord, client: Any) -> dict[str, Any]:
    args: dict[str, Any] = {"Bucket": item.bucket, "Key": item.key, "ChecksumMode": "ENABLED"}
    return read_and_head(job.options, item.bucket, item.key, _header(rt, job, client, args))[1]


def _header(
    rt: WorkerContext, job: Job, client: Any, args: dict[str, Any]
) -> Callable[[dict[str, Any]], dict[str, Any]]:
    def head(extra: dict[str, Any]) -> dict[str, Any]:
        answer: dict[str, Any] = rt.request(job, lambda: client.head_object(**args, **extra))
        return answer

    return head


def _head_facts(head: dict[str, Any]) -> dict[str, Any]:
    """What verification needs later, in JSON-safe form (kept in the journal for resumes)."""
    facts: dict[str, Any] = {
        "etag": digests.etag_hex(head.get("ETag")),
        "encrypted": str(head.get("ServerSideEncryption", "")).startswith("aws:kms")
        or bool(head.get("SSECustomerAlgorithm")),
        "metadata": head.get("Metadata", {}),
    }
    if isinstance(head.get("LastModified"), datetime):
        facts["last_modified"] = head["LastModified"].timestamp()
    for field in _ALGORITHMS:
        if head.get(field):
            facts[field] = head[field]
    return facts


def _plan_units(etag: str, size: int, options: TransferOptions) -> dict[str, Any]:
    suffix = etag.rpartition("-")[2]
    if "-" in etag and suffix.isdigit() and int(suffix) > 1:
        return {"mode": "parts", "count": int(suffix)}
    chunk = options.download_chunk_size
    return {"mode": "ranges", "count": max(1, -(-size // chunk)), "chunk": chunk}


def _fetch_units(
    rt: WorkerContext,
    job: Job,
    item: ItemRecord,
    client: Any,
    fd: int,
    units: dict[str, Any],
    numbers: list[int],
    damaged: dict[int, str],
    ordered: OrderedFileHasher | None,
) -> None:
    def task(number: int, abandon: threading.Event) -> None:
        md5_before = damaged.get(number)
        _fetch_unit(rt, job, item, client, fd, units, number, abandon, ordered, md5_before)

    run_windowed(rt, job, numbers, task)


def _fetch_unit(
    rt: WorkerContext,
    job: Job,
    item: ItemRecord,
    client: Any,
    fd: int,
    units: dict[str, Any],
    number: int,
    abandon: threading.Event,
    ordered: OrderedFileHasher | None,
    md5_before: str | None,
) -> None:
    """Fetch one unit into place; `md5_before` is what a part found damaged on disk had."""
    if abandon.is_set():
        raise JobStopped
    id_ = item.id or 0
    args: dict[str, Any] = {
        "Bucket": item.bucket,
        "Key": item.key,
        "IfMatch": f'"{item.remote_etag}"',
    }
    args.update(known_read_sse(job.options, item.bucket, item.key))
    if units["mode"] == "parts":
        args["PartNumber"] = number
    else:
        start = (number - 1) * units["chunk"]
        end = min(item.size, start + units["chunk"]) - 1
        args["Range"] = f"bytes={start}-{end}"

    def fetch() -> tuple[int, int, str | None]:
        checkpoint(job)
        job.progress.part_state(id_, number, PartState.SENDING)
        try:
            response = client.get_object(**args)
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in ("PreconditionFailed", "412"):
                raise ObjectChanged(item.key) from exc
            raise
        offset = _range_start(response.get("ContentRange"), number, units)
        length = response["ContentLength"]
        # A part's MD5 (or, when a whole-object CRC checks the object, its cheap CRC) is
        # checked against the bytes on disk if the download is resumed, and an MD5 against the
        # multipart ETag. Byte ranges are hashed as a whole, in order, by `ordered`: hashing
        # each range as well would be a second pass.
        check = _part_check(units, job.options)
        part_hash = digests.StreamHasher([check]) if check else None
        view = _buffer()
        written = 0
        reader = BodyReader(response["Body"])
        try:
            while written < length:
                got = reader.readinto(view[: min(READ_SIZE, length - written)])
                if not got:
                    raise IntegrityError(f"The server sent {written} of {length} bytes")
                rt.throttle(job, got)
                _pwrite_all(fd, view[:got], offset + written)
                if part_hash:
                    part_hash.update(view[:got])
                written += got
                job.progress.add_bytes(id_, got)
                if ordered:
                    ordered.wrote(offset, offset + written)
        except BaseException:
            job.progress.rewind(id_, written)
            reader.close(complete=False)
            raise
        reader.close(complete=True)
        return offset, length, _part_value(part_hash, check)

    try:
        offset, length, value = rt.request(job, fetch)
    except BaseException:
        job.progress.part_state(id_, number, PartState.FAILED)
        raise
    if md5_before and value != md5_before:
        # The same version of the object (If-Match) gave other bytes this time: one of the two
        # fetches is wrong, and only a fresh download checked against the ETag can tell which.
        job.progress.rewind(id_, length)
        job.progress.part_state(id_, number, PartState.FAILED)
        raise IntegrityError(
            f"{item.key}: part {number} was damaged in the partial file; fetched again it has"
            f" checksum {value}, not the {md5_before} it had when first downloaded"
        )
    if _part_check(units, job.options) is ChecksumAlgorithm.MD5:
        rt.journal.record_part(item, number, offset, length, value)
    else:
        rt.journal.record_part(item, number, offset, length, None, value)
    job.progress.part_state(id_, number, PartState.DONE)


def _part_check(units: dict[str, Any], options: TransferOptions) -> ChecksumAlgorithm | None:
    """What each part of a "parts" download is hashed with: MD5 when the multipart ETag is
    all there is to check, else the cheap CRC that finds a part damaged on a resume."""
    if units["mode"] != "parts" or not options.verify_download:
        return None
    return ChecksumAlgorithm.MD5 if units.get("part_md5", True) else METADATA_CRC


def _part_value(hasher: digests.StreamHasher | None, check: ChecksumAlgorithm | None) -> str | None:
    if hasher is None or check is None:
        return None
    return hasher.hex(check) if check is ChecksumAlgorithm.MD5 else hasher.b64(check)


def _buffer() -> memoryview:
    """This worker thread's read buffer, reused for every block it fetches."""
    view: memoryview | None = getattr(_buffers, "view", None)
    if view is None:
        view = _buffers.view = memoryview(bytearray(READ_SIZE))
    return view


def _pwrite_all(fd: int, data: memoryview, offset: int) -> None:
    while data:
        done = os.pwrite(fd, data, offset)
        data, offset = data[done:], offset + done


def _range_start(content_range: str | None, number: int, units: dict[str, Any]) -> int:
    if content_range and content_range.startswith("bytes "):
        return int(content_range[6:].split("-", 1)[0])
    if units["mode"] == "ranges":
        chunk: int = units["chunk"]
        return (number - 1) * chunk
    raise IntegrityError("The server did not say where a part starts (no Content-Range)")


def _single_get(rt: WorkerContext, job: Job, item: ItemRecord, client: Any, partial: str) -> None:
    """One GET straight into the partial file, hashing on the way."""
    id_ = item.id or 0
    # Asking for the object's checksum lets a stored CRC check the bytes in place of MD5.
    args: dict[str, Any] = {"Bucket": item.bucket, "Key": item.key, "ChecksumMode": "ENABLED"}
    probe = {"Bucket": item.bucket, "Key": item.key}
    args.update(read_sse(job.options, item.bucket, item.key, _header(rt, job, client, probe))[0])
    job.progress.start_item(id_, item.local_path, item.bucket, item.key, item.size)

    def fetch() -> tuple[dict[str, Any], digests.StreamHasher]:
        checkpoint(job)
        response = rt.lean.get_object(client, **args)
        facts = _head_facts(response)
        hasher = digests.StreamHasher(_whole_object_algorithms(job.options, facts, "single"))
        written = 0
        body = response["Body"]
        try:
            # os.open, not open(): a buffered file object costs three more system calls
            # (fstat, ioctl, lseek), each a release of the interpreter lock other workers
            # queue for; on a tree of small files those hand-overs are much of the CPU.
            fd = _create(partial)
            try:
                while block := body.read(READ_SIZE):
                    rt.throttle(job, len(block))
                    _write_all(fd, block)
                    hasher.update(block)
                    written += len(block)
                    job.progress.add_bytes(id_, len(block))
            finally:
                os.close(fd)
        except BaseException:
            job.progress.rewind(id_, written)
            raise
        finally:
            body.close()
        if written != response["ContentLength"]:
            job.progress.rewind(id_, written)
            raise IntegrityError(f"Got {written} of {response['ContentLength']} bytes")
        job.progress.add_total(written - item.size, files=0)
        item.size = written
        facts["size"] = written
        return facts, hasher

    facts, hasher = rt.request(job, fetch)
    if _has(hasher, ChecksumAlgorithm.MD5):
        note_md5(job)
    with job.progress.verifying(id_):
        _check(job.options, item, facts, hasher)
    _finish(rt, job, item, partial, facts)


def _open_partial(partial: str, flags: int, mode: int) -> int:
    """Open the partial file without following a symlink at its own name.

    The target's folders are checked before a download starts (`ensure_inside`); the partial
    name beside the target is not, so a link planted there would carry the write elsewhere.
    """
    try:
        fd = os.open(partial, flags | _NO_FOLLOW, mode)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise ValueError(
                f"{partial} is a symbolic link; Eider does not write through links it did not"
                " create. Nothing was written: remove the link, then retry."
            ) from None
        raise
    if not flags & os.O_TRUNC and hasattr(os, "fchmod"):
        os.fchmod(fd, PRIVATE_FILE)  # a partial file left by an older Eider may be 0644
    return fd


def _create(partial: str) -> int:
    """Open `partial` for writing; its folder is made only when the open says it is missing.

    Most files of a tree land in a folder that exists already; asking first would cost two
    system calls per file (mkdir failing with EEXIST, then a stat).
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
    try:
        return _open_partial(partial, flags, PRIVATE_FILE)
    except FileNotFoundError:
        Path(partial).parent.mkdir(parents=True, exist_ok=True)
        return _open_partial(partial, flags, PRIVATE_FILE)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _verify_pieces(
    rt: WorkerContext,
    job: Job,
    item: ItemRecord,
    facts: dict[str, Any],
    hasher: digests.StreamHasher | None,
) -> None:
    """`hasher` holds the whole file's checksums, hashed in order as the units arrived."""
    units = item.extra["units"]
    parts = rt.journal.parts(item)
    if sum(p.size for p in parts.values()) != item.size:
        raise IntegrityError(f"{item.key}: the pieces do not add up to the object's size")
    verify = job.options.verify_download and units.get("part_md5", True)
    if units["mode"] == "parts" and verify and not facts["encrypted"]:
        got = digests.multipart_etag(parts[n].etag or "" for n in sorted(parts))
        if got != facts["etag"]:
            raise IntegrityError(
                f"{item.key}: the downloaded parts give ETag {got}, not {facts['etag']}"
            )
    if hasher is not None:
        _check(job.options, item, facts, hasher)


def _check(
    options: TransferOptions, item: ItemRecord, facts: dict[str, Any], hasher: digests.StreamHasher
) -> None:
    """Compare what arrived with every fact the server gave about the whole object."""
    if not options.verify_download:
        return
    etag = facts["etag"]
    plain_md5 = etag and digests.is_plain_md5_etag(etag) and not facts["encrypted"]
    if plain_md5 and _has(hasher, ChecksumAlgorithm.MD5):
        got = hasher.hex(ChecksumAlgorithm.MD5)
        if got != etag:
            raise IntegrityError(f"{item.key}: downloaded bytes have MD5 {got}, ETag is {etag}")
    crc = facts["metadata"].get(CRC_META)
    if crc and _has(hasher, METADATA_CRC):
        got = hasher.b64(METADATA_CRC)
        if got != crc:
            raise IntegrityError(
                f"{item.key}: downloaded bytes have CRC64NVME {got}, the object's metadata"
                f" says {crc}"
            )
    sha = facts["metadata"].get(SHA256_META)
    if sha:
        got = hasher.hex(ChecksumAlgorithm.SHA256)
        if got != sha.lower():
            raise IntegrityError(
                f"{item.key}: downloaded bytes have SHA-256 {got}, the object's metadata says {sha}"
            )
    for field, algorithm in _ALGORITHMS.items():
        value = facts.get(field)
        if value and "-" not in value and _has(hasher, algorithm):
            got = hasher.b64(algorithm)
            if got != value:
                raise IntegrityError(f"{item.key}: {field} is {value}, the bytes give {got}")


def note_md5(job: Job) -> None:
    """Say in the job's notes, once, that an object could only be checked by MD5."""
    note = md5_note()
    if note not in job.notes:
        job.notes.append(note)


def _has(hasher: digests.StreamHasher, algorithm: ChecksumAlgorithm) -> bool:
    try:
        hasher.raw(algorithm)
    except KeyError:
        return False
    return True


def _finish(
    rt: WorkerContext, job: Job, item: ItemRecord, partial: str, facts: dict[str, Any]
) -> None:
    target = Path(item.local_path)
    mtime = facts["metadata"].get(MTIME_META)
    if mtime and job.options.preserve_mtime:
        with contextlib.suppress(ValueError, OSError):
            seconds = float(mtime)
            os.utime(partial, (seconds, seconds))
    # Private while partial (0600); finished, it gets the mode any new file of the user gets.
    os.chmod(partial, finished_file_mode())  # noqa: PTH101
    Path(partial).replace(target)
    rt.journal.mark_later(item, "done")
