"""Delete objects: one key, a selection, or everything under a prefix.

Keys go to the server 1,000 per DeleteObjects request (S3's limit), several requests in
parallel. Every key the server refuses is reported with its reason; none is dropped.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, NamedTuple

from botocore.exceptions import BotoCoreError, ClientError

from app.core.s3.batch_work import (
    DEFAULT_WORKERS,
    CancelFlag,
    Progress,
    ignore_progress,
    never_cancelled,
    run_bounded,
)
from app.core.s3.session import S3Session
from app.core.s3.versions import list_versions

BATCH_SIZE = 1000


class DeleteMode(StrEnum):
    MARKER = "marker"  # plain delete: on a versioned bucket S3 adds a delete marker
    ALL_VERSIONS = "all-versions"  # permanent: every version and delete marker goes


class Target(NamedTuple):
    key: str
    version_id: str | None = None


class KeyFailure(NamedTuple):
    key: str
    version_id: str | None
    code: str
    message: str


@dataclass
class DeleteReport:
    deleted: int = 0
    failures: list[KeyFailure] = field(default_factory=list)
    cancelled: bool = False

    @property
    def ok(self) -> bool:
        return not self.failures and not self.cancelled


class PrefixCount(NamedTuple):
    objects: int
    bytes: int


def count_objects(
    session: S3Session,
    bucket: str,
    prefix: str,
    mode: DeleteMode = DeleteMode.MARKER,
    cancel: CancelFlag | None = None,
    progress: Progress | None = None,
) -> PrefixCount:
    """How many objects (or, for ALL_VERSIONS, versions and delete markers) a delete would touch.

    Streams the listing page by page; `progress(counted, None)` after each page. Returns what
    was counted so far if cancelled.
    """
    cancel = cancel or never_cancelled()
    progress = progress or ignore_progress
    count = size = 0
    if mode is DeleteMode.ALL_VERSIONS:
        for vpage in list_versions(session, bucket, prefix, delimiter=None):
            count += len(vpage.versions)
            size += sum(v.size for v in vpage.versions)
            progress(count, None)
            if cancel.is_set():
                break
    else:
        for page in session.list_prefix(bucket, prefix, delimiter=None):
            count += len(page.objects)
            size += sum(o.size for o in page.objects)
            progress(count, None)
            if cancel.is_set():
                break
    return PrefixCount(count, size)


def delete_object(session: S3Session, bucket: str, key: str, version_id: str | None = None) -> None:
    params: dict[str, Any] = {"Bucket": bucket, "Key": key}
    if version_id:
        params["VersionId"] = version_id
    session.call(bucket, lambda c: c.delete_object(**params))


def delete_targets(
    session: S3Session,
    bucket: str,
    targets: Iterable[Target],
    total: int | None = None,
    cancel: CancelFlag | None = None,
    progress: Progress | None = None,
    workers: int = DEFAULT_WORKERS,
    batch_size: int = BATCH_SIZE,
) -> DeleteReport:
    """Delete the given keys (or versions), streaming `targets` in batches of 1,000."""
    if not 1 <= batch_size <= BATCH_SIZE:
        raise ValueError(f"A DeleteObjects batch holds 1 to {BATCH_SIZE} keys.")
    cancel = cancel or never_cancelled()
    progress = progress or ignore_progress
    report = DeleteReport()

    def work(batch: list[Target]) -> tuple[int, list[KeyFailure]]:
        return _delete_batch(session, bucket, batch)

    def on_result(batch: list[Target], result: tuple[int, list[KeyFailure]]) -> None:
        deleted, failures = result
        report.deleted += deleted
        report.failures.extend(failures)
        progress(report.deleted + len(report.failures), total)

    finished = run_bounded(_batches(targets, batch_size), work, on_result, cancel, workers)
    report.cancelled = not finished
    return report


def delete_prefix(
    session: S3Session,
    bucket: str,
    prefix: str,
    mode: DeleteMode = DeleteMode.MARKER,
    total: int | None = None,
    cancel: CancelFlag | None = None,
    progress: Progress | None = None,
    workers: int = DEFAULT_WORKERS,
    batch_size: int = BATCH_SIZE,
    whole_bucket: bool = False,
) -> DeleteReport:
    """Delete everything under folder `prefix` (its placeholder included).

    `prefix` must end with '/' (so 'photos' cannot take 'photos-2024.jpg' along); emptying a
    whole bucket takes `prefix=""` and `whole_bucket=True`. `total` (from `count_objects`) only
    feeds the progress callback. The listing is streamed while earlier batches are being
    deleted; memory stays bounded by the in-flight batches.
    """
    if prefix and not prefix.endswith("/"):
        raise ValueError(f"'{prefix}' is not a folder prefix: it must end with '/'.")
    if not prefix and not whole_bucket:
        raise ValueError("An empty prefix means the whole bucket; say so with whole_bucket=True.")
    if mode is DeleteMode.ALL_VERSIONS:
        targets: Iterable[Target] = (
            Target(v.key, v.version_id)
            for page in list_versions(session, bucket, prefix, delimiter=None)
            for v in page.versions
        )
    else:
        targets = (
            Target(o.key)
            for page in session.list_prefix(bucket, prefix, delimiter=None)
            for o in page.objects
        )
    return delete_targets(session, bucket, targets, total, cancel, progress, workers, batch_size)


def _batches(targets: Iterable[Target], size: int) -> Iterator[list[Target]]:
    batch: list[Target] = []
    for target in targets:
        batch.append(target)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _delete_batch(
    session: S3Session, bucket: str, batch: list[Target]
) -> tuple[int, list[KeyFailure]]:
    objects = [
        {"Key": t.key, "VersionId": t.version_id} if t.version_id else {"Key": t.key} for t in batch
    ]
    try:
        response = session.call(
            bucket,
            lambda c: c.delete_objects(Bucket=bucket, Delete={"Objects": objects, "Quiet": True}),
        )
    except ClientError as exc:
        error = exc.response.get("Error", {})
        code = error.get("Code", "Error")
        message = error.get("Message") or str(exc)
        return 0, [KeyFailure(t.key, t.version_id, code, message) for t in batch]
    except BotoCoreError as exc:
        return 0, [KeyFailure(t.key, t.version_id, type(exc).__name__, str(exc)) for t in batch]
    # Some servers leave VersionId out of an error; name it when the batch held one version.
    versions_of: dict[str, list[str | None]] = {}
    for t in batch:
        versions_of.setdefault(t.key, []).append(t.version_id)
    failures = []
    for e in response.get("Errors", ()):
        key = e.get("Key", "")
        version = e.get("VersionId")
        if version is None and len(versions_of.get(key, ())) == 1:
            version = versions_of[key][0]
        failures.append(KeyFailure(key, version, e.get("Code", "Error"), e.get("Message", "")))
    # Quiet mode lists only failures; successes are counted, not listed.
    return len(batch) - len(failures), failures
