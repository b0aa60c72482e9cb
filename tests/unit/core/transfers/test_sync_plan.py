"""The planning pieces without a server: walk order, pairing, multipart ETags, bounded memory.

`ListingSession` stands in for S3Session.list_prefix only (the boundary these tests are not
about): it serves synthetic pages so 100,000 keys cost no server time.
"""

from __future__ import annotations

import hashlib
import os
import tracemalloc
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import cast

import pytest

from app.core.s3.session import ListingPage, ObjectEntry, S3Session
from app.core.transfers import checksums
from app.core.transfers.local_names import TargetOS
from app.core.transfers.options import MIB, TransferOptions
from app.core.transfers.sync_plan import (
    Comparer,
    Direction,
    LocalEntry,
    RemoteEntry,
    SyncError,
    SyncOptions,
    SyncPlan,
    SyncProblem,
    multipart_etag_of,
    normalise_prefix,
    pair_streams,
    parse_last_modified,
    plan_sync,
    walk_local,
    walk_remote,
)

STAMP = "2026-01-02T03:04:05.000Z"


class ListingSession:
    def __init__(self, keys: Iterator[str] | list[str], page_size: int = 1000) -> None:
        self.keys = keys
        self.page_size = page_size
        self.pages = 0

    def list_prefix(
        self, bucket: str, prefix: str = "", delimiter: str | None = "/"
    ) -> Iterator[ListingPage]:
        page: list[ObjectEntry] = []
        for key in self.keys:
            if key.startswith(prefix):
                page.append(ObjectEntry(key, 1, STAMP, '"etag"', "STANDARD"))
            if len(page) == self.page_size:
                self.pages += 1
                yield ListingPage(bucket, prefix, (), tuple(page), False)
                page = []
        self.pages += 1
        yield ListingPage(bucket, prefix, (), tuple(page), True)


def test_walk_order_is_s3_key_order(tmp_path: Path) -> None:
    # '/' sorts between '.' and '0': a folder "ab" lists after "ab.c" and before "ab0"
    names = ["a", "a.txt", "B", "b/c", "a-b/x", "ab/b", "ab/b.c/d", "ab.c", "ab0", "é", "ü/1", "~"]
    for name in names:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x")
    problems: list[SyncProblem] = []
    walked = [e.name for e in walk_local(tmp_path, problems, target_os=TargetOS.LINUX)]
    assert problems == []
    assert walked == sorted(names, key=lambda n: n.encode("utf-8"))


def test_walk_reports_nfc_twins_and_skips_partials(tmp_path: Path) -> None:
    nfc = "café"
    (tmp_path / unicodedata.normalize("NFD", nfc)).write_bytes(b"decomposed")
    (tmp_path / nfc).write_bytes(b"composed")
    (tmp_path / "half.bin.eider-partial").write_bytes(b"partial download")
    problems: list[SyncProblem] = []
    walked = list(walk_local(tmp_path, problems, target_os=TargetOS.LINUX))
    assert [e.name for e in walked] == [nfc]
    assert len(problems) == 1 and "Unicode NFC" in problems[0].message


def test_walk_reports_undecodable_names(tmp_path: Path) -> None:
    raw = os.fsencode(tmp_path) + b"/bad-\xff-name"
    with open(raw, "wb") as handle:
        handle.write(b"x")
    problems: list[SyncProblem] = []
    assert list(walk_local(tmp_path, problems, target_os=TargetOS.LINUX)) == []
    assert "not valid UTF-8" in problems[0].message


def test_remote_nfd_keys_are_reordered_by_their_nfc_name() -> None:
    nfd = unicodedata.normalize("NFD", "p/é")
    keys = sorted(["p/a", nfd, "p/f", "p/é", "p/z"], key=lambda k: k.encode("utf-8"))
    problems: list[SyncProblem] = []
    session = cast(S3Session, ListingSession(keys, page_size=2))
    entries = list(walk_remote(session, "b", "p/", problems))
    assert [e.name for e in entries] == ["a", "f", "z", "é", "é"]  # U+00E9 sorts after z
    assert problems == []
    pairs = list(pair_streams(iter(()), iter(entries)))
    [twin_pair] = [p for p in pairs if p.twins]
    assert twin_pair.remote is not None and twin_pair.remote.key == "p/é"  # NFC spelling wins
    assert twin_pair.twins[0].key == nfd


def test_out_of_order_listing_is_reported_not_guessed() -> None:
    problems: list[SyncProblem] = []
    session = cast(S3Session, ListingSession(["b", "a", "c"]))
    assert [e.key for e in walk_remote(session, "bucket", "", problems)] == ["b", "c"]
    assert [p.name for p in problems] == ["a"]


def test_pairing_merges_two_sorted_streams() -> None:
    local = [LocalEntry(n, f"/x/{n}", 1, 0) for n in ("a", "c", "d")]
    remote = [RemoteEntry(n, n, 1, 0.0, "") for n in ("b", "c", "e")]
    pairs = [
        (p.name, p.local is not None, p.remote is not None)
        for p in pair_streams(local, iter(remote))
    ]
    assert pairs == [
        ("a", True, False),
        ("b", False, True),
        ("c", True, True),
        ("d", True, False),
        ("e", False, True),
    ]


@pytest.mark.parametrize("size", [5 * MIB, 5 * MIB + 1, 12 * MIB + 3])
def test_multipart_etag_of_a_file(tmp_path: Path, size: int) -> None:
    data = os.urandom(size)
    path = tmp_path / "f"
    path.write_bytes(data)
    parts = [data[i : i + 5 * MIB] for i in range(0, size, 5 * MIB)]
    expected = checksums.multipart_etag([hashlib.md5(p).digest() for p in parts])  # noqa: S324
    assert multipart_etag_of(str(path), 5 * MIB) == expected


def test_dates_and_prefixes() -> None:
    assert parse_last_modified("1970-01-01T00:01:00.000Z") == 60.0
    assert parse_last_modified("Thu, 01 Jan 1970 00:02:00 GMT") == 120.0
    with pytest.raises(SyncError):
        parse_last_modified("yesterday")
    assert normalise_prefix("photos") == "photos/"
    assert normalise_prefix("/photos/") == "photos/"
    assert normalise_prefix("") == ""


def test_missing_source_folder_is_an_error(tmp_path: Path) -> None:
    session = cast(S3Session, ListingSession([]))
    with pytest.raises(SyncError, match="does not exist"):
        plan_sync(session, Direction.UPLOAD, tmp_path / "nope", "b", "")
    (tmp_path / "file").write_bytes(b"x")
    with pytest.raises(SyncError, match="a sync needs a folder"):
        plan_sync(session, Direction.DOWNLOAD, tmp_path / "file", "b", "")


def test_planning_100k_keys_holds_no_listing_in_memory(tmp_path: Path) -> None:
    """100,000 remote extras, no --delete: planning streams them and keeps only a count."""
    count = 100_000

    def keys() -> Iterator[str]:
        for i in range(count):
            yield f"big/{i:08d}/file-with-a-longish-name-{i}.dat"

    session_fake = ListingSession(keys())
    session = cast(S3Session, session_fake)
    (tmp_path / "empty").mkdir()
    tracemalloc.start()
    try:
        plan = plan_sync(session, Direction.UPLOAD, tmp_path / "empty", "b", "big/")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert plan.extras_kept == count and plan.empty
    assert session_fake.pages == count // 1000 + 1
    # One page of 1,000 entries is a few hundred KiB; a held listing would be tens of MiB.
    assert peak < 4 * MIB, peak


def test_download_plan_memory_is_compact(tmp_path: Path) -> None:
    """Downloads keep the DownloadPlanner's record of claimed names: compact, but per key."""
    count = 5_000
    keys = [f"d/{i:06d}" for i in range(count)]
    session = cast(S3Session, ListingSession(keys))
    options = SyncOptions(target_os=TargetOS.LINUX, case_insensitive=False)
    tracemalloc.start()
    try:
        plan = plan_sync(session, Direction.DOWNLOAD, tmp_path / "dst", "b", "d/", options)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(plan.transfers) == count
    per_key = peak / count
    assert per_key < 2048, per_key  # planned actions included


def test_download_time_filter_uses_the_files_last_change() -> None:
    """A same-size file changed after the object was stored needs no HEAD; one older does."""
    plan = SyncPlan(Direction.DOWNLOAD, Path("/x"), "b", "", SyncOptions())
    comparer = Comparer(cast(S3Session, ListingSession([])), plan, TransferOptions())
    try:
        remote = RemoteEntry("f", "f", 10, 1_000.0, '"x-2"')
        restored = LocalEntry("f", "/x/f", 10, 500 * 10**9, 2_000 * 10**9)  # downloaded later
        stale = LocalEntry("f", "/x/f", 10, 500 * 10**9, 900 * 10**9)  # object stored after
        assert comparer.quick(restored, remote) == ""
        assert comparer.quick(stale, remote) is None  # the stored mtime must decide
        assert comparer.quick(LocalEntry("f", "/x/f", 11, 0, 0), remote).startswith("size")
    finally:
        comparer.close()
    assert plan.head_requests == 0
