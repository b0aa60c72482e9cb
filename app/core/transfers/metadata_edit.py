"""What the user changed in an object's metadata, as an `ObjectChange`.

Only the changed headers and user metadata are named, so the rewrite lays them over each
object's metadata as it is when the job reaches it: nothing untouched is lost, on one object
or on each of many.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.core.transfers.object_change import ObjectChange

# ObjectMetadata's field names and the header each one is.
HEADER_OF_FIELD = {
    "content_type": "ContentType",
    "cache_control": "CacheControl",
    "content_disposition": "ContentDisposition",
    "content_encoding": "ContentEncoding",
    "content_language": "ContentLanguage",
    "expires": "Expires",
    "website_redirect_location": "WebsiteRedirectLocation",
}


@dataclass(frozen=True)
class MetadataEdit:
    # ObjectMetadata field name (content_type, cache_control, ...) -> new value; "" clears it.
    fields: dict[str, str] = field(default_factory=dict)
    user_set: dict[str, str] = field(default_factory=dict)  # x-amz-meta-* added or changed
    user_removed: frozenset[str] = frozenset()

    @property
    def is_empty(self) -> bool:
        return not (self.fields or self.user_set or self.user_removed)

    def change(self) -> ObjectChange:
        """The rewrite this edit asks for; a ValueError says in words what cannot be sent."""
        unknown = sorted(set(self.fields) - set(HEADER_OF_FIELD))
        if unknown:
            raise ValueError(f"Unknown metadata field(s): {', '.join(unknown)}")
        headers = {HEADER_OF_FIELD[name]: (value or None) for name, value in self.fields.items()}
        return ObjectChange(
            headers=headers,
            metadata_set=dict(self.user_set),
            metadata_removed=tuple(sorted(self.user_removed)),
        )
