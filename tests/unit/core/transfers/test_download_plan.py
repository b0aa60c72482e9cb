"""The one download plan: keys under a prefix to journal items, for the engine and `eider cp`.

The keys are given here as a listing would give them; tests/cli/test_filtered_transfers.py and
the engine's download tests run the same plan over real SeaweedFS listings.
"""

from __future__ import annotations

from pathlib import Path

from app.core.s3.session import ObjectEntry
from app.core.transfers.download_plan import download_items
from app.core.transfers.name_filter import NameFilter, Rule


def _entries(*keys: str) -> list[ObjectEntry]:
    return [
        ObjectEntry(key, 10 + i, "2026-01-01T00:00:00Z", '"e"', "STANDARD")
        for i, key in enumerate(keys)
    ]


def test_keys_become_paths_under_the_folder_and_markers_are_left_out(tmp_path: Path) -> None:
    items = list(
        download_items(
            _entries("p/", "p/a.txt", "p/sub/", "p/sub/b.txt"), "bk", "p/", tmp_path, "job"
        )
    )
    assert [(i.key, i.local_path, i.size) for i in items] == [
        ("p/a.txt", str(tmp_path / "a.txt"), 11),
        ("p/sub/b.txt", str(tmp_path / "sub" / "b.txt"), 13),
    ]
    assert [(i.job_id, i.seq, i.bucket, i.state) for i in items] == [
        ("job", 0, "bk", "queued"),
        ("job", 1, "bk", "queued"),
    ]
    assert all(i.extra == {} for i in items)


def test_a_key_that_cannot_be_written_is_a_refused_item_saying_why(tmp_path: Path) -> None:
    items = list(download_items(_entries("p/x", "p/x/y", "p/../up"), "bk", "p/", tmp_path))
    assert [(i.key, i.state) for i in items] == [
        ("p/x", "queued"),
        ("p/x/y", "refused"),
        ("p/../up", "refused"),
    ]
    assert "needs a folder where 'p/x' is already a file" in (items[1].error or "")
    assert "'..'" in (items[2].error or "")
    assert items[1].local_path == "" and items[1].size == 0
    assert [i.seq for i in items] == [0, 1, 2]


def test_a_renamed_key_carries_what_was_changed(tmp_path: Path) -> None:
    [item] = download_items(_entries("p//a"), "bk", "p/", tmp_path)
    assert item.local_path == str(tmp_path / "a")
    assert item.extra == {
        "renamed": ["'p//a' starts with '/'; written inside the download folder."]
    }


def test_rules_choose_keys_before_any_claims_a_name(tmp_path: Path) -> None:
    names = NameFilter(((Rule.EXCLUDE, "*.tmp"), (Rule.EXCLUDE, "x")))
    # Unfiltered, "p/x" would take the name "x" and refuse "p/x/y".
    items = list(
        download_items(
            _entries("p/", "p/x", "p/x/y", "p/keep.txt", "p/drop.tmp"),
            "bk",
            "p/",
            tmp_path,
            names=names,
        )
    )
    assert [(i.key, i.state) for i in items] == [("p/x/y", "queued"), ("p/keep.txt", "queued")]
    assert [i.seq for i in items] == [0, 1]
