"""Key ring text: one 256-bit key per line (or several separated by spaces), each as 32
characters taken as the key bytes, 44 characters of base64 or 64 hex digits. Blank lines and
`#` comments are ignored. A file of exactly 32 bytes is one raw binary key (the old format)."""

from __future__ import annotations

import base64
import binascii
import string
from pathlib import Path

from app.core.sse_c.errors import KeyFileError
from app.core.sse_c.fingerprints import KEY_BYTES

_HEX = frozenset(string.hexdigits)
_FORMS = "32 characters of text, 44 of base64 or 64 hex digits"


def read_key_file(path: Path) -> list[bytes]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise KeyFileError(str(path), None, f"cannot be read ({exc.strerror})") from None
    return parse_keys(raw, str(path))


def parse_keys(raw: bytes, source: str = "text") -> list[bytes]:
    """The keys in order, the current one first. Raises `KeyFileError` naming the line."""
    if len(raw) == KEY_BYTES:
        return [raw]
    keys: list[bytes] = []
    seen: dict[bytes, int] = {}
    for number, line in enumerate(raw.split(b"\n"), start=1):
        text = line.strip()
        if not text or text.startswith(b"#"):
            continue
        for token in text.split():
            key = _decode(token, source, number)
            if key in seen:
                raise KeyFileError(source, number, f"the same key as line {seen[key]}")
            seen[key] = number
            keys.append(key)
    if not keys:
        raise KeyFileError(source, None, f"holds no key (one per line: {_FORMS})")
    return keys


def _decode(token: bytes, source: str, line: int) -> bytes:
    size = len(token)
    if size == KEY_BYTES:
        return token
    if size == 44:
        try:
            key = base64.b64decode(token, validate=True)
        except (binascii.Error, ValueError):
            raise KeyFileError(source, line, "44 characters but not base64") from None
        if len(key) != KEY_BYTES:
            raise KeyFileError(source, line, f"base64 of {len(key)} bytes, not 32")
        return key
    if size == 64:
        if not set(token.decode("latin-1")) <= _HEX:
            raise KeyFileError(source, line, "64 characters but not hex digits")
        return bytes.fromhex(token.decode("ascii"))
    if size < KEY_BYTES:
        why = "too short"
    elif size > 64:
        why = "too long"
    else:
        why = "not a key length"
    raise KeyFileError(source, line, f"{size} characters is {why} for a key ({_FORMS})")


def format_keys(keys: list[bytes]) -> str:
    """Key ring text Eider writes (exports, the keyring entry): base64, one per line."""
    return "".join(base64.b64encode(key).decode() + "\n" for key in keys)
