"""The on-disk record of one open edit: enough to offer it again after a crash, no secret."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class OpenEdit:
    id: str
    bucket: str
    key: str
    local_path: str
    etag: str  # as the server gave it when the edit was opened or last uploaded
    version_id: str | None = None
    bookmark_id: str | None = None  # None: a connection without a bookmark (e.g. the CLI)
    endpoint: str = ""  # for people: which server, without credentials
    customer_key_ref: str | None = None  # the keyring name of an SSE-C key, never the key
    uploaded_digest: str | None = None  # SHA-256 of the content the server holds from us
    opened_at: float = 0.0

    @property
    def path(self) -> Path:
        return Path(self.local_path)

    @property
    def url(self) -> str:
        return f"s3://{self.bucket}/{self.key}"

    def with_server_state(self, etag: str, version_id: str | None) -> OpenEdit:
        return replace(self, etag=etag, version_id=version_id)

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True, indent=1)

    @classmethod
    def from_json(cls, text: str) -> OpenEdit:
        raw: dict[str, Any] = json.loads(text)
        known = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in raw.items() if k in known})
