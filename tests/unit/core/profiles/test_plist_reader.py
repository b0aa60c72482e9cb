"""Hostile and malformed files: each gives a specific ProfileError, never another exception."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from app.core.profiles import ProfileError, load_profile
from app.core.profiles.plist_reader import MAX_PLIST_BYTES
from tests.fixtures.profile_files import (
    APPLE_DOCTYPE,
    MINIMAL_BODY,
    XML_DECL,
    plist_text,
    write_profile,
)

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE plist [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<plist version="1.0"><dict><key>Protocol</key><string>s3</string>
<key>Vendor</key><string>&lol3;</string></dict></plist>
"""


def _error(path: Path) -> str:
    with pytest.raises(ProfileError) as info:
        load_profile(path)
    message = str(info.value)
    assert message.startswith(f"{path.name}: ")
    return message


def test_minimal_profile_loads(tmp_path: Path) -> None:
    profile = load_profile(write_profile(tmp_path))
    assert (profile.protocol, profile.vendor, profile.description) == (
        "s3",
        "test-vendor",
        "Test provider",
    )


def test_billion_laughs_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "laughs.cyberduckprofile"
    path.write_text(BILLION_LAUGHS)
    assert "entity declarations are not allowed" in _error(path)


def test_external_entity_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "xxe.cyberduckprofile"
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE plist [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
        "<plist><dict><key>Protocol</key><string>&x;</string></dict></plist>"
    )
    assert "entity declarations are not allowed" in _error(path)


def test_external_dtd_is_refused(tmp_path: Path) -> None:
    path = write_profile(
        tmp_path, prolog=XML_DECL + '<!DOCTYPE plist SYSTEM "http://evil.example/x.dtd">\n'
    )
    assert "only Apple's plist DOCTYPE is accepted" in _error(path)


def test_internal_subset_without_entities_is_refused(tmp_path: Path) -> None:
    path = write_profile(tmp_path, prolog=XML_DECL + "<!DOCTYPE plist [ <!ELEMENT plist ANY> ]>\n")
    assert "internal subset" in _error(path)


def test_apple_doctype_and_old_apple_computer_doctype_are_accepted(tmp_path: Path) -> None:
    load_profile(write_profile(tmp_path))
    old = APPLE_DOCTYPE.replace("-//Apple//", "-//Apple Computer//")
    load_profile(write_profile(tmp_path, name="Old.profile", prolog=XML_DECL + old))


LICENCE_COMMENT = "<!--\n  Copyright (c) 2020 Someone\n  GNU General Public License\n-->\n"


def test_comment_before_xml_declaration_like_scaleway_loads(tmp_path: Path) -> None:
    # Scaleway's published profiles open with a GPL header comment before the declaration,
    # which expat alone refuses ("XML or text declaration not at start of entity").
    prolog = LICENCE_COMMENT + XML_DECL + APPLE_DOCTYPE
    assert load_profile(write_profile(tmp_path, prolog=prolog)).vendor == "test-vendor"


def test_comment_then_doctype_loads(tmp_path: Path) -> None:
    prolog = LICENCE_COMMENT + APPLE_DOCTYPE
    assert load_profile(write_profile(tmp_path, prolog=prolog)).vendor == "test-vendor"


def test_whitespace_before_xml_declaration_loads(tmp_path: Path) -> None:
    prolog = "\n\n  " + XML_DECL + APPLE_DOCTYPE
    assert load_profile(write_profile(tmp_path, prolog=prolog)).protocol == "s3"


def test_doctype_first_without_xml_declaration_loads(tmp_path: Path) -> None:
    assert load_profile(write_profile(tmp_path, prolog=APPLE_DOCTYPE)).protocol == "s3"


def test_truncated_file(tmp_path: Path) -> None:
    path = tmp_path / "cut.cyberduckprofile"
    path.write_text(plist_text(MINIMAL_BODY)[:150])
    message = _error(path)
    assert "not a valid XML property list" in message
    assert "truncated" in message


def test_mismatched_tags(tmp_path: Path) -> None:
    path = write_profile(tmp_path, body="<key>Protocol</key><string>s3</strin>")
    assert "mismatched tag" in _error(path)


def test_non_utf8_file(tmp_path: Path) -> None:
    path = tmp_path / "latin.cyberduckprofile"
    path.write_bytes(plist_text(MINIMAL_BODY.replace("Test provider", "Caf\xe9")).encode("latin-1"))
    assert "not UTF-8 text (byte 0xe9 on line" in _error(path)


def test_other_declared_encoding(tmp_path: Path) -> None:
    path = write_profile(tmp_path, prolog='<?xml version="1.0" encoding="ISO-8859-1"?>\n')
    assert "declares encoding ISO-8859-1" in _error(path)


def test_utf16_file(tmp_path: Path) -> None:
    path = tmp_path / "wide.cyberduckprofile"
    path.write_bytes(plist_text(MINIMAL_BODY).encode("utf-16"))
    assert "UTF-16 or binary" in _error(path)


def test_binary_plist_is_refused(tmp_path: Path) -> None:
    import plistlib

    path = tmp_path / "bin.cyberduckprofile"
    path.write_bytes(plistlib.dumps({"Protocol": "s3"}, fmt=plistlib.FMT_BINARY))
    assert "binary property lists are not accepted" in _error(path)


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.cyberduckprofile"
    path.write_bytes(b"  \n")
    assert "the file is empty" in _error(path)


def test_top_level_array(tmp_path: Path) -> None:
    path = tmp_path / "arr.cyberduckprofile"
    path.write_text(XML_DECL + "<plist><array><string>s3</string></array></plist>")
    assert "must hold one dictionary at the top, found an array" in _error(path)


def test_not_xml_at_all(tmp_path: Path) -> None:
    path = tmp_path / "junk.cyberduckprofile"
    path.write_text("Protocol = s3\n")
    assert "not a valid XML property list" in _error(path)


_watched: list[tuple[str, list[str]]] = []  # (path, opens seen) while a test watches it


def _audit(event: str, args: tuple[object, ...]) -> None:
    if event == "open" and _watched and args:
        for path, seen in _watched:
            if str(args[0]) == path:
                seen.append(path)


sys.addaudithook(_audit)  # audit hooks cannot be removed: it only looks while a test watches


@contextmanager
def opens_of(path: Path) -> Iterator[list[str]]:
    """Every time the process opens `path`, by any means (the interpreter's own audit event)."""
    watch = (str(path), [])
    _watched.append(watch)
    try:
        yield watch[1]
    finally:
        _watched.remove(watch)


def test_the_open_count_sees_a_profile_being_read(tmp_path: Path) -> None:
    path = write_profile(tmp_path)
    with opens_of(path) as opened:
        load_profile(path)
    assert len(opened) == 1


def test_fifty_megabyte_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.cyberduckprofile"
    with path.open("wb") as handle:  # sparse: 50 MB on paper, nothing written
        handle.truncate(50 * 1024 * 1024)
    with opens_of(path) as opened:
        message = _error(path)
    assert "50.0 MiB" in message and "at most 5 MiB" in message
    assert opened == []  # refused on its size alone: never opened, so not a byte read


def test_just_over_the_cap_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.cyberduckprofile"
    path.write_bytes(b" " * (MAX_PLIST_BYTES + 1))
    assert "at most 5 MiB" in _error(path)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    assert "no such file" in _error(tmp_path / "nope.cyberduckprofile")
    folder = tmp_path / "dir.cyberduckprofile"
    folder.mkdir()
    assert "is a folder" in _error(folder)


def test_wrong_file_name_suffix(tmp_path: Path) -> None:
    path = write_profile(tmp_path, name="profile.txt")
    assert "not a profile file name" in _error(path)


def test_undeclared_entity_reference(tmp_path: Path) -> None:
    path = write_profile(tmp_path, MINIMAL_BODY + "<key>Help</key><string>&nope;</string>")
    assert "unknown entity reference '&nope' on line" in _error(path)


def test_predefined_and_character_references_are_fine(tmp_path: Path) -> None:
    body = MINIMAL_BODY + "<key>Help</key><string>a&amp;b&lt;&#233;&#x41;</string>"
    assert load_profile(write_profile(tmp_path, body)).help_url == "a&b<éA"


def test_deeply_nested_values_are_refused(tmp_path: Path) -> None:
    nested = "<array>" * 5000 + "</array>" * 5000
    path = write_profile(tmp_path, MINIMAL_BODY + f"<key>Odd</key>{nested}")
    assert "nested more than 32 levels deep" in _error(path)
