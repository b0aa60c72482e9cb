"""A change one of the Info window's object tabs asks for, applicable to any object."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from app.core.s3.session import S3Session

# (session, bucket, key): blocking core work, run on a worker thread.
Apply = Callable[[S3Session, str, str], object]


@dataclass(frozen=True)
class ObjectEdit:
    title: str  # "metadata", "tags", "storage class STANDARD_IA", ...
    apply: Apply
    rewrites: bool  # the object is copied onto itself: a new ETag, a new version if versioned


REWRITE_WARNING = (
    "This rewrites the object on the server: it gets a new ETag, and a new version on a "
    "versioned bucket. Objects above 5 GiB are copied in parts; encryption, tags and "
    "permissions are kept."
)
