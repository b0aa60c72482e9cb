"""What deleting a key or prefix removes (engine jobs and `eider rm` alike), on SeaweedFS."""

from __future__ import annotations

from typing import Any

from app.core.s3.session import S3Session
from app.core.transfers.delete_targets import DeleteTarget, delete_targets, is_prefix
from app.core.transfers.name_filter import NameFilter, Rule


def _put(admin: Any, bucket: str, keys: list[str]) -> None:
    for key in keys:
        admin.put_object(Bucket=bucket, Key=key, Body=b"abc")


def test_a_key_is_itself_and_is_not_listed(session: S3Session, bucket: str) -> None:
    # nothing is listed for one key: it need not exist (the job reports what the server says)
    assert list(delete_targets(session, bucket, "no/such")) == [DeleteTarget("no/such", None)]


def test_a_prefix_is_every_object_under_it_with_its_size(
    session: S3Session, seaweed_admin: Any, bucket: str
) -> None:
    _put(seaweed_admin, bucket, ["p/a", "p/deep/b", "pq/c", "top"])
    assert list(delete_targets(session, bucket, "p/")) == [
        DeleteTarget("p/a", None, 3),
        DeleteTarget("p/deep/b", None, 3),
    ]
    assert [t.key for t in delete_targets(session, bucket, "")] == [
        "p/a",
        "p/deep/b",
        "pq/c",
        "top",
    ]


def test_rules_choose_among_names_below_the_prefix(
    session: S3Session, seaweed_admin: Any, bucket: str
) -> None:
    _put(seaweed_admin, bucket, ["p/a.log", "p/b.txt", "p/deep/c.log"])
    names = NameFilter(((Rule.EXCLUDE, "*"), (Rule.INCLUDE, "*.log")))
    chosen = delete_targets(session, bucket, "p/", names=names)
    assert [t.key for t in chosen] == ["p/a.log", "p/deep/c.log"]


def test_versions_are_every_version_and_marker_of_exactly_that_key(
    session: S3Session, seaweed_admin: Any, bucket: str
) -> None:
    seaweed_admin.put_bucket_versioning(
        Bucket=bucket, VersioningConfiguration={"Status": "Enabled"}
    )
    _put(seaweed_admin, bucket, ["v/k", "v/k", "v/k2"])
    seaweed_admin.delete_object(Bucket=bucket, Key="v/k")  # a delete marker
    listed = seaweed_admin.list_object_versions(Bucket=bucket, Prefix="v/k")
    expected = {
        (e["Key"], e["VersionId"])
        for e in [*listed["Versions"], *listed["DeleteMarkers"]]
        if e["Key"] == "v/k"
    }
    one = list(delete_targets(session, bucket, "v/k", versions=True))
    assert {(t.key, t.version_id) for t in one} == expected and len(one) == 3
    every = list(delete_targets(session, bucket, "v/", versions=True))
    assert sorted(t.key for t in every) == ["v/k", "v/k", "v/k", "v/k2"]


def test_prefixes_are_empty_or_end_with_a_slash() -> None:
    assert is_prefix("") and is_prefix("a/") and not is_prefix("a")
