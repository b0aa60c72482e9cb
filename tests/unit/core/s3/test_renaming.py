"""Where Rename puts a key in place, and where Move puts it in another folder."""

from __future__ import annotations

import pytest

from app.core.s3.renaming import moved_key, rename_destination, renamed_key


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


@pytest.mark.parametrize(
    ("key", "typed", "expected"),
    [
        ("a/b.txt", "c.txt", ("bk", "a/c.txt")),  # a name: renamed in place
        ("a/b/", "c", ("bk", "a/c/")),
        ("a/b.txt", "s3://other/x/", ("other", "x/b.txt")),  # a location: moved there
        ("a/b.txt", "S3://bk/x", ("bk", "x/b.txt")),  # the folder gets its '/'
        ("a/b/", "s3://bk/", ("bk", "b/")),  # to the bucket's top
    ],
)
def test_what_is_typed_into_rename_says_where_it_goes(
    key: str, typed: str, expected: tuple[str, str]
) -> None:
    assert rename_destination("bk", key, typed) == expected


@pytest.mark.parametrize(
    ("key", "typed", "message"),
    [
        ("a/b.txt", "x/y", "cannot be empty"),
        ("a/b.txt", "s3://", "Name a bucket"),
        ("a/b/", "s3://bk/a/b/c/", "into itself"),
        ("a/b.txt", "s3://bk/a/", "where it is already"),
    ],
)
def test_typed_text_that_names_no_destination_is_refused(
    key: str, typed: str, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        rename_destination("bk", key, typed)
