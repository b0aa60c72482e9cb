"""Where a window stands, and the text the path bar accepts for it."""

from __future__ import annotations

import pytest

from app.core.s3.location import Location, LocationError


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("s3://bk/a/b", Location("bk", "a/b/")),
        ("bk/a/", Location("bk", "a/")),
        ("/bk", Location("bk")),
        ("S3://", Location()),
        ("", Location()),
    ],
)
def test_typed_locations_parse(text: str, expected: Location) -> None:
    assert Location.parse(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("http://bk/", "not an S3 location"),
        ("s3:///a/", "names no bucket"),
        ("s3://my bucket/", "no spaces"),
    ],
)
def test_text_that_names_no_location_says_why(text: str, message: str) -> None:
    with pytest.raises(LocationError, match=message):
        Location.parse(text)


def test_parent_child_and_crumbs_walk_the_folders() -> None:
    here = Location("bk", "a/b/")
    assert here.parent() == Location("bk", "a/")
    assert Location("bk", "a/").parent() == Location("bk")
    assert Location("bk").parent() == Location()
    assert Location().child("bk/") == Location("bk")
    assert Location("bk").child("a/") == Location("bk", "a/")
    assert [label for label, _ in here.crumbs()] == ["Buckets", "bk", "a", "b"]
    assert here.url == "s3://bk/a/b/"
