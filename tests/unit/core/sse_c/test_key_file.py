"""Key ring text: the three ways to write a key, comments, and errors that name the line."""

from __future__ import annotations

import base64
import os
from pathlib import Path

import pytest

from app.core.errors import describe
from app.core.errors.model import ErrorKind
from app.core.sse_c.errors import KeyFileError
from app.core.sse_c.key_file import format_keys, parse_keys, read_key_file


def test_text_base64_and_hex_keys_in_order_with_comments_and_blank_lines() -> None:
    raw, b64, hexed = b"k" * 32, os.urandom(32), os.urandom(32)
    text = (
        b"# rotation of 2026-12\n\n"
        + raw
        + b"\n   "
        + base64.b64encode(b64)
        + b"  \r\n# an older one\n"
        + hexed.hex().upper().encode()
        + b"\n"
    )
    assert parse_keys(text) == [raw, b64, hexed]


def test_keys_separated_by_spaces_on_one_line() -> None:
    keys = [os.urandom(32) for _ in range(3)]
    line = " ".join(base64.b64encode(k).decode() for k in keys).encode()
    assert parse_keys(line) == keys


def test_a_file_of_exactly_32_bytes_is_one_binary_key() -> None:
    key = b"\n#" + os.urandom(30)  # would be a comment line if read as text
    assert parse_keys(key) == [key]


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        (b"# ring\nshort\n", 2, "5 characters is too short for a key"),
        (b"\n\n" + b"x" * 40 + b"\n", 3, "40 characters is not a key length"),
        (b"x" * 70, 1, "70 characters is too long"),
        (b"#\n" + b"!" * 44, 2, "44 characters but not base64"),
        (b"z" * 64, 1, "64 characters but not hex digits"),
    ],
)
def test_a_bad_line_is_named_with_the_reason(text: bytes, line: int, reason: str) -> None:
    with pytest.raises(KeyFileError) as raised:
        parse_keys(text, "keys.txt")
    assert raised.value.line == line
    assert reason in str(raised.value)
    assert str(raised.value).startswith(f"The SSE-C key ring keys.txt, line {line}: ")


def test_a_duplicate_key_is_refused_whatever_its_spelling() -> None:
    key = os.urandom(32)
    text = f"{key.hex()}\n# same key again\n{base64.b64encode(key).decode()}\n".encode()
    with pytest.raises(KeyFileError, match="line 3: the same key as line 1"):
        parse_keys(text, "keys.txt")


def test_no_key_at_all_is_refused() -> None:
    with pytest.raises(KeyFileError, match="holds no key"):
        parse_keys(b"# nothing yet\n\n")


def test_errors_never_repeat_the_file_text(tmp_path: Path) -> None:
    path = tmp_path / "ring.txt"
    path.write_bytes(b"Zm9v\n")
    with pytest.raises(KeyFileError) as raised:
        read_key_file(path)
    error = describe(raised.value)
    assert error.kind is ErrorKind.SSE_C_KEY_FILE
    assert "line 1" in error.message and "Zm9v" not in error.message
    assert "Nothing was sent" in error.fix


def test_an_unreadable_file_says_so(tmp_path: Path) -> None:
    with pytest.raises(KeyFileError, match="cannot be read"):
        read_key_file(tmp_path / "absent")


def test_format_keys_reads_back() -> None:
    keys = [os.urandom(32) for _ in range(3)]
    assert parse_keys(format_keys(keys).encode()) == keys
