"""Where a browser window is: the bucket list, a bucket, or a folder (prefix) inside one."""

from __future__ import annotations

from dataclasses import dataclass

DELIMITER = "/"


class LocationError(ValueError):
    """Text typed into the path bar that names no S3 location."""


@dataclass(frozen=True)
class Location:
    bucket: str = ""  # "" is the list of buckets
    prefix: str = ""  # "" or ends with the delimiter

    @property
    def is_root(self) -> bool:
        return not self.bucket

    @property
    def url(self) -> str:
        return f"s3://{self.bucket}/{self.prefix}" if self.bucket else "s3://"

    def parent(self) -> Location:
        if not self.prefix:
            return Location()
        parts = self.prefix[:-1].rsplit(DELIMITER, 1)
        return Location(self.bucket, parts[0] + DELIMITER if len(parts) == 2 else "")

    def child(self, folder: str) -> Location:
        """The location of a folder (a full common prefix) or, at the root, of a bucket."""
        if self.is_root:
            return Location(folder.rstrip(DELIMITER))
        return Location(self.bucket, folder)

    def crumbs(self) -> list[tuple[str, Location]]:
        """(label, location) for every step from the bucket list down to here."""
        steps: list[tuple[str, Location]] = [("Buckets", Location())]
        if self.is_root:
            return steps
        steps.append((self.bucket, Location(self.bucket)))
        start = 0
        while start < len(self.prefix):
            end = self.prefix.index(DELIMITER, start) + 1
            label = self.prefix[start : end - 1] or DELIMITER
            steps.append((label, Location(self.bucket, self.prefix[:end])))
            start = end
        return steps

    @classmethod
    def parse(cls, text: str) -> Location:
        """Accept `s3://bucket/prefix/`, `bucket/prefix/` or `/bucket`; a prefix gets its `/`."""
        raw = text.strip()
        if raw.lower().startswith("s3://"):
            raw = raw[5:]
        elif "://" in raw:
            scheme = raw.split("://", 1)[0]
            raise LocationError(f"'{scheme}://' is not an S3 location; type s3://bucket/folder/")
        else:
            raw = raw.lstrip(DELIMITER)
        if not raw:
            return cls()
        bucket, _, prefix = raw.partition(DELIMITER)
        if not bucket:
            raise LocationError("The location names no bucket; type s3://bucket/folder/")
        if any(c.isspace() for c in bucket):
            raise LocationError(f"'{bucket}' is not a bucket name: bucket names have no spaces")
        if prefix and not prefix.endswith(DELIMITER):
            prefix += DELIMITER
        return cls(bucket, prefix)


def name_of(key: str) -> str:
    """The last part of a key or a folder's prefix: 'a/b.txt' -> 'b.txt', 'a/b/' -> 'b'."""
    return key.rstrip(DELIMITER).rsplit(DELIMITER, 1)[-1]


def parent_of(bucket: str, key: str) -> Location:
    """The folder that lists `key` (a file's key or a folder's prefix)."""
    cut = key.rstrip(DELIMITER).rfind(DELIMITER)
    return Location(bucket, key[: cut + 1])
