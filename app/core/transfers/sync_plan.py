"""What a sync would change: compare a local folder and a key prefix, one name at a time.

Memory stays bounded by comparing two sorted streams, never two whole listings: the prefix is
listed page by page (S3 lists keys in UTF-8 byte order) and the folder is walked lazily, one
directory's entries at a time, in the same order (names compared in NFC, a folder sorting as
its name followed by '/'). Planning holds the current directories, one listing page, the
actions it plans, and — for downloads only — the `DownloadPlanner`'s compact record of the
local names already claimed (it must see every key to catch case and Unicode twins).

Names: local names are compared in NFC (macOS hands out NFD), so a file is never uploaded
twice under two spellings, and characters a local OS forbids map reversibly (`names`). Keys
that cannot be written locally (`..`, twins, names too long) are reported as problems, never
silently dropped, and no local file that such a key could stand for is ever deleted.
"""

from __future__ import annotations

import contextlib
import hashlib
import heapq
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import parsedate_to_datetime
from enum import StrEnum
from pathlib import Path
from typing import Any, NamedTuple

from botocore.exceptions import ClientError

from app.core.cse.content_cipher import ciphertext_size
from app.core.cse.key_store import uses_cse
from app.core.explained import ExplainedError
from app.core.s3.session import S3Session
from app.core.sse_c.reads import read_and_head
from app.core.transfers import checksums
from app.core.transfers.download import PARTIAL_SUFFIX
from app.core.transfers.local_names import (
    MAX_KEY_BYTES,
    DownloadPlanner,
    TargetOS,
    decode_name,
    nfc,
)
from app.core.transfers.name_filter import NameFilter
from app.core.transfers.options import (
    MIB,
    ServerSideEncryption,
    TransferOptions,
    choose_part_size,
    part_count,
)
from app.core.transfers.upload import MTIME_META, SHA256_META

# Part sizes other tools use, tried (with the transfer options' own) to recompute a multipart
# ETag: the AWS CLI and boto3 (8 MiB), rclone and s5cmd (5 MiB), Cyberduck (10 MiB), 16 MiB.
COMMON_PART_SIZES = (8 * MIB, 5 * MIB, 10 * MIB, 16 * MIB, 15 * MIB, 64 * MIB)
HEAD_BATCH = 256  # same-size pairs whose decision needs a HEAD, looked up together
HEAD_WORKERS = 16
MTIME_TOLERANCE = 0.001  # seconds; the stored mtime is written with nanoseconds


class Direction(StrEnum):
    UPLOAD = "upload"  # the folder is the source, the prefix the mirror
    DOWNLOAD = "download"  # the prefix is the source, the folder the mirror
    MIRROR = "mirror"  # both ways: changes and deletions on either side reach the other


class CompareMode(StrEnum):
    SIZE_MTIME = "size-mtime"
    CHECKSUM = "checksum"


class ActionKind(StrEnum):
    UPLOAD = "upload"
    DOWNLOAD = "download"
    DELETE_REMOTE = "delete-remote"
    DELETE_LOCAL = "delete-local"
    # the first steps of a two-way conflict (`sync_mirror`): the older version set aside
    RENAME_LOCAL = "rename-local"  # local_path renamed to `target` (a path)
    COPY_REMOTE = "copy-remote"  # key copied on the server to `target` (a key)


class SyncAction(NamedTuple):
    kind: ActionKind
    name: str  # the relative name (NFC) both sides share
    local_path: str
    key: str
    size: int  # bytes to transfer, or of the file/object to delete
    # uploads and local deletions: the local file's (re-checked before acting); downloads: the
    # object's LastModified, given to a file whose object stored no mtime of its own
    mtime_ns: int
    reason: str
    etag: str = ""  # downloads: the listed object's (its part count decides the requests)
    target: str = ""  # RENAME_LOCAL and COPY_REMOTE: where the older version goes


class SyncConflict(NamedTuple):
    """A name changed on both sides (two-way sync): the newer version keeps the name on both
    sides and the older one is kept on both sides as `kept_as`; nothing is lost."""

    name: str
    reason: str
    kept_as: str  # the relative name the older version gets
    older: str  # "local" or "remote": the side whose version is renamed
    steps: tuple[SyncAction, ...]  # set aside (runs first), then the transfers

    @property
    def transfer_bytes(self) -> int:
        moving = (ActionKind.UPLOAD, ActionKind.DOWNLOAD)
        return sum(s.size for s in self.steps if s.kind in moving)


class SyncProblem(NamedTuple):
    name: str  # the key or local path concerned
    message: str


@dataclass(frozen=True)
class SyncOptions:
    delete: bool = False  # delete what the mirror has and the source lacks
    compare: CompareMode = CompareMode.SIZE_MTIME
    exact_timestamps: bool = False  # same size is unchanged only if the times match exactly
    target_os: TargetOS = field(default_factory=TargetOS.current)
    case_insensitive: bool | None = None  # of the local file system; None: the OS's usual
    # Names left out are neither transferred nor deleted, on either side.
    names: NameFilter = field(default_factory=NameFilter)
    list_unchanged: bool = False  # keep the names found unchanged (a window shows them)


@dataclass
class SyncPlan:
    direction: Direction
    folder: Path
    bucket: str
    prefix: str  # empty or ending in '/'
    options: SyncOptions
    transfers: list[SyncAction] = field(default_factory=list)
    deletions: list[SyncAction] = field(default_factory=list)
    problems: list[SyncProblem] = field(default_factory=list)
    unchanged: int = 0
    unchanged_names: list[str] = field(default_factory=list)  # with options.list_unchanged
    extras_kept: int = 0  # in the mirror, not in the source, and no --delete
    head_requests: int = 0
    list_requests: int = 0  # pages of the prefix's listing
    checksum_fallbacks: int = 0  # same-size pairs with no usable checksum: compared by time
    conflicts: list[SyncConflict] = field(default_factory=list)  # two-way only
    # two-way only (`sync_mirror`): the record of the last sync, for the names this plan saw,
    # and the state of the pairs found unchanged; the record written after a run comes from
    # these and from what the run did
    previous: dict[str, SyncedState] = field(default_factory=dict)
    settled: dict[str, SyncedState] = field(default_factory=dict)
    record_key: str = ""  # which record (folder, endpoint, bucket, prefix) it belongs to

    def note_unchanged(self, name: str) -> None:
        self.unchanged += 1
        if self.options.list_unchanged:
            self.unchanged_names.append(name)

    @property
    def empty(self) -> bool:
        return not self.transfers and not self.deletions and not self.conflicts

    @property
    def transfer_bytes(self) -> int:
        return sum(a.size for a in self.transfers) + sum(c.transfer_bytes for c in self.conflicts)

    def lines(self) -> Iterator[str]:
        """One line per planned change, transfers first, then deletions, then problems."""
        for action in self.transfers:
            remote = f"s3://{self.bucket}/{action.key}"
            if action.kind is ActionKind.UPLOAD:
                yield f"upload: {action.local_path} to {remote} ({action.reason})"
            else:
                yield f"download: {remote} to {action.local_path} ({action.reason})"
        for action in self.deletions:
            if action.kind is ActionKind.DELETE_REMOTE:
                yield f"delete: s3://{self.bucket}/{action.key} ({action.reason})"
            else:
                yield f"delete: {action.local_path} ({action.reason})"
        for conflict in self.conflicts:
            yield (
                f"conflict: {conflict.name} ({conflict.reason}; the {conflict.older} version "
                f"is kept as {conflict.kept_as!r} on both sides)"
            )
        for problem in self.problems:
            yield f"problem: {problem.name}: {problem.message}"


class SyncedState(NamedTuple):
    """A name as it was on both sides when a two-way sync last left them equal."""

    local_size: int
    local_mtime_ns: int
    remote_size: int
    etag: str


class LocalEntry(NamedTuple):
    name: str  # relative, '/'-separated, NFC, escaped characters decoded: the key below prefix
    path: str
    size: int
    mtime_ns: int
    # st_ctime: when the file or its metadata last changed (a download, an edit, a utime);
    # on Windows its creation, which for a downloaded file is the download too
    changed_ns: int = 0


class RemoteEntry(NamedTuple):
    name: str  # the key below the prefix, in NFC
    key: str  # the key as stored
    size: int
    last_modified: float  # seconds since the epoch
    etag: str


class SyncError(ExplainedError):
    pass


def normalise_prefix(prefix: str) -> str:
    """A sync mirrors a folder: 'photos' and 'photos/' both mean the folder `photos/`."""
    prefix = prefix.lstrip("/")
    return prefix if not prefix or prefix.endswith("/") else prefix + "/"


# -- the local side --------------------------------------------------------------------------------


def walk_local(
    folder: Path,
    problems: list[SyncProblem],
    prefix: str = "",
    target_os: TargetOS | None = None,
) -> Iterator[LocalEntry]:
    """Files under `folder` in key order (see the module docstring), one directory at a time.

    Symbolic links to files are followed, links to folders are not (a loop or an escape);
    Eider's own partial downloads are left out. Two names that are equal in NFC (one NFD, one
    NFC) keep the first and report the second.
    """
    target_os = target_os or TargetOS.current()
    prefix_bytes = len(prefix.encode("utf-8"))
    # A stack of iterators over sorted directory listings: depth-first in key order.
    stack: list[Iterator[tuple[str, os.DirEntry[str], bool]]] = []
    bases: list[str] = []

    def listing(path: str, base: str) -> None:
        rows: list[tuple[str, os.DirEntry[str], bool]] = []
        try:
            with os.scandir(path) as it:
                for entry in it:
                    try:
                        is_dir = entry.is_dir(follow_symlinks=False)
                        is_file = not is_dir and entry.is_file()
                    except OSError as exc:
                        problems.append(SyncProblem(entry.path, f"cannot be read: {exc}"))
                        continue
                    if is_file and entry.name.endswith(PARTIAL_SUFFIX):
                        continue
                    if not (is_dir or is_file):
                        if entry.is_symlink():
                            what = (
                                "a link to a folder; not followed"
                                if entry.is_dir()
                                else ("a broken link; skipped")
                            )
                            problems.append(SyncProblem(entry.path, f"{what}."))
                        continue  # sockets, devices, pipes: nothing to copy
                    decoded = decode_name(entry.name, target_os)
                    rows.append((decoded + ("/" if is_dir else ""), entry, is_dir))
        except OSError as exc:
            problems.append(SyncProblem(path, f"the folder cannot be read: {exc}"))
        rows.sort(key=lambda r: r[0])
        stack.append(iter(rows))
        bases.append(base)

    listing(str(folder), "")
    previous: list[str | None] = [None]
    while stack:
        row = next(stack[-1], None)
        if row is None:
            stack.pop()
            bases.pop()
            previous.pop()
            continue
        sort_key, entry, is_dir = row
        name = bases[-1] + sort_key
        if previous[-1] == sort_key:
            problems.append(
                SyncProblem(
                    entry.path,
                    "has the same name as another entry in the same folder once both are in "
                    "Unicode NFC form; skipped so the object is not written twice.",
                )
            )
            continue
        previous[-1] = sort_key
        try:
            size = len(name.encode("utf-8")) + prefix_bytes
        except UnicodeEncodeError:
            problems.append(
                SyncProblem(
                    entry.path, "the name is not valid UTF-8, so it cannot be a key; skipped."
                )
            )
            continue
        if is_dir:
            listing(entry.path, name)
            previous.append(None)
            continue
        if size > MAX_KEY_BYTES:
            problems.append(
                SyncProblem(entry.path, f"its key would be longer than {MAX_KEY_BYTES} bytes.")
            )
            continue
        try:
            st = entry.stat()
        except OSError as exc:
            problems.append(SyncProblem(entry.path, f"cannot be read: {exc}"))
            continue
        yield LocalEntry(name, entry.path, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


# -- the remote side -------------------------------------------------------------------------------


def parse_last_modified(text: str) -> float:
    """Seconds since the epoch from a listing's raw LastModified (ISO 8601, or HTTP date)."""
    try:
        return datetime.fromisoformat(text).timestamp()
    except ValueError:
        try:
            return parsedate_to_datetime(text).timestamp()
        except (TypeError, ValueError):
            raise SyncError(f"The server sent a date Eider cannot read: {text!r}") from None


def walk_remote(
    session: S3Session,
    bucket: str,
    prefix: str,
    problems: list[SyncProblem],
    on_page: Callable[[], None] | None = None,
) -> Iterator[RemoteEntry]:
    """Objects under `prefix`, page by page, in order of their NFC names; folder markers skipped.

    A key that is not in NFC (uploaded by a tool that kept macOS's NFD) is held back until the
    listing passes its NFC name, so the order holds. A key that arrives after names that sort
    above it (a listing out of order, a rare compatibility character) cannot be compared and is
    reported.
    """
    held: list[tuple[str, str, RemoteEntry]] = []  # heap of (name, key, entry)
    last: str | None = None

    def release(upto: str | None) -> Iterator[RemoteEntry]:
        while held and (upto is None or (held[0][0], held[0][1]) <= (upto, "\uffff")):
            yield heapq.heappop(held)[2]

    for page in session.list_prefix(bucket, prefix, delimiter=None):
        if on_page is not None:
            on_page()
        for obj in page.objects:
            if not obj.key.startswith(prefix) or obj.key.endswith("/"):
                continue  # folder markers hold no data; a folder exists through its files
            raw = obj.key[len(prefix) :]
            name = nfc(raw)
            entry = RemoteEntry(
                name, obj.key, obj.size, parse_last_modified(obj.last_modified), obj.etag
            )
            if last is not None and name < last:
                problems.append(
                    SyncProblem(
                        obj.key,
                        "the listing gave this key after keys that sort above it, so it could "
                        "not be compared; it was left alone.",
                    )
                )
                continue
            if name != raw:
                heapq.heappush(held, (name, obj.key, entry))
                continue
            yield from release(name)
            last = name
            yield entry
    yield from release(None)


# -- pairing ---------------------------------------------------------------------------------------


class Pair(NamedTuple):
    name: str
    local: LocalEntry | None
    remote: RemoteEntry | None
    twins: tuple[RemoteEntry, ...]  # other keys with the same NFC name


def _grouped(remote: Iterator[RemoteEntry]) -> Iterator[list[RemoteEntry]]:
    group: list[RemoteEntry] = []
    for entry in remote:
        if group and entry.name != group[0].name:
            yield group
            group = []
        group.append(entry)
    if group:
        yield group


def pair_streams(local: Iterable[LocalEntry], remote: Iterator[RemoteEntry]) -> Iterator[Pair]:
    """Merge two streams sorted by name into pairs; a key spelled as its NFC name wins twins."""
    local_it = iter(local)
    groups = _grouped(remote)
    here = next(local_it, None)
    there = next(groups, None)
    while here is not None or there is not None:
        if there is None or (here is not None and here.name < there[0].name):
            assert here is not None
            yield Pair(here.name, here, None, ())
            here = next(local_it, None)
            continue
        main = next((e for e in there if e.key.endswith(e.name)), there[0])
        twins = tuple(e for e in there if e is not main)
        if here is not None and here.name == there[0].name:
            yield Pair(here.name, here, main, twins)
            here = next(local_it, None)
        else:
            yield Pair(main.name, None, main, twins)
        there = next(groups, None)


# -- comparing -------------------------------------------------------------------------------------


class Comparer:
    """Decides whether a pair present on both sides differs; HEADs only when it must."""

    def __init__(
        self, session: S3Session, plan: SyncPlan, transfer_options: TransferOptions
    ) -> None:
        self.session = session
        self.plan = plan
        self.transfer = transfer_options
        self.options = plan.options
        self._pool = ThreadPoolExecutor(HEAD_WORKERS, thread_name_prefix="eider-sync-head")

    def close(self) -> None:
        self._pool.shutdown(wait=True)

    def head(self, key: str) -> dict[str, Any]:
        bucket = self.plan.bucket

        def head(extra: dict[str, Any]) -> dict[str, Any]:
            answer: dict[str, Any] = self.session.call(
                bucket, lambda c: c.head_object(Bucket=bucket, Key=key, **extra)
            )
            return answer

        return read_and_head(self.transfer, bucket, key, head)[1]

    def heads(self, keys: list[str]) -> list[dict[str, Any] | None]:
        def one(key: str) -> dict[str, Any] | None:
            try:
                return self.head(key)
            except ClientError as exc:
                if exc.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
                    return None  # deleted since the listing: treat as changed
                raise

        self.plan.head_requests += len(keys)
        return list(self._pool.map(one, keys))

    # The first pass needs no request; it returns a reason, "" (unchanged) or None (HEAD needed).
    def quick(self, local: LocalEntry, remote: RemoteEntry) -> str | None:
        # A client-side encrypted object is its file and a 16-byte tag; its ETag and stored
        # checksums are the ciphertext's, so only sizes and times compare.
        cse = uses_cse(self.transfer)
        expected = ciphertext_size(local.size) if cse else local.size
        if expected != remote.size:
            return f"size differs: local {local.size} B, remote {remote.size} B"
        if self.options.compare is CompareMode.CHECKSUM and not cse:
            md5 = self._listed_md5(remote)
            if md5 is not None:
                return "" if _file_md5(local.path) == md5 else "content differs (MD5)"
            return None
        if self.options.exact_timestamps or self.plan.direction is Direction.MIRROR:
            return None  # only the stored mtime can say "exactly" (or which side is newer)
        # LastModified (whole seconds) filters cheaply: a file older than its upload is
        # unchanged, as the AWS CLI judges; within the same second or newer, the stored mtime
        # decides (one HEAD).
        local_s = int(local.mtime_ns // 1_000_000_000)
        remote_s = int(remote.last_modified)
        if self.plan.direction is Direction.UPLOAD:
            return None if local_s >= remote_s else ""
        # Downloads restore the stored mtime, which is older than the upload, so mtime alone
        # would send every file to a HEAD. A file written (or edited) after the object was
        # stored is not older than it: no request needed.
        changed_s = int(max(local.mtime_ns, local.changed_ns) // 1_000_000_000)
        return None if remote_s >= changed_s else ""

    def _listed_md5(self, remote: RemoteEntry) -> str | None:
        if self.transfer.sse in (ServerSideEncryption.KMS, ServerSideEncryption.CUSTOMER):
            return None  # the ETag of an encrypted object is not the MD5 of its bytes
        if not checksums.is_plain_md5_etag(remote.etag):
            return None
        return checksums.md5_hex_from_etag(remote.etag)

    def with_head(self, local: LocalEntry, remote: RemoteEntry, head: dict[str, Any] | None) -> str:
        if head is None:
            return "the object disappeared since the listing"
        if self.options.compare is CompareMode.CHECKSUM and not uses_cse(self.transfer):
            reason = self.checksum(local, remote, head)
            if reason is not None:
                return reason
            self.plan.checksum_fallbacks += 1
        return self._times(local, remote, head)

    def checksum(self, local: LocalEntry, remote: RemoteEntry, head: dict[str, Any]) -> str | None:
        """'' (same), why they differ, or None when no checksum can tell."""
        sha = head.get("Metadata", {}).get(SHA256_META)
        if sha:
            same = _file_digest(local.path, "sha256") == sha.lower()
            return "" if same else "content differs (SHA-256 in the object's metadata)"
        if checksums.is_plain_md5_response(head):
            md5 = checksums.md5_hex_from_etag(str(head.get("ETag", "")))
            same = _file_md5(local.path) == md5
            return "" if same else "content differs (MD5)"
        parts = checksums.multipart_part_count(remote.etag)
        if parts is not None and not head.get("SSECustomerAlgorithm"):
            if str(head.get("ServerSideEncryption", "")).startswith("aws:kms"):
                return None
            etag = checksums.unquote_etag(remote.etag).lower()
            for part_size in self._part_sizes(local.size, parts):
                if multipart_etag_of(local.path, part_size) == etag:
                    return ""
            return "content differs (multipart ETag matches no known part size)"
        return None

    def _part_sizes(self, size: int, parts: int) -> list[int]:
        candidates = [choose_part_size(size, self.transfer.part_size), *COMMON_PART_SIZES]
        if parts > 1:
            # the part size S3 implies when every part but the last is full, rounded up to MiB
            per_part = -(-size // parts)
            candidates.append(-(-per_part // MIB) * MIB)
        seen: list[int] = []
        for candidate in candidates:
            if candidate not in seen and part_count(size, candidate) == parts:
                seen.append(candidate)
        return seen

    def _times(self, local: LocalEntry, remote: RemoteEntry, head: dict[str, Any]) -> str:
        stored = head.get("Metadata", {}).get(MTIME_META)
        local_t = local.mtime_ns / 1e9
        remote_t: float | None = None
        if stored:
            with contextlib.suppress(ValueError):
                remote_t = float(stored)
        if remote_t is None:
            if self.options.exact_timestamps:
                same = int(local_t) == int(remote.last_modified)
                return "" if same else "times differ (exact timestamps)"
            newer = _newer_reason(self.plan.direction)
            if self.plan.direction is Direction.MIRROR:
                # no stored mtime (another tool uploaded it): a file not written after the
                # upload is taken to be the same, as an upload sync judges it
                return "" if int(local_t) <= int(remote.last_modified) else "times differ"
            if self.plan.direction is Direction.UPLOAD:
                return newer if int(local_t) > int(remote.last_modified) else ""
            return newer if int(remote.last_modified) > int(local_t) else ""
        if abs(remote_t - local_t) <= MTIME_TOLERANCE:
            return ""
        if self.options.exact_timestamps:
            return "times differ (exact timestamps)"
        if self.plan.direction is Direction.MIRROR:
            return "times differ"
        if self.plan.direction is Direction.UPLOAD:
            return _newer_reason(Direction.UPLOAD) if local_t > remote_t else ""
        return _newer_reason(Direction.DOWNLOAD) if remote_t > local_t else ""


def _newer_reason(direction: Direction) -> str:
    return "local file is newer" if direction is Direction.UPLOAD else "object is newer"


def _file_digest(path: str, algorithm: str) -> str:
    hasher = hashlib.new(algorithm)
    with open(path, "rb") as handle:
        while block := handle.read(MIB):
            hasher.update(block)
    return hasher.hexdigest()


def _file_md5(path: str) -> str:
    return _file_digest(path, "md5")


def multipart_etag_of(path: str, part_size: int) -> str:
    """The ETag a multipart upload of the file in parts of `part_size` would get (unquoted)."""
    digests: list[bytes] = []
    with open(path, "rb") as handle:
        while True:
            hasher = hashlib.md5(usedforsecurity=False)
            remaining = part_size
            while remaining:
                block = handle.read(min(remaining, MIB))
                if not block:
                    break
                hasher.update(block)
                remaining -= len(block)
            if remaining == part_size and digests:
                break
            digests.append(hasher.digest())
            if remaining:
                break
    return checksums.multipart_etag(digests)


# -- planning --------------------------------------------------------------------------------------


def plan_sync(
    session: S3Session,
    direction: Direction,
    folder: str | Path,
    bucket: str,
    prefix: str,
    options: SyncOptions | None = None,
    transfer_options: TransferOptions | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> SyncPlan:
    """Compare the folder with the prefix and list what a sync in `direction` would change.

    Nothing is written. Raises SyncError for a source that does not exist; a missing mirror
    folder is simply empty.
    """
    options = options or SyncOptions()
    transfer_options = transfer_options or TransferOptions()
    folder = Path(folder).absolute()
    prefix = normalise_prefix(prefix)
    if folder.exists() and not folder.is_dir():
        raise SyncError(f"{folder} is a file; a sync needs a folder.")
    if direction is Direction.MIRROR:
        from app.core.transfers.sync_mirror import plan_mirror  # it builds on this module

        return plan_mirror(session, folder, bucket, prefix, options, transfer_options, cancelled)
    if direction is Direction.UPLOAD and not folder.is_dir():
        raise SyncError(f"{folder} does not exist.")
    plan = SyncPlan(direction, folder, bucket, prefix, options)
    local = (
        walk_local(folder, plan.problems, prefix, options.target_os)
        if folder.is_dir()
        else iter(())
    )

    def count_page() -> None:
        plan.list_requests += 1

    remote = walk_remote(session, bucket, prefix, plan.problems, count_page)
    planner = DownloadPlanner(folder, prefix, options.target_os, options.case_insensitive)
    comparer = Comparer(session, plan, transfer_options)
    claimed: set[str] = set()  # local names a sanitized key stands for (rare)
    pending: list[tuple[LocalEntry, RemoteEntry, Path | None]] = []
    local_deletions: list[SyncAction] = []
    try:
        for pair in pair_streams(local, remote):
            if cancelled is not None and cancelled():
                raise SyncError("Planning was cancelled.")
            if not options.names.includes(pair.name):
                continue
            if direction is Direction.UPLOAD:
                _plan_upload_pair(plan, comparer, pair, pending)
            else:
                _plan_download_pair(
                    plan, comparer, planner, pair, pending, claimed, local_deletions
                )
            if len(pending) >= HEAD_BATCH:
                _decide_pending(plan, comparer, pending)
        _decide_pending(plan, comparer, pending)
    finally:
        comparer.close()
    for action in local_deletions:
        if action.name in claimed:
            plan.problems.append(
                SyncProblem(
                    action.local_path,
                    "not deleted: an object whose key had to be renamed locally is written here.",
                )
            )
        else:
            plan.deletions.append(action)
    return plan


def _plan_upload_pair(
    plan: SyncPlan,
    comparer: Comparer,
    pair: Pair,
    pending: list[tuple[LocalEntry, RemoteEntry, Path | None]],
) -> None:
    for twin in pair.twins:
        _remote_extra(plan, twin, f"the same name as {pair.name!r} in another Unicode form")
    local, remote = pair.local, pair.remote
    if local is None:
        assert remote is not None
        _remote_extra(plan, remote, "not in the local folder")
        return
    if remote is None:
        plan.transfers.append(upload_action(local, plan.prefix + local.name, "new file"))
        return
    # An object whose key is spelled in NFD (another tool) is this file: it is compared and, if
    # changed, overwritten under its own spelling; a second spelling is never created.
    key = remote.key
    reason = comparer.quick(local, remote)
    if reason is None:
        pending.append((local, remote, None))
    elif reason:
        plan.transfers.append(upload_action(local, key, reason))
    else:
        plan.note_unchanged(local.name)


def _plan_download_pair(
    plan: SyncPlan,
    comparer: Comparer,
    planner: DownloadPlanner,
    pair: Pair,
    pending: list[tuple[LocalEntry, RemoteEntry, Path | None]],
    claimed: set[str],
    local_deletions: list[SyncAction],
) -> None:
    for twin in pair.twins:
        plan.problems.append(
            SyncProblem(
                twin.key,
                f"has the same local name as {pair.remote.key if pair.remote else pair.name!r}"
                " (equal in Unicode NFC); not downloaded.",
            )
        )
    local, remote = pair.local, pair.remote
    if remote is None:
        assert local is not None
        _local_extra(plan, local, local_deletions)
        return
    target = planner.add(remote.key)
    if target.skipped or target.path is None:
        plan.problems.append(SyncProblem(remote.key, " ".join(target.messages)))
        if local is not None:
            plan.problems.append(
                SyncProblem(local.path, "left alone: its object cannot be written here.")
            )
        return
    if target.messages and target.decision.value == "sanitize":
        plan.problems.append(SyncProblem(remote.key, " ".join(target.messages)))
    expected = "/".join(decode_name(p, plan.options.target_os) for p in target.parts)
    if expected != pair.name:
        # the key was renamed to be written here (empty segments, a leading '/'): compare it
        # with what is on disk under that name, and keep that file from being deleted
        claimed.add(expected)
        if local is not None:
            _local_extra(plan, local, local_deletions)
        local = _stat_local(target.path, expected)
    if local is None:
        plan.transfers.append(download_action(remote, target.path, "new object"))
        return
    # The file found under this name (perhaps spelled in NFD on disk) is the one to replace,
    # so the folder never ends up with the same name twice.
    path = Path(local.path)
    reason = comparer.quick(local, remote)
    if reason is None:
        pending.append((local, remote, path))
    elif reason:
        plan.transfers.append(download_action(remote, path, reason))
    else:
        plan.note_unchanged(local.name)


def _stat_local(path: Path, name: str) -> LocalEntry | None:
    try:
        st = path.stat()
    except OSError:
        return None
    if not path.is_file():
        return None
    return LocalEntry(name, str(path), st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def _decide_pending(
    plan: SyncPlan,
    comparer: Comparer,
    pending: list[tuple[LocalEntry, RemoteEntry, Path | None]],
) -> None:
    if not pending:
        return
    heads = comparer.heads([remote.key for _, remote, _ in pending])
    for (local, remote, path), head in zip(pending, heads, strict=True):
        reason = comparer.with_head(local, remote, head)
        if not reason:
            plan.note_unchanged(local.name)
        elif plan.direction is Direction.UPLOAD:
            plan.transfers.append(upload_action(local, remote.key, reason))
        else:
            assert path is not None
            plan.transfers.append(download_action(remote, path, reason))
    pending.clear()


def upload_action(local: LocalEntry, key: str, reason: str) -> SyncAction:
    return SyncAction(
        ActionKind.UPLOAD, local.name, local.path, key, local.size, local.mtime_ns, reason
    )


def download_action(remote: RemoteEntry, path: Path, reason: str) -> SyncAction:
    last_modified_ns = int(remote.last_modified * 1_000_000_000)
    return SyncAction(
        ActionKind.DOWNLOAD,
        remote.name,
        str(path),
        remote.key,
        remote.size,
        last_modified_ns,
        reason,
        remote.etag,
    )


def _remote_extra(plan: SyncPlan, remote: RemoteEntry, reason: str) -> None:
    if not plan.options.delete:
        plan.extras_kept += 1
        return
    plan.deletions.append(
        SyncAction(ActionKind.DELETE_REMOTE, remote.name, "", remote.key, remote.size, 0, reason)
    )


def _local_extra(plan: SyncPlan, local: LocalEntry, deletions: list[SyncAction]) -> None:
    if not plan.options.delete:
        plan.extras_kept += 1
        return
    deletions.append(
        SyncAction(
            ActionKind.DELETE_LOCAL,
            local.name,
            local.path,
            plan.prefix + local.name,
            local.size,
            local.mtime_ns,
            f"not in s3://{plan.bucket}/{plan.prefix}",
        )
    )
