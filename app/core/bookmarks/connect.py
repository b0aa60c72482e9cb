"""From a bookmark (and its profile) to a Connection."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from app.core.bookmarks.model import Bookmark, BookmarkError
from app.core.connection import Connection
from app.core.credentials.spec import CredentialKind
from app.core.preferences.effects import connection_with
from app.core.preferences.loading import load_preferences
from app.core.preferences.overrides import with_overrides
from app.core.preferences.sections import Preferences
from app.core.profiles import Profile, ProfileError, find_profile
from app.core.profiles import settings as profile_settings


def profile_for(bookmark: Bookmark) -> Profile:
    profile = find_profile(bookmark.profile, bookmark.host or "")
    if profile is None:
        raise BookmarkError(
            f"Bookmark '{bookmark.nickname}' uses the profile '{bookmark.profile}', which is not "
            "installed. Import that profile (eider profile import FILE) or edit the bookmark."
        )
    return profile


def effective_profile(bookmark: Bookmark, profile: Profile) -> Profile:
    """The profile with the bookmark's own properties (Cyberduck's `Custom`) laid over it."""
    if not bookmark.custom:
        return profile
    return replace(profile, properties={**profile.properties, **bookmark.custom})


def credential_kind(bookmark: Bookmark, profile: Profile) -> CredentialKind:
    return bookmark.credential_kind or profile_settings.credential_kind(profile)


def preferences_for(bookmark: Bookmark, preferences: Preferences | None = None) -> Preferences:
    """The Preferences (the settings file's when not given) with the bookmark's overrides."""
    if preferences is None:
        preferences = load_preferences()
    return with_overrides(preferences, overrides_of(bookmark))


def overrides_of(bookmark: Bookmark) -> dict[str, Any]:
    """The bookmark's overrides; its storage class and ACL from before the overrides (and from
    .duck imports) count as S3-default overrides unless it has those. Its `encryption` is the
    bookmark's upload encryption (app.core.bookmarks.upload_encryption), applied on top."""
    return {**_older_s3_fields(bookmark), **bookmark.overrides}


def _older_s3_fields(bookmark: Bookmark) -> dict[str, Any]:
    s3: dict[str, Any] = {}
    if bookmark.storage_class:
        s3["storage_class"] = bookmark.storage_class
    if bookmark.acl:
        s3["acl"] = bookmark.acl
    return {"s3": s3} if s3 else {}


def connection_for_bookmark(
    bookmark: Bookmark,
    profile: Profile | None = None,
    scope_to_path: bool = False,
    preferences: Preferences | None = None,
) -> Connection:
    """The Connection a bookmark describes; with `scope_to_path`, its path's bucket/prefix
    becomes the connection's scope (for keys that may not list all buckets). The Connection
    preferences (the settings file's when not given) apply, under the bookmark's overrides."""
    profile = effective_profile(bookmark, profile or profile_for(bookmark))
    spec = profile_settings.credential_spec(
        profile,
        access_key_id=bookmark.access_key_id,
        secret_owner=bookmark.secret_owner,
        kind=credential_kind(bookmark, profile),
        role_arn=bookmark.role_arn,
        mfa_serial=bookmark.mfa_serial,
    )
    if bookmark.secret_file and spec.kind is CredentialKind.STATIC:
        spec = replace(spec, secret_file=bookmark.secret_file)
    changes: dict[str, object] = {}
    if scope_to_path and bookmark.path.strip("/"):
        bucket, _, prefix = bookmark.path.strip("/").partition("/")
        changes = {"bucket": bucket, "prefix": f"{prefix}/" if prefix else ""}
    try:
        connection = profile_settings.connection_from_profile(
            profile,
            host=bookmark.host,
            port=bookmark.port,
            region_name=bookmark.region,
            credentials=spec,
            **changes,
        )
    except ProfileError as exc:
        raise BookmarkError(f"Bookmark '{bookmark.nickname}': {exc}") from None
    connection = connection_with(connection, preferences_for(bookmark, preferences))
    if bookmark.trusted_certificate:
        connection = replace(connection, pinned_certificate=bookmark.trusted_certificate)
    return connection
