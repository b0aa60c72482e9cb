"""A two-way sync ("mirror"): what changed on either side since the last run reaches the other.

Each name is judged against the record of the last run (`sync_record`):
- on both sides: changed on one side only, that side wins (↑ or ↓); changed on neither,
  nothing; changed on both (or never synced, and the contents differ), a conflict;
- on one side only: in the record and unchanged there, it was deleted on the other side since
  the last run, so the deletion propagates; changed there since, it is copied back (the
  change outlives the deletion); not in the record, it is new and copied over.
A first run (no record) therefore never deletes: it only copies both ways.

Same size but different times is a change only if the contents differ where a checksum can
tell (the listed MD5, or the SHA-256 Eider stores): a file downloaded by another tool is not a
conflict with its own object.

Conflicts keep both versions: the newer (by modification time) keeps the name on both sides,
the older is kept on both sides as "name (conflict YYYY-MM-DD).ext" ("… 2)…" when taken). The
older version is set aside first (a local rename, or a server-side copy) and only then are
the transfers sent, so neither version is ever overwritten before it is safe.

After a successful run the record is written again from the plan: unchanged names as they
were planned, transferred names as both sides now hold them (checked: a name whose two sides
do not match what the run sent is left out of the record, so the next run compares it
afresh), names whose rows were left unticked as they were before.

Unlike a one-way plan, a two-way plan holds one small entry per name (the record's, and the
names seen, so that a conflict's new name is free on both sides).
"""

from __future__ import annotations

import contextlib
import datetime
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from app.core.cse.content_cipher import ciphertext_size
from app.core.cse.key_store import uses_cse
from app.core.s3.session import S3Session
from app.core.transfers.local_names import DownloadPlanner, decode_name
from app.core.transfers.options import TransferOptions
from app.core.transfers.sync_plan import (
    HEAD_BATCH,
    MTIME_TOLERANCE,
    ActionKind,
    CompareMode,
    Comparer,
    Direction,
    LocalEntry,
    Pair,
    RemoteEntry,
    SyncAction,
    SyncConflict,
    SyncedState,
    SyncError,
    SyncOptions,
    SyncPlan,
    SyncProblem,
    download_action,
    pair_streams,
    upload_action,
    walk_local,
    walk_remote,
)
from app.core.transfers.sync_record import load_record, record_key, save_record
from app.core.transfers.upload import MTIME_META

LOCAL, REMOTE = "local", "remote"


class _Contest(NamedTuple):
    """A pair whose two sides differ with no record saying which one changed."""

    local: LocalEntry
    remote: RemoteEntry
    path: Path
    reason: str  # why it is a conflict
    local_newer: bool


def conflict_name(name: str, day: datetime.date, number: int = 1) -> str:
    """'dir/report (conflict 2026-12-08).txt'; the number from 2 on: '… 2026-12-08 2)…'."""
    folder, _, base = name.rpartition("/")
    stem, dot, ext = base.rpartition(".")
    if not stem:  # no extension, or a dot file such as '.env'
        stem, dot, ext = base, "", ""
    tag = f" (conflict {day.isoformat()}{f' {number}' if number > 1 else ''})"
    renamed = f"{stem}{tag}{dot}{ext}"
    return f"{folder}/{renamed}" if folder else renamed


def plan_mirror(
    session: S3Session,
    folder: Path,
    bucket: str,
    prefix: str,
    options: SyncOptions,
    transfer_options: TransferOptions,
    cancelled: Callable[[], bool] | None = None,
    today: datetime.date | None = None,
) -> SyncPlan:
    if options.delete:
        raise SyncError("A two-way sync deletes what was deleted on either side; drop --delete.")
    if not folder.is_dir():
        raise SyncError(f"{folder} does not exist; a two-way sync needs the folder.")
    plan = SyncPlan(Direction.MIRROR, folder, bucket, prefix, options)
    plan.record_key = record_key(session, folder, bucket, prefix)
    record = load_record(plan.record_key)

    def count_page() -> None:
        plan.list_requests += 1

    local = walk_local(folder, plan.problems, prefix, options.target_os)
    remote = walk_remote(session, bucket, prefix, plan.problems, count_page)
    planner = DownloadPlanner(folder, prefix, options.target_os, options.case_insensitive)
    comparer = Comparer(session, plan, transfer_options)
    judge = _Judge(plan, comparer, record, transfer_options)
    try:
        for pair in pair_streams(local, remote):
            if cancelled is not None and cancelled():
                raise SyncError("Planning was cancelled.")
            judge.seen.add(pair.name)
            if options.names.includes(pair.name):
                judge.pair(pair, planner)
            if len(judge.pending) >= HEAD_BATCH:
                judge.decide_pending()
        judge.decide_pending()
    finally:
        comparer.close()
    day = today or datetime.datetime.now().astimezone().date()
    for contest in judge.contests:
        plan.conflicts.append(_conflict(plan, contest, judge.seen, day))
    return plan


class _Judge:
    def __init__(
        self,
        plan: SyncPlan,
        comparer: Comparer,
        record: dict[str, SyncedState] | None,
        transfer_options: TransferOptions,
    ) -> None:
        self.plan = plan
        self.comparer = comparer
        self.record = record
        self.cse = uses_cse(transfer_options)
        self.seen: set[str] = set()
        self.pending: list[tuple[LocalEntry, RemoteEntry, Path, str]] = []
        self.contests: list[_Contest] = []

    def pair(self, pair: Pair, planner: DownloadPlanner) -> None:
        plan = self.plan
        for twin in pair.twins:
            plan.problems.append(
                SyncProblem(
                    twin.key, f"the same name as {pair.name!r} in another Unicode form; left alone."
                )
            )
        local, remote = pair.local, pair.remote
        base = self.record.get(pair.name) if self.record is not None else None
        if base is not None:
            plan.previous[pair.name] = base
        path: Path | None = None
        if remote is not None:
            target = planner.add(remote.key)
            expected = "/".join(decode_name(p, plan.options.target_os) for p in target.parts)
            if target.skipped or target.path is None or expected != pair.name:
                message = " ".join(target.messages) or "its local name would differ"
                plan.problems.append(
                    SyncProblem(remote.key, f"{message}; a two-way sync leaves it alone.")
                )
                return
            path = Path(local.path) if local is not None else target.path
        if remote is None:
            assert local is not None
            self._local_only(local, base)
        elif local is None:
            assert path is not None
            self._remote_only(remote, path, base)
        else:
            assert path is not None
            self._both(local, remote, path, base)

    def _local_only(self, local: LocalEntry, base: SyncedState | None) -> None:
        plan = self.plan
        if base is None:
            plan.transfers.append(upload_action(local, plan.prefix + local.name, "new file"))
        elif _local_changed(local, base):
            plan.transfers.append(
                upload_action(
                    local,
                    plan.prefix + local.name,
                    "changed here after the object was deleted on the server; copied back",
                )
            )
        else:
            plan.deletions.append(
                SyncAction(
                    ActionKind.DELETE_LOCAL,
                    local.name,
                    local.path,
                    plan.prefix + local.name,
                    local.size,
                    local.mtime_ns,
                    "deleted on the server since the last sync",
                )
            )

    def _remote_only(self, remote: RemoteEntry, path: Path, base: SyncedState | None) -> None:
        plan = self.plan
        if base is None:
            plan.transfers.append(download_action(remote, path, "new object"))
        elif _remote_changed(remote, base):
            plan.transfers.append(
                download_action(
                    remote,
                    path,
                    "changed on the server after the local file was deleted; copied back",
                )
            )
        else:
            plan.deletions.append(
                SyncAction(
                    ActionKind.DELETE_REMOTE,
                    remote.name,
                    "",
                    remote.key,
                    remote.size,
                    0,
                    "deleted locally since the last sync",
                )
            )

    def _both(
        self, local: LocalEntry, remote: RemoteEntry, path: Path, base: SyncedState | None
    ) -> None:
        plan = self.plan
        if base is not None:
            here, there = _local_changed(local, base), _remote_changed(remote, base)
            if not here and not there:
                self._settle(local, remote)
                return
            if here and not there:
                plan.transfers.append(
                    upload_action(local, remote.key, "changed locally since the last sync")
                )
                return
            if there and not here:
                plan.transfers.append(
                    download_action(remote, path, "changed on the server since the last sync")
                )
                return
        why = (
            "changed on both sides since the last sync"
            if base is not None
            else "differs, and there is no record of an earlier sync"
        )
        quick = self.comparer.quick(local, remote)
        if quick is None:
            self.pending.append((local, remote, path, why))
        elif quick:
            self._contest(local, remote, path, why, quick, None)
        else:
            self._settle(local, remote)

    def decide_pending(self) -> None:
        if not self.pending:
            return
        heads = self.comparer.heads([remote.key for _, remote, _, _ in self.pending])
        for (local, remote, path, why), head in zip(self.pending, heads, strict=True):
            differs = self.comparer.with_head(local, remote, head)
            if differs and head is not None and self._same_content(local, remote, head):
                differs = ""
            if differs:
                self._contest(local, remote, path, why, differs, head)
            else:
                self._settle(local, remote)
        self.pending.clear()

    def _same_content(self, local: LocalEntry, remote: RemoteEntry, head: dict[str, Any]) -> bool:
        """Times differ, sizes match: before calling it a conflict (two copies of one
        content), the content decides where a checksum can (no further request)."""
        if self.plan.options.compare is not CompareMode.SIZE_MTIME or self.cse:
            return False  # checksum mode has compared the content already
        return self.comparer.checksum(local, remote, head) == ""

    def _settle(self, local: LocalEntry, remote: RemoteEntry) -> None:
        self.plan.note_unchanged(local.name)
        self.plan.settled[local.name] = _state(local, remote)

    def _contest(
        self,
        local: LocalEntry,
        remote: RemoteEntry,
        path: Path,
        why: str,
        differs: str,
        head: dict[str, Any] | None,
    ) -> None:
        remote_time = remote.last_modified
        stored = (head or {}).get("Metadata", {}).get(MTIME_META)
        if stored:
            with contextlib.suppress(ValueError):
                remote_time = float(stored)
        local_newer = local.mtime_ns / 1e9 > remote_time + MTIME_TOLERANCE
        newer = "the local file is newer" if local_newer else "the object is newer"
        self.contests.append(
            _Contest(local, remote, path, f"{why} ({differs}); {newer}", local_newer)
        )


def _local_changed(local: LocalEntry, base: SyncedState) -> bool:
    return (local.size, local.mtime_ns) != (base.local_size, base.local_mtime_ns)


def _remote_changed(remote: RemoteEntry, base: SyncedState) -> bool:
    return (remote.size, remote.etag) != (base.remote_size, base.etag)


def _state(local: LocalEntry, remote: RemoteEntry) -> SyncedState:
    return SyncedState(local.size, local.mtime_ns, remote.size, remote.etag)


def _conflict(
    plan: SyncPlan, contest: _Contest, seen: set[str], day: datetime.date
) -> SyncConflict:
    local, remote = contest.local, contest.remote
    number = 1
    while True:
        kept = conflict_name(local.name, day, number)
        kept_path = contest.path.with_name(kept.rpartition("/")[2])
        if kept not in seen and not os.path.lexists(kept_path):
            break
        number += 1
    seen.add(kept)
    kept_key = plan.prefix + kept
    if contest.local_newer:
        # the object is older: copied aside on the server, fetched under the kept name, and
        # only then overwritten by the local file
        steps = (
            SyncAction(
                ActionKind.COPY_REMOTE,
                local.name,
                "",
                remote.key,
                remote.size,
                0,
                contest.reason,
                remote.etag,
                kept_key,
            ),
            upload_action(local, remote.key, contest.reason),
            download_action(remote._replace(name=kept, key=kept_key), kept_path, contest.reason),
        )
        older = REMOTE
    else:
        # the local file is older: renamed aside, sent under the kept name, and the object
        # fetched to the freed name
        steps = (
            SyncAction(
                ActionKind.RENAME_LOCAL,
                local.name,
                local.path,
                remote.key,
                local.size,
                local.mtime_ns,
                contest.reason,
                "",
                str(kept_path),
            ),
            download_action(remote, contest.path, contest.reason),
            upload_action(local._replace(name=kept, path=str(kept_path)), kept_key, contest.reason),
        )
        older = LOCAL
    return SyncConflict(local.name, contest.reason, kept, older, steps)


# -- after a run -----------------------------------------------------------------------------------


def record_after_run(session: S3Session, plan: SyncPlan, cse: bool = False) -> None:
    """Write the record of `plan`'s pair after the plan ran without failure (see the module
    docstring). Lists the prefix once more when the run uploaded something (the new ETags)."""
    entries = dict(plan.previous)
    entries.update(plan.settled)
    for action in plan.deletions:
        entries.pop(action.name, None)
    uploaded: dict[str, LocalEntry] = {}  # key -> the file sent
    downloaded: dict[str, tuple[SyncAction, str]] = {}  # name -> (the download, its name)
    for action in _moves(plan):
        if action.kind is ActionKind.UPLOAD:
            uploaded[action.key] = LocalEntry(
                action.name, action.local_path, action.size, action.mtime_ns
            )
        elif action.kind is ActionKind.DOWNLOAD:
            downloaded[action.key] = (action, action.name)
    for action in _moves(plan):
        entries.pop(action.name, None)  # recorded below only if both sides match
    for _key, (action, name) in downloaded.items():
        if action.key in uploaded:
            continue
        current = _stat(action.local_path)
        if current is not None and current[0] == _plain_size(action.size, cse):
            entries[name] = SyncedState(current[0], current[1], action.size, action.etag)
    if uploaded:
        for remote in walk_remote(session, plan.bucket, plan.prefix, []):
            sent = uploaded.get(remote.key)
            if sent is None:
                continue
            current = _stat(sent.path)
            expected = ciphertext_size(sent.size) if cse else sent.size
            if current == (sent.size, sent.mtime_ns) and remote.size == expected:
                entries[sent.name] = SyncedState(sent.size, sent.mtime_ns, remote.size, remote.etag)
    save_record(plan.record_key, entries)


def _moves(plan: SyncPlan) -> list[SyncAction]:
    steps = [s for c in plan.conflicts for s in c.steps]
    return [a for a in plan.transfers + steps if a.kind in (ActionKind.UPLOAD, ActionKind.DOWNLOAD)]


def _plain_size(size: int, cse: bool) -> int:
    return size - (ciphertext_size(0) if cse else 0)


def _stat(path: str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)  # noqa: PTH116
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns
