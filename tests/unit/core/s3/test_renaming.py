"""Where Rename puts a key in place, and where Move puts it in another folder."""

from __future__ import annotations

import pytest

from app.core.s3.renaming import moved_key, renamed_key


@pytest.mark.parametrize(
    ("key", "name", "expected"),
    [
        ("a/b.txt", "c.txt", "a/c.txt"),
        ("b.txt", "c.txt", "c.txt"),
        ("a/b/", "c", "a/c/"),
    ],
)
def test_a_rename_keeps_the_folder_and_a_folders_slash(key: str, name: str, expected: str) -> None:
    assert renamed_key(key, name) == expected


@pytest.mark.parametrize("name", ["", ".", "..", "x/y"])
def test_a_rename_to_no_name_or_a_path_is_refused(name: str) -> None:
    with pytest.raises(ValueError, match="cannot be empty"):
        renamed_key("a/b.txt", name)


@pytest.mark.parametrize(
    ("key", "into", "expected"),
    [
        ("a/b.txt", ("bk", "c/"), "c/b.txt"),
        ("a/b.txt", ("other", ""), "b.txt"),
        ("a/b/", ("bk", "c/d/"), "c/d/b/"),
        ("a/b/", ("other", "a/b/"), "a/b/b/"),  # the same path in another bucket is elsewhere
    ],
)
def test_a_move_keeps_the_name_in_the_folder_named(
    key: str, into: tuple[str, str], expected: str
) -> None:
    assert moved_key("bk", key, *into) == expected


@pytest.mark.parametrize(
    ("key", "into", "message"),
    [
        ("a/b.txt", ("", ""), "Name a bucket"),
        ("a/b.txt", ("bk", "a/"), "where it is already"),
        ("a/b/", ("bk", "a/"), "where it is already"),
        ("a/b/", ("bk", "a/b/"), "into itself"),
        ("a/b/", ("bk", "a/b/c/"), "into itself"),
    ],
)
def test_a_move_that_goes_nowhere_or_into_itself_is_refused(
    key: str, into: tuple[str, str], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        moved_key("bk", key, *into)
