"""Create and delete buckets."""

from __future__ import annotations

from typing import Any

from botocore.exceptions import ClientError

from app.core.explained import ExplainedError
from app.core.s3.bucket_names import bucket_name_problems
from app.core.s3.session import S3Session


class InvalidBucketName(ValueError, ExplainedError):
    def __init__(self, name: str, problems: list[str]) -> None:
        super().__init__(f"'{name}' is not a valid bucket name: " + " ".join(problems))
        self.problems = problems


def create_bucket(session: S3Session, name: str, region: str | None = None) -> None:
    """Create `name` in `region` (the connection's region by default).

    us-east-1 takes no LocationConstraint (S3 rejects one naming it); every other region needs it.
    """
    problems = bucket_name_problems(name)
    if problems:
        raise InvalidBucketName(name, [p.message for p in problems])
    region = region or session.connection.region
    params: dict[str, Any] = {"Bucket": name}
    if region != "us-east-1":
        params["CreateBucketConfiguration"] = {"LocationConstraint": region}
    session.client(region).create_bucket(**params)
    session.remember_bucket_region(name, region)


class BucketNotEmpty(RuntimeError, ExplainedError):
    pass


def delete_bucket(session: S3Session, name: str) -> None:
    """Delete an empty bucket.

    Eider checks emptiness itself first: S3 refuses a non-empty bucket, but some compatible
    servers (SeaweedFS) delete it with everything inside.
    """
    page = next(session.list_prefix(name, "", delimiter=None, max_keys=1))
    if page.objects:
        raise BucketNotEmpty(
            f"Bucket '{name}' is not empty; delete its objects first (it still holds "
            f"'{page.objects[0].key}')."
        )
    try:
        versions = session.call(name, lambda c: c.list_object_versions(Bucket=name, MaxKeys=1))
    except ClientError as exc:
        if exc.response.get("Error", {}).get("Code") != "NotImplemented":
            raise
    else:
        if versions.get("Versions") or versions.get("DeleteMarkers"):
            raise BucketNotEmpty(
                f"Bucket '{name}' still holds object versions or delete markers; delete them "
                "permanently first (show hidden files to see them)."
            )
    session.call(name, lambda c: c.delete_bucket(Bucket=name))
