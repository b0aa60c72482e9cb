"""Object and bucket tags: read, validated as S3 validates them, written."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from app.core.explained import ExplainedError
from app.core.s3.info_section import Feature, Section, read_section, write_setting
from app.core.s3.session import S3Session

MAX_OBJECT_TAGS = 10
MAX_BUCKET_TAGS = 50
MAX_KEY_LENGTH = 128
MAX_VALUE_LENGTH = 256
# Letters, digits and spaces in any script, and + - = . _ : / @ (S3's documented set).
_ALLOWED = re.compile(r"^[\w\s+\-=.:/@]*$")


@dataclass(frozen=True)
class Tag:
    key: str
    value: str


class InvalidTags(ValueError, ExplainedError):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("The tags cannot be saved: " + " ".join(problems))
        self.problems = problems


def tag_problems(tags: Sequence[Tag], limit: int = MAX_OBJECT_TAGS) -> list[str]:
    """Every reason S3 would refuse `tags`, in words; empty when they are valid."""
    problems: list[str] = []
    if len(tags) > limit:
        problems.append(f"There are {len(tags)} tags; at most {limit} are allowed.")
    seen: set[str] = set()
    for tag in tags:
        name = f"'{tag.key}'" if tag.key else "A tag"
        if not tag.key:
            problems.append("A tag has an empty key; every tag needs a key.")
        elif len(tag.key) > MAX_KEY_LENGTH:
            problems.append(
                f"The key {name[:40]}... is {len(tag.key)} characters long; at most "
                f"{MAX_KEY_LENGTH} are allowed."
            )
        if tag.key.lower().startswith("aws:"):
            problems.append(f"The key {name} starts with 'aws:', which is reserved for AWS.")
        if tag.key in seen:
            problems.append(f"The key {name} appears more than once; keys must be unique.")
        seen.add(tag.key)
        if len(tag.value) > MAX_VALUE_LENGTH:
            problems.append(
                f"The value of {name} is {len(tag.value)} characters long; at most "
                f"{MAX_VALUE_LENGTH} are allowed."
            )
        for part, text in (("key", tag.key), ("value", tag.value)):
            bad = sorted({c for c in text if not _ALLOWED.match(c)})
            if bad:
                shown = " ".join(repr(c) for c in bad)
                problems.append(
                    f"The {part} of {name} holds {shown}; tags allow letters, digits, spaces "
                    "and + - = . _ : / @ only."
                )
    return problems


def check_tags(tags: Sequence[Tag], limit: int = MAX_OBJECT_TAGS) -> None:
    problems = tag_problems(tags, limit)
    if problems:
        raise InvalidTags(problems)


def parse_tag_set(tag_set: Iterable[dict[str, Any]]) -> tuple[Tag, ...]:
    return tuple(Tag(str(t.get("Key", "")), str(t.get("Value", ""))) for t in tag_set)


def tag_set(tags: Iterable[Tag]) -> list[dict[str, str]]:
    return [{"Key": t.key, "Value": t.value} for t in tags]


def read_object_tags(
    session: S3Session,
    bucket: str,
    key: str,
    version_id: str | None = None,
    unsupported: Collection[Feature] = (),
) -> Section[tuple[Tag, ...]]:
    extra = {"VersionId": version_id} if version_id else {}
    return read_section(
        lambda: session.call(
            bucket, lambda c: c.get_object_tagging(Bucket=bucket, Key=key, **extra)
        ),
        lambda r: parse_tag_set(r.get("TagSet") or ()),
        "GetObjectTagging",
        bucket,
        key,
        feature=Feature.TAGS,
        unsupported=unsupported,
    )


def put_object_tags(
    session: S3Session,
    bucket: str,
    key: str,
    tags: Sequence[Tag],
    version_id: str | None = None,
) -> None:
    check_tags(tags)
    extra = {"VersionId": version_id} if version_id else {}
    if not tags:
        session.call(bucket, lambda c: c.delete_object_tagging(Bucket=bucket, Key=key, **extra))
        return
    session.call(
        bucket,
        lambda c: c.put_object_tagging(
            Bucket=bucket, Key=key, Tagging={"TagSet": tag_set(tags)}, **extra
        ),
    )


def read_bucket_tags(
    session: S3Session, bucket: str, unsupported: Collection[Feature] = ()
) -> Section[tuple[Tag, ...]]:
    return read_section(
        lambda: session.call(bucket, lambda c: c.get_bucket_tagging(Bucket=bucket)),
        lambda r: parse_tag_set(r.get("TagSet") or ()) or None,
        "GetBucketTagging",
        bucket,
        feature=Feature.TAGS,
        unsupported=unsupported,
    )


def put_bucket_tags(session: S3Session, bucket: str, tags: Sequence[Tag]) -> None:
    """Replace the bucket's tags; no tags removes the tag set."""
    check_tags(tags, MAX_BUCKET_TAGS)
    if not tags:
        write_setting(
            lambda: session.call(bucket, lambda c: c.delete_bucket_tagging(Bucket=bucket)),
            "bucket tags",
            bucket,
        )
        return
    write_setting(
        lambda: session.call(
            bucket,
            lambda c: c.put_bucket_tagging(Bucket=bucket, Tagging={"TagSet": tag_set(tags)}),
        ),
        "bucket tags",
        bucket,
    )
