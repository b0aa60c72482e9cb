"""Read an untrusted XML property list (Cyberduck profile or .duck bookmark) safely.

plistlib parses with expat and already refuses entity declarations (CPython bpo-42051), but it
lets expat errors and unknown-encoding errors escape as other exception types, and it reads
whatever it is given. The checks here come first: a size cap applied before the file is read in
full, strict UTF-8, and a DOCTYPE allow-list (only Apple's plist DOCTYPE, no internal subset, no
ENTITY declarations anywhere), so billion-laughs and external-entity files are refused before any
XML parser sees them.
"""

from __future__ import annotations

import plistlib
import re
from pathlib import Path
from typing import Any

from app.core.profiles.errors import ProfileError

MAX_PLIST_BYTES = 5 * 1024 * 1024

_DOCTYPE_RE = re.compile(rb"<!DOCTYPE\b([^>\[]*)(\[)?", re.IGNORECASE)
_ENTITY_RE = re.compile(rb"<!ENTITY\b", re.IGNORECASE)
# Under a DOCTYPE with an external id, expat silently skips undefined entities; refuse them.
_ENTITY_REF_RE = re.compile(rb"&(?!(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9A-Fa-f]+);)([^;\s<]{0,40})")
_APPLE_DOCTYPE_RE = re.compile(
    rb"^\s+plist\s+PUBLIC\s+\"-//Apple( Computer)?//DTD PLIST 1\.0//EN\"\s+"
    rb"\"https?://www\.apple\.com/DTDs/PropertyList-1\.0\.dtd\"\s*$"
)
_ENCODING_RE = re.compile(rb"<\?xml[^>]*encoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"']")
_BOM = b"\xef\xbb\xbf"
_LATE_DECLARATION_RE = re.compile(rb"^(?:\s|<!--.*?-->)+(<\?xml\s[^>]*\?>)", re.DOTALL)


def read_plist_file(path: Path, kind: str = "profile") -> dict[str, Any]:
    """The top-level dict of the plist at `path`; `kind` names the file type in messages."""
    name = path.name
    try:
        size = path.stat().st_size
        if size > MAX_PLIST_BYTES:
            raise ProfileError(_too_big(name, kind, size))
        with path.open("rb") as handle:
            data = handle.read(MAX_PLIST_BYTES + 1)
    except ProfileError:
        raise
    except IsADirectoryError:
        raise ProfileError(f"{name}: is a folder, not a {kind} file") from None
    except FileNotFoundError:
        raise ProfileError(f"{name}: no such file") from None
    except OSError as exc:
        raise ProfileError(f"{name}: cannot be read ({exc.strerror or exc})") from None
    if len(data) > MAX_PLIST_BYTES:  # grew while we looked, or a special file
        raise ProfileError(_too_big(name, kind, len(data)))
    return parse_plist_bytes(data, name, kind)


def _too_big(name: str, kind: str, size: int) -> str:
    return (
        f"{name}: the file is {size / 1048576:.1f} MiB; a {kind} file may be at most "
        f"{MAX_PLIST_BYTES // 1048576} MiB"
    )


def parse_plist_bytes(data: bytes, name: str, kind: str = "profile") -> dict[str, Any]:
    if len(data) > MAX_PLIST_BYTES:
        raise ProfileError(_too_big(name, kind, len(data)))
    if not data.strip():
        raise ProfileError(f"{name}: the file is empty")
    _check_text(data, name)
    _check_declarations(data, name)
    data = _misplaced_declaration_removed(data)
    try:
        value = plistlib.loads(data, fmt=plistlib.FMT_XML)
    except Exception as exc:  # expat, plistlib and codec errors all mean "not a valid plist"
        raise ProfileError(f"{name}: not a valid XML property list ({_reason(exc)})") from None
    if not isinstance(value, dict):
        raise ProfileError(
            f"{name}: the property list must hold one dictionary at the top, "
            f"found {_type_name(value)}"
        )
    return value


def _check_text(data: bytes, name: str) -> None:
    if data.startswith(b"bplist"):
        raise ProfileError(f"{name}: binary property lists are not accepted; save it as XML")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:200]:
        raise ProfileError(f"{name}: the file is UTF-16 or binary; only UTF-8 XML is accepted")
    body = data[len(_BOM) :] if data.startswith(_BOM) else data
    try:
        body.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = body[: exc.start].count(b"\n") + 1
        raise ProfileError(
            f"{name}: the file is not UTF-8 text (byte 0x{body[exc.start]:02x} on line {line})"
        ) from None
    declared = _ENCODING_RE.search(body[:200])
    if declared and declared.group(1).lower().replace(b"_", b"-") not in (b"utf-8", b"utf8"):
        raise ProfileError(
            f"{name}: declares encoding {declared.group(1).decode()}; only UTF-8 is accepted"
        )


def _misplaced_declaration_removed(data: bytes) -> bytes:
    """Drop an XML declaration that follows a comment or whitespace (Scaleway's profiles open
    with a licence comment): expat refuses it there, and it says nothing the checks above have
    not already settled (UTF-8, XML 1.0)."""
    body = data[len(_BOM) :] if data.startswith(_BOM) else data
    match = _LATE_DECLARATION_RE.match(body)
    if match is None:
        return data
    return body[: match.start(1)] + body[match.end(1) :]


def _check_declarations(data: bytes, name: str) -> None:
    if _ENTITY_RE.search(data):
        raise ProfileError(f"{name}: XML entity declarations are not allowed in a profile")
    reference = _ENTITY_REF_RE.search(data)
    if reference:
        line = data[: reference.start()].count(b"\n") + 1
        shown = reference.group(1).decode("utf-8", "replace")
        raise ProfileError(
            f"{name}: unknown entity reference '&{shown}' on line {line} "
            "(only &amp; &lt; &gt; &quot; &apos; and character references are allowed)"
        )
    doctypes = list(_DOCTYPE_RE.finditer(data))
    if len(doctypes) > 1:
        raise ProfileError(f"{name}: more than one DOCTYPE declaration")
    for match in doctypes:
        if match.group(2):
            raise ProfileError(f"{name}: a DOCTYPE with an internal subset ([...]) is not allowed")
        if not _APPLE_DOCTYPE_RE.match(match.group(1)):
            raise ProfileError(
                f"{name}: unexpected DOCTYPE; only Apple's plist DOCTYPE is accepted"
            )


def _reason(exc: Exception) -> str:
    text = (str(exc).strip() or type(exc).__name__).splitlines()[0][:200]
    if text.startswith(("no element found", "unclosed token")):
        return f"the file is truncated or incomplete: {text}"
    return text


def _type_name(value: object) -> str:
    return {
        dict: "a dictionary",
        list: "an array",
        str: "a string",
        bool: "a boolean",
        int: "an integer",
        float: "a real number",
        bytes: "data",
    }.get(type(value), type(value).__name__)


def type_name(value: object) -> str:
    return _type_name(value)
