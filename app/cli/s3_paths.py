"""`s3://bucket/key` arguments, as the AWS CLI spells them."""

from __future__ import annotations

from dataclasses import dataclass

SCHEME = "s3://"


@dataclass(frozen=True)
class S3Path:
    bucket: str
    key: str = ""

    def __str__(self) -> str:
        return f"{SCHEME}{self.bucket}/{self.key}"

    @property
    def is_prefix(self) -> bool:
        """No key, or a key ending in '/': a folder, not an object."""
        return not self.key or self.key.endswith("/")

    def as_prefix(self) -> S3Path:
        """The same path as a folder prefix ('photos' -> 'photos/')."""
        return self if self.is_prefix else S3Path(self.bucket, f"{self.key}/")


class BadS3Path(ValueError):
    pass


def is_s3(text: str) -> bool:
    return text.lower().startswith(SCHEME)


def parse_s3(text: str) -> S3Path:
    if not is_s3(text):
        raise BadS3Path(f"'{text}' is not an S3 path; write s3://bucket/key")
    rest = text[len(SCHEME) :]
    bucket, _, key = rest.partition("/")
    if not bucket:
        raise BadS3Path(f"'{text}' names no bucket; write s3://bucket/key")
    return S3Path(bucket, key)
