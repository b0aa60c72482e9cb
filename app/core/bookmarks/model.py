"""A bookmark: one saved connection, by reference to a profile. Never holds a secret."""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass, field, fields, replace
from typing import Any

from app.core.credentials.spec import CredentialKind
from app.core.explained import ExplainedError
from app.core.preferences.reading import Problem, overrides_from_json
from app.core.tls_pinning import BadFingerprint, normalised

log = logging.getLogger(__name__)

# Keyring kinds stored under a bookmark's owner name (see app.core.secrets).
SECRET_KEY = "secret-key"  # noqa: S105 (a keyring kind name, not a secret)
SESSION_TOKEN = "session-token"  # noqa: S105
SSE_C_KEY = "sse-c-key"
OWNED_SECRET_KINDS = (SECRET_KEY, SESSION_TOKEN, SSE_C_KEY)


class BookmarkError(ValueError, ExplainedError):
    """A bookmark cannot be stored, found or used; the message says which and why."""


def new_id() -> str:
    return str(uuid.uuid4())


def secret_owner(bookmark_id: str) -> str:
    """The keyring owner name of a bookmark's secrets: stable for the bookmark's life."""
    return f"bookmark:{bookmark_id}"


@dataclass(frozen=True)
class Bookmark:
    nickname: str
    profile: str  # the profile's identity (Vendor)
    id: str = field(default_factory=new_id)
    host: str | None = None  # None: the profile's default host
    port: int | None = None
    path: str = ""  # initial "bucket/prefix"
    access_key_id: str = ""  # or the AWS CLI profile name for an aws-profile source
    credential_kind: CredentialKind | None = None  # None: what the profile implies
    role_arn: str = ""
    mfa_serial: str = ""
    region: str | None = None
    storage_class: str | None = None
    acl: str | None = None
    encryption: str | None = None  # AES256, aws:kms[:<id>], sse-c, cse[:<KMS id>]
    download_folder: str | None = None
    # Keyring owner of an SSE-C key shared between bookmarks; a key owned by this bookmark
    # alone is stored under `secret_owner` with kind SSE_C_KEY.
    sse_c_key_ref: str | None = None
    # A user-only file holding the secret key (the local sandbox's), instead of the stores.
    secret_file: str | None = None
    # SHA-256 of the one TLS certificate trusted for this bookmark (app/core/tls_pinning.py)
    trusted_certificate: str | None = None
    comment: str = ""
    web_url: str = ""
    labels: tuple[str, ...] = ()
    custom: dict[str, str] = field(default_factory=dict)  # per-bookmark profile properties
    # The bookmark's own transfer, S3-default and connection settings over the Preferences:
    # {"transfers": {"part_size": ...}, "s3": {...}, "connection": {...}}, checked on reading.
    overrides: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.nickname.strip():
            raise BookmarkError("A bookmark needs a name")
        if not self.profile.strip():
            raise BookmarkError(f"Bookmark '{self.nickname}' names no profile")
        try:
            uuid.UUID(self.id)
        except ValueError:
            raise BookmarkError(f"Bookmark id '{self.id}' is not a UUID") from None
        if self.port is not None and not 0 < self.port < 65536:
            raise BookmarkError(f"Port {self.port} is outside 1-65535")
        if self.trusted_certificate is not None:
            try:
                object.__setattr__(
                    self, "trusted_certificate", normalised(self.trusted_certificate)
                )
            except BadFingerprint as exc:
                raise BookmarkError(f"Bookmark '{self.nickname}': {exc}") from None

    @property
    def secret_owner(self) -> str:
        return secret_owner(self.id)

    def with_changes(self, **changes: Any) -> Bookmark:
        try:
            return replace(self, **changes)
        except TypeError as exc:
            raise BookmarkError(str(exc)) from None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, tuple):
                value = list(value)
            elif isinstance(value, CredentialKind):
                value = value.value
            elif isinstance(value, dict):
                value = {k: dict(v) if isinstance(v, dict) else v for k, v in value.items()}
            data[f.name] = value
        return data

    @classmethod
    def from_json(cls, data: object) -> Bookmark:
        if not isinstance(data, dict):
            raise BookmarkError("a bookmark entry is not a JSON object")
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        kind = values.get("credential_kind")
        try:
            values["credential_kind"] = CredentialKind(kind) if kind else None
        except ValueError:
            raise BookmarkError(f"unknown credential source '{kind}'") from None
        labels, custom = values.get("labels") or [], values.get("custom") or {}
        if not isinstance(labels, list):
            raise BookmarkError("bookmark field 'labels' must be a list")
        if not isinstance(custom, dict):
            raise BookmarkError("bookmark field 'custom' must be an object")
        values["labels"] = tuple(labels)
        values["custom"] = {str(k): str(v) for k, v in custom.items()}
        problems: list[Problem] = []
        where = f"bookmark '{values.get('nickname', '?')}'"
        values["overrides"] = overrides_from_json(values.get("overrides"), where, problems)
        for problem in problems:  # the value is left out, the Preferences' one applies
            log.warning("%s", problem)
        _check_types(values)
        return cls(**values)


_STR_FIELDS = {
    "nickname",
    "profile",
    "id",
    "path",
    "access_key_id",
    "role_arn",
    "mfa_serial",
    "comment",
    "web_url",
}
_OPTIONAL_STR_FIELDS = {
    "host",
    "region",
    "storage_class",
    "acl",
    "encryption",
    "download_folder",
    "sse_c_key_ref",
    "secret_file",
    "trusted_certificate",
}


def _check_types(values: dict[str, Any]) -> None:
    for name in _STR_FIELDS & values.keys():
        if not isinstance(values[name], str):
            raise BookmarkError(f"bookmark field '{name}' must be a string")
    for name in _OPTIONAL_STR_FIELDS & values.keys():
        if values[name] is not None and not isinstance(values[name], str):
            raise BookmarkError(f"bookmark field '{name}' must be a string or null")
    port = values.get("port")
    if port is not None and (isinstance(port, bool) or not isinstance(port, int)):
        raise BookmarkError("bookmark field 'port' must be a number or null")
    if not all(isinstance(label, str) for label in values["labels"]):
        raise BookmarkError("bookmark labels must be strings")
