"""Cyberduck `.duck` bookmark files: import into a Bookmark, export one without secrets."""

from __future__ import annotations

import plistlib
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.core.bookmarks.model import Bookmark, BookmarkError
from app.core.connection import AWS_HOST_RE
from app.core.credentials.spec import CredentialKind
from app.core.profiles import ProfileError, find_profile
from app.core.profiles.plist_reader import read_plist_file, type_name

GENERIC_PROFILE = "s3-compatible"
AWS_PROFILE = "amazon-s3"
# Per-bookmark properties that become bookmark fields instead of staying in `custom`.
_CUSTOM_FIELDS = {
    "role_arn": "role_arn",
    "mfa_serial": "mfa_serial",
    "s3.location": "region",
    "s3.storage.class": "storage_class",
    "s3.acl.default": "acl",
    "s3.encryption.algorithm": "encryption",
}


@dataclass(frozen=True)
class DuckImport:
    bookmark: Bookmark
    notes: tuple[str, ...]


def import_duck(path: Path) -> DuckImport:
    """Read a .duck file; raises ProfileError for a bad file, BookmarkError for bad values."""
    name = Path(path).name
    raw = read_plist_file(Path(path), "bookmark")
    notes: list[str] = []
    text = _strings(raw, name)
    protocol = text.get("Protocol", "").strip()
    if not protocol:
        raise ProfileError(f"{name}: the required key 'Protocol' is missing")
    if protocol.lower() != "s3":
        raise ProfileError(f"{name}: protocol {protocol} is not supported by Eider")

    host = text.get("Hostname", "").strip() or None
    provider = text.get("Provider", "").strip()
    profile_id = provider or (AWS_PROFILE if host is None or AWS_HOST_RE.match(host) else "")
    if not profile_id or find_profile(profile_id, host or "") is None:
        if provider:
            notes.append(
                f"Profile '{provider}' is not installed; the generic S3-compatible profile is "
                "used. Import the provider's profile and edit the bookmark to switch."
            )
        profile_id = GENERIC_PROFILE

    port = None
    if text.get("Port", "").strip():
        if not text["Port"].strip().isdigit():
            raise ProfileError(f"{name}: Port '{text['Port']}' is not a number")
        port = int(text["Port"])

    bookmark_id = text.get("UUID", "").strip()
    try:
        bookmark_id = str(uuid.UUID(bookmark_id))
    except ValueError:
        bookmark_id = str(uuid.uuid4())
        notes.append("The file has no valid UUID; a new one was given")

    username = text.get("Username", "").strip()
    kind = None
    if username.lower() == "anonymous":
        kind, username = CredentialKind.ANONYMOUS, ""

    custom = _custom(raw.get("Custom"), name)
    fields: dict[str, Any] = {}
    for key, field_name in _CUSTOM_FIELDS.items():
        if custom.get(key):
            fields[field_name] = custom.pop(key)
    download = _download_folder(raw, name)
    labels = raw.get("Labels", [])
    if not isinstance(labels, list) or not all(isinstance(x, str) for x in labels):
        raise ProfileError(f"{name}: 'Labels' must be an array of strings")
    nickname = text.get("Nickname", "").strip() or host or Path(path).stem
    try:
        bookmark = Bookmark(
            nickname=nickname,
            profile=profile_id,
            id=bookmark_id,
            host=host,
            port=port,
            path=text.get("Path", "").strip().strip("/"),
            access_key_id=username,
            credential_kind=kind,
            download_folder=download,
            comment=text.get("Comment", ""),
            web_url=text.get("Web URL", ""),
            labels=tuple(labels),
            custom=custom,
            **fields,
        )
    except BookmarkError as exc:
        raise ProfileError(f"{name}: {exc}") from None
    return DuckImport(bookmark, tuple(notes))


def _strings(raw: dict[str, Any], name: str) -> dict[str, str]:
    keys: tuple[str, ...] = (
        "Protocol",
        "Provider",
        "Nickname",
        "UUID",
        "Hostname",
        "Username",
        "Path",
    )
    keys += ("Comment", "Web URL")
    result: dict[str, str] = {}
    for key in keys:
        if key in raw:
            if not isinstance(raw[key], str):
                raise ProfileError(f"{name}: '{key}' must be a string, found {type_name(raw[key])}")
            result[key] = raw[key]
    if "Port" in raw:
        port = raw["Port"]
        if isinstance(port, bool) or not isinstance(port, (str, int)):
            raise ProfileError(f"{name}: 'Port' must be a number, found {type_name(port)}")
        result["Port"] = str(port)
    return result


def _custom(value: object, name: str) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ProfileError(f"{name}: 'Custom' must be a dictionary, found {type_name(value)}")
    result = {}
    for key, item in value.items():
        if isinstance(item, bool):
            item = "true" if item else "false"
        if not isinstance(item, (str, int)):
            raise ProfileError(f"{name}: Custom '{key}' must be a string")
        result[str(key)] = str(item)
    return result


def _download_folder(raw: dict[str, Any], name: str) -> str | None:
    folder = raw.get("Download Folder Dictionary")
    path = folder.get("Path") if isinstance(folder, dict) else None
    if isinstance(path, str):
        return path
    legacy = raw.get("Download Folder")
    if isinstance(legacy, str) and legacy.strip():
        return legacy
    if folder is not None and not isinstance(folder, dict):
        raise ProfileError(f"{name}: 'Download Folder Dictionary' must be a dictionary")
    return None


def export_duck(bookmark: Bookmark) -> bytes:
    """The bookmark as a .duck plist. Secrets are never part of it (they are not on the
    Bookmark at all); the SSE-C key reference is left out too."""
    data: dict[str, Any] = {"Protocol": "s3", "Nickname": bookmark.nickname, "UUID": bookmark.id}
    if bookmark.profile != "s3":
        data["Provider"] = bookmark.profile
    if bookmark.host:
        data["Hostname"] = bookmark.host
    if bookmark.port is not None:
        data["Port"] = str(bookmark.port)
    if bookmark.credential_kind is CredentialKind.ANONYMOUS:
        data["Username"] = "anonymous"
    elif bookmark.access_key_id:
        data["Username"] = bookmark.access_key_id
    if bookmark.path:
        data["Path"] = "/" + bookmark.path.strip("/")
    if bookmark.download_folder:
        data["Download Folder Dictionary"] = {"Path": bookmark.download_folder}
    if bookmark.comment:
        data["Comment"] = bookmark.comment
    if bookmark.web_url:
        data["Web URL"] = bookmark.web_url
    if bookmark.labels:
        data["Labels"] = list(bookmark.labels)
    custom = dict(bookmark.custom)
    for key, field_name in _CUSTOM_FIELDS.items():
        value = getattr(bookmark, field_name)
        if value:
            custom[key] = value
    if custom:
        data["Custom"] = custom
    return plistlib.dumps(data, fmt=plistlib.FMT_XML, sort_keys=False)


def duck_file_name(bookmark: Bookmark) -> str:
    """Named after the nickname, as Cyberduck does when a bookmark is dragged out."""
    stem = bookmark.nickname.replace("/", ":").strip() or bookmark.id
    return f"{stem}.duck"
