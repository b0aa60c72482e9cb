"""Point-in-time restore, the plan: what brings a folder or bucket of a versioned bucket back to
the state it had at a moment. Only reads; `TransferEngine.restore_to` runs a plan as a job.

For each key, the state at the moment is its newest version or delete marker no later than it.
- It existed then as version V, and V is still the latest: nothing to do.
- It existed as V and only delete markers came after: those markers are removed, V is the
  latest again with its own version id.
- It existed as V and newer versions came after: V is copied on top (a new version, V's bytes,
  metadata and tags); the newer versions stay in the history.
- It did not exist then (created since, or deleted then) and exists now: a delete marker is
  added; nothing is deleted for good.
Keys deleted then and deleted now are left alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

from app.core.explained import ExplainedError
from app.core.s3.session import S3Session
from app.core.s3.versions import VersionEntry, VersionPage, list_versions


class StepKind(StrEnum):
    RESTORE_VERSION = "restore-version"  # copy `version_id` on top
    ADD_DELETE_MARKER = "add-delete-marker"
    REMOVE_DELETE_MARKER = "remove-delete-marker"  # `version_id` names the marker


@dataclass(frozen=True)
class RestoreStep:
    kind: StepKind
    key: str
    version_id: str | None = None
    last_modified: str = ""  # of the version restored or the marker removed
    size: int = 0
    etag: str = ""  # of the version restored
    latest_version_id: str | None = None  # the key's latest version when planned

    def describe(self) -> str:
        if self.kind is StepKind.RESTORE_VERSION:
            return f"restore {self.key} to version {self.version_id} of {self.last_modified}"
        if self.kind is StepKind.REMOVE_DELETE_MARKER:
            when = self.last_modified
            return f"remove the delete marker {self.version_id} of {self.key} ({when})"
        return f"add a delete marker to {self.key} (created since)"


@dataclass(frozen=True)
class RestorePlan:
    bucket: str
    prefix: str
    moment: datetime
    steps: tuple[RestoreStep, ...]
    keys_seen: int  # keys examined, changed or not

    @property
    def restored(self) -> list[RestoreStep]:
        return [s for s in self.steps if s.kind is StepKind.RESTORE_VERSION]

    @property
    def markers_added(self) -> list[RestoreStep]:
        return [s for s in self.steps if s.kind is StepKind.ADD_DELETE_MARKER]

    @property
    def markers_removed(self) -> list[RestoreStep]:
        return [s for s in self.steps if s.kind is StepKind.REMOVE_DELETE_MARKER]


class NotVersioned(ValueError, ExplainedError):
    """A point-in-time restore needs a bucket that keeps versions."""


def parse_moment(text: str) -> datetime:
    """An ISO 8601 date and time; without a zone it is UTC."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(
            f"'{text}' is not an ISO 8601 date and time (e.g. 2026-12-07T14:30:00Z)"
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def entry_time(entry: VersionEntry) -> datetime:
    moment = datetime.fromisoformat(entry.last_modified)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def plan_restore_to(session: S3Session, bucket: str, prefix: str, moment: datetime) -> RestorePlan:
    """The steps that make everything under `prefix` as it was at `moment` (aware datetime)."""
    if moment.tzinfo is None:
        raise ValueError("The moment needs a time zone")
    status = session.call(bucket, lambda c: c.get_bucket_versioning(Bucket=bucket)).get("Status")
    if not status:
        raise NotVersioned(
            f"The bucket {bucket} has never kept versions: there is no earlier state to restore"
        )
    steps: list[RestoreStep] = []
    keys = 0
    for key, entries in _by_key(list_versions(session, bucket, prefix, delimiter=None)):
        keys += 1
        steps.extend(steps_for_key(key, entries, moment))
    return RestorePlan(bucket, prefix, moment, tuple(steps), keys)


def steps_for_key(key: str, entries: list[VersionEntry], moment: datetime) -> list[RestoreStep]:
    """`entries`: every version and delete marker of `key`, in any order."""
    entries = sorted(entries, key=lambda e: (entry_time(e), e.is_latest), reverse=True)
    latest = entries[0]
    index = next((i for i, e in enumerate(entries) if entry_time(e) <= moment), None)
    then = entries[index] if index is not None else None
    if then is None or then.is_delete_marker:
        if latest.is_delete_marker:
            return []
        return [RestoreStep(StepKind.ADD_DELETE_MARKER, key, latest_version_id=latest.version_id)]
    if then.version_id == latest.version_id:
        return []
    newer = entries[:index]
    if all(e.is_delete_marker for e in newer):
        return [
            RestoreStep(StepKind.REMOVE_DELETE_MARKER, key, e.version_id, e.last_modified)
            for e in newer
        ]
    return [
        RestoreStep(
            StepKind.RESTORE_VERSION,
            key,
            then.version_id,
            then.last_modified,
            then.size,
            then.etag.strip('"'),
            latest.version_id,
        )
    ]


def _by_key(pages: Iterable[VersionPage]) -> Iterator[tuple[str, list[VersionEntry]]]:
    """Entries grouped by key (a key's versions may span pages; keys come in order)."""
    current: str | None = None
    group: list[VersionEntry] = []
    for page in pages:
        for entry in page.versions:
            if entry.key != current:
                if current is not None:
                    yield current, group
                current, group = entry.key, []
            group.append(entry)
    if current is not None:
        yield current, group
