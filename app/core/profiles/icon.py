"""The `Disk` / `Icon` image of a profile: base64 text, often wrapped and sometimes badly padded."""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass

_NOT_BASE64 = re.compile(rb"[^A-Za-z0-9+/]")
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"\x00\x00\x01\x00", "ico"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
)


@dataclass(frozen=True)
class Icon:
    data: bytes
    format: str  # png, tiff, ico, jpeg, gif or unknown

    @property
    def mime_type(self) -> str:
        return {
            "png": "image/png",
            "tiff": "image/tiff",
            "ico": "image/x-icon",
            "jpeg": "image/jpeg",
            "gif": "image/gif",
        }.get(self.format, "application/octet-stream")


def image_format(data: bytes) -> str:
    for signature, name in _SIGNATURES:
        if data.startswith(signature):
            return name
    return "unknown"


def decode_icon(text: str) -> Icon | None:
    """Decode like a lenient base64 reader: drop whitespace and stray characters, mend padding.

    Returns None when nothing decodable is left.
    """
    raw = _NOT_BASE64.sub(b"", text.split("=", 1)[0].encode("ascii", "ignore"))
    raw = raw[: len(raw) - len(raw) % 4] if len(raw) % 4 == 1 else raw
    if not raw:
        return None
    try:
        data = base64.b64decode(raw + b"=" * (-len(raw) % 4))
    except (binascii.Error, ValueError):
        return None
    return Icon(data, image_format(data)) if data else None
