"""A change one of the Info window's object tabs asks for: the engine's `ObjectChange`, run as
one rewrite job on the object, the selection or the folder."""

from __future__ import annotations

from dataclasses import dataclass

from app.core.transfers.object_change import ObjectChange
from app.ui.translation import N_


@dataclass(frozen=True)
class ObjectEdit:
    title: str  # "metadata", "tags", "storage class STANDARD_IA", ...
    change: ObjectChange

    @property
    def rewrites(self) -> bool:
        """The object is copied onto itself: a new ETag, a new version if versioned."""
        return self.change.rewrites


REWRITE_WARNING = N_(
    "This rewrites the object on the server: it gets a new ETag, and a new version on a "
    "versioned bucket. Large objects (always those above 5 GiB) are copied in parts; "
    "encryption, tags and permissions are kept."
)
