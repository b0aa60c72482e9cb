"""The pre-signed links Eider issued: what, for whom to revoke, and until when.

Only the description of each link is kept (bucket, key, method, dates, the access key ID that
signed it, the endpoint) — never the URL. A pre-signed URL is a bearer secret: anyone holding
it can read or overwrite the object until it expires, and it cannot be revoked except by
disabling the keys that signed it. Storing it on disk would leave live secrets in a plain file;
storing it in the keyring would fill the keyring with short-lived entries that outlive their use
and that keyring backends cannot list. The list answers what the user needs later — which links
are still live and which access key to disable to kill them — and a lost URL is re-issued in one
click.
"""

from __future__ import annotations

import json
import threading
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from app.core import paths
from app.core.atomic_file import write_atomically
from app.core.explained import ExplainedError
from app.core.s3.urls import PresignedUrl

FILE_NAME = "issued-links.json"
SCHEMA_VERSION = 1
_lock = threading.Lock()


class IssuedLinksError(RuntimeError, ExplainedError):
    pass


@dataclass(frozen=True)
class IssuedLink:
    connection: str  # the bookmark or connection name the user sees
    endpoint: str
    bucket: str
    key: str
    method: str
    created: datetime
    expires: datetime
    access_key_id: str | None

    @classmethod
    def from_presigned(cls, url: PresignedUrl, connection: str) -> IssuedLink:
        return cls(
            connection,
            url.endpoint,
            url.bucket,
            url.key,
            url.method.value,
            url.created,
            url.expires,
            url.access_key_id,
        )

    def is_live(self, now: datetime | None = None) -> bool:
        return self.expires > (now or datetime.now(UTC))


def _file() -> Path:
    return paths.state_dir() / FILE_NAME


def load() -> list[IssuedLink]:
    """Every recorded link, oldest first. A damaged file raises and is left untouched."""
    path = _file()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    try:
        document = json.loads(text)
        if document.get("version") != SCHEMA_VERSION:
            raise ValueError(f"unknown version {document.get('version')!r}")
        return [_from_json(item) for item in document["links"]]
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise IssuedLinksError(
            f"The list of issued links ({path}) cannot be read ({exc}); it was left as it is. "
            "Move it away to start a new list."
        ) from None


def record(link: IssuedLink) -> None:
    with _lock:
        _save([*load(), link])


def forget_expired(now: datetime | None = None) -> int:
    """Drop links that have expired; returns how many were dropped."""
    with _lock:
        links = load()
        live = [link for link in links if link.is_live(now)]
        if len(live) != len(links):
            _save(live)
        return len(links) - len(live)


def _to_json(link: IssuedLink) -> dict[str, Any]:
    data = asdict(link)
    data["created"] = link.created.isoformat()
    data["expires"] = link.expires.isoformat()
    return data


def _from_json(item: dict[str, Any]) -> IssuedLink:
    return IssuedLink(
        connection=str(item["connection"]),
        endpoint=str(item["endpoint"]),
        bucket=str(item["bucket"]),
        key=str(item["key"]),
        method=str(item["method"]),
        created=datetime.fromisoformat(item["created"]),
        expires=datetime.fromisoformat(item["expires"]),
        access_key_id=item.get("access_key_id"),
    )


def _save(links: list[IssuedLink]) -> None:
    """Write atomically: a crash leaves the old file or the new one, never half of one."""
    path = _file()
    document = {"version": SCHEMA_VERSION, "links": [_to_json(link) for link in links]}
    write_atomically(path, json.dumps(document, ensure_ascii=False, indent=1))
