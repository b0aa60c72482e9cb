"""An object's HTTP metadata and user metadata (x-amz-meta-*), as HeadObject reports them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class ObjectMetadata:
    content_type: str | None = None
    cache_control: str | None = None
    content_disposition: str | None = None
    content_encoding: str | None = None
    content_language: str | None = None
    expires: str | None = None  # the header as sent: servers keep any text, not only dates
    website_redirect_location: str | None = None
    user: dict[str, str] = field(default_factory=dict)  # x-amz-meta-* without the prefix


def metadata_from_head(head: Mapping[str, Any]) -> ObjectMetadata:
    return ObjectMetadata(
        content_type=head.get("ContentType"),
        cache_control=head.get("CacheControl"),
        content_disposition=head.get("ContentDisposition"),
        content_encoding=head.get("ContentEncoding"),
        content_language=head.get("ContentLanguage"),
        expires=_expires(head),
        website_redirect_location=head.get("WebsiteRedirectLocation"),
        user=dict(head.get("Metadata") or {}),
    )


def _expires(head: Mapping[str, Any]) -> str | None:
    raw = head.get("ExpiresString")
    if raw:
        return str(raw)
    value = head.get("Expires")
    if isinstance(value, datetime):
        return value.strftime("%a, %d %b %Y %H:%M:%S GMT")
    return str(value) if value else None
