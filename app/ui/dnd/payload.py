"""What a drag or Cut/Copy of objects carries between Eider windows: where they come from.

The mime type `application/x-eider-objects` holds JSON: the source window's token (to reach its
session in this process, `OpenWindows`), its bookmark id (to reach the server from another
process), the bucket, the keys (folders end in '/') and whether it was a Cut. Never a secret.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

OBJECTS_FORMAT = "application/x-eider-objects"


@dataclass(frozen=True)
class ObjectsPayload:
    token: str
    bookmark_id: str | None
    bucket: str
    keys: tuple[str, ...]
    cut: bool = False

    def encode(self) -> bytes:
        return json.dumps(
            {
                "token": self.token,
                "bookmark_id": self.bookmark_id,
                "bucket": self.bucket,
                "keys": list(self.keys),
                "cut": self.cut,
            }
        ).encode()

    @classmethod
    def decode(cls, data: bytes) -> ObjectsPayload | None:
        try:
            raw = json.loads(bytes(data).decode())
            return cls(
                str(raw["token"]),
                raw.get("bookmark_id"),
                str(raw["bucket"]),
                tuple(str(k) for k in raw["keys"]),
                bool(raw.get("cut", False)),
            )
        except (ValueError, KeyError, TypeError):
            return None

    def s3_urls(self) -> list[str]:
        return [f"s3://{self.bucket}/{key}" for key in self.keys]
