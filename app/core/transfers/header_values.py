"""What S3 accepts in the object properties that travel as HTTP headers.

User metadata goes out as `x-amz-meta-NAME: VALUE` headers: names must be header tokens and
values printable US-ASCII (S3's rule for the REST API), 2 KiB in all. Tags are capped at 10,
keys at 128 and values at 256 characters. Checked before a job starts, so a bad value is a
clear refusal and not a failed request, journaled and "retried" in vain.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from app.core.s3.acl import CANNED_OBJECT_ACLS

# The canned ACLs AWS defines (and its CLI offers); some providers add their own, so the engine
# passes any name through and only the command line restricts itself to these.
CANNED_ACLS = (*CANNED_OBJECT_ACLS, "log-delivery-write")
MAX_METADATA_BYTES = 2 * 1024
MAX_TAGS = 10
MAX_TAG_KEY = 128
MAX_TAG_VALUE = 256

_TOKEN = re.compile(r"^[A-Za-z0-9!#$%&'*+.^_`|~-]+$")
_PRINTABLE_ASCII = re.compile(r"^[\x20-\x7e]*$")


def metadata_problem(metadata: Mapping[str, str]) -> str | None:
    for name, value in metadata.items():
        if not _TOKEN.match(name):
            return (
                f"The metadata name '{name}' is not allowed: use letters, digits and "
                "- _ . only (no spaces or accents)"
            )
        if not _PRINTABLE_ASCII.match(value):
            return (
                f"The value of metadata '{name}' holds characters S3 metadata cannot carry: "
                "only printable ASCII is allowed (no accents, tabs or line breaks)"
            )
    size = sum(len(name) + len(value) for name, value in metadata.items())
    if size > MAX_METADATA_BYTES:
        return f"The metadata is {size} bytes; S3 allows at most {MAX_METADATA_BYTES}"
    return None


def header_problem(label: str, value: str | None) -> str | None:
    """Content-Type, Cache-Control: one line of printable ASCII."""
    if value is not None and not _PRINTABLE_ASCII.match(value):
        return f"The {label} {value!r} must be one line of printable ASCII"
    return None


def tags_problem(tags: Mapping[str, str]) -> str | None:
    if len(tags) > MAX_TAGS:
        return f"{len(tags)} tags were given; S3 allows at most {MAX_TAGS} per object"
    for key, value in tags.items():
        if not 1 <= len(key) <= MAX_TAG_KEY:
            return f"The tag key '{key}' must be 1 to {MAX_TAG_KEY} characters"
        if len(value) > MAX_TAG_VALUE:
            return f"The value of tag '{key}' is longer than {MAX_TAG_VALUE} characters"
    return None
