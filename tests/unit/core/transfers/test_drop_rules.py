"""Where dropped or pasted objects may go."""

from __future__ import annotations

import pytest

from app.core.s3.location import Location, name_of, parent_of
from app.core.transfers.drop_rules import drop_refusal


@pytest.mark.parametrize(
    ("keys", "target", "same", "reason"),
    [
        (["a/x"], Location(), True, "Drop onto a bucket or a folder."),
        (["a/"], Location("bk", "a/"), True, "The folder a cannot go into itself"),
        (["a/"], Location("bk", "a/b/"), True, "The folder a cannot go into itself"),
        (["a/x", "a/y/"], Location("bk", "a/"), True, "They are in that folder already"),
    ],
)
def test_drops_that_go_nowhere_or_into_themselves_are_refused(
    keys: list[str], target: Location, same: bool, reason: str
) -> None:
    why = drop_refusal("bk", keys, target, same)
    assert why is not None and why.startswith(reason)


@pytest.mark.parametrize(
    ("keys", "target", "same"),
    [
        (["a/x"], Location("bk", "b/"), True),  # another folder
        (["a/x", "b/y"], Location("bk", "a/"), True),  # not all of them are there yet
        (["a/"], Location("other", "a/b/"), True),  # the same path in another bucket
        (["a/"], Location("bk", "a/b/"), False),  # another server: a copy, not a move in place
        (["a/x"], Location("bk", "a/"), False),
    ],
)
def test_drops_elsewhere_are_let_through(keys: list[str], target: Location, same: bool) -> None:
    assert drop_refusal("bk", keys, target, same) is None


def test_names_and_parents_of_keys_and_folders() -> None:
    assert (name_of("a/b.txt"), name_of("a/b/"), name_of("top")) == ("b.txt", "b", "top")
    assert parent_of("bk", "a/b/c.txt") == Location("bk", "a/b/")
    assert parent_of("bk", "a/b/") == Location("bk", "a/")
    assert parent_of("bk", "top") == Location("bk")
