"""prepare_import: the blocking half of importing a dropped or chosen file, never raising."""

from __future__ import annotations

from pathlib import Path

from app.core.bookmarks.file_import import is_importable, prepare_import
from app.core.profiles.catalogue import user_profiles
from tests.fixtures.profile_files import MINIMAL_BODY, write_profile


def test_profile_is_copied_into_the_user_folder(tmp_path: Path) -> None:
    outcome = prepare_import(write_profile(tmp_path, MINIMAL_BODY, name="T.profile"))
    assert outcome.ok
    assert outcome.message == "Imported the profile 'Test provider'."
    assert [e.profile.vendor for e in user_profiles()] == ["test-vendor"]


def test_other_files_are_refused_by_name(tmp_path: Path) -> None:
    path = tmp_path / "photo.jpg"
    path.write_bytes(b"\xff\xd8\xff")
    outcome = prepare_import(path)
    assert not outcome.ok
    assert outcome.message.startswith("photo.jpg: not a connection profile")
    assert not is_importable(path)
    assert is_importable(Path("X.CyberduckProfile"))
    assert is_importable(Path("bookmark.duck"))


def test_an_unreadable_file_is_reported_not_raised(tmp_path: Path) -> None:
    outcome = prepare_import(tmp_path / "gone.duck")
    assert not outcome.ok
    assert "gone.duck" in outcome.message


def test_a_duck_file_is_parsed_but_not_stored(tmp_path: Path) -> None:
    path = tmp_path / "b.duck"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><plist version="1.0"><dict>'
        "<key>Protocol</key><string>s3</string><key>Nickname</key><string>Bee</string>"
        "<key>Hostname</key><string>s3.amazonaws.com</string></dict></plist>",
        encoding="utf-8",
    )
    outcome = prepare_import(path)
    assert outcome.ok, outcome.message
    assert outcome.bookmark is not None
    assert outcome.bookmark.nickname == "Bee"
    assert outcome.message.startswith("Imported the bookmark 'Bee'.")
