"""`eider ls` against SeaweedFS: buckets, folders as PRE, recursive, -l, versions."""

from __future__ import annotations

import pytest

from app.cli.main import main


def _ls(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str], str]:
    code = main(["ls", *args])
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


@pytest.fixture
def tree(seaweed_admin: object, bucket: str) -> str:
    for key, body in (
        ("top.txt", b"hello"),
        ("photos/a.jpg", b"a" * 10),
        ("photos/2024/b.jpg", b"b" * 20),
        ("docs/readme.md", b"r"),
    ):
        seaweed_admin.put_object(Bucket=bucket, Key=key, Body=body)  # type: ignore[attr-defined]
    return bucket


def test_no_argument_lists_buckets(capsys, aws_env, tree: str) -> None:
    code, lines, _ = _ls(capsys)
    assert code == 0
    names = [line.split()[-1] for line in lines]
    assert tree in names
    assert any(line.startswith("20") for line in lines)  # creation date first, as aws s3 ls


def test_prefix_shows_folders_as_pre_and_objects(capsys, aws_env, tree: str) -> None:
    code, lines, _ = _ls(capsys, f"s3://{tree}")
    assert code == 0
    assert sorted(lines) == sorted(["PRE docs/", "PRE photos/", "top.txt"])

    code, lines, _ = _ls(capsys, f"s3://{tree}/photos/")
    assert sorted(lines) == ["PRE 2024/", "a.jpg"]


def test_recursive_lists_every_key(capsys, aws_env, tree: str) -> None:
    code, lines, _ = _ls(capsys, "--recursive", f"s3://{tree}/photos/")
    assert code == 0
    assert sorted(lines) == ["photos/2024/b.jpg", "photos/a.jpg"]


def test_long_listing_has_date_size_and_class(capsys, aws_env, tree: str) -> None:
    code, lines, _ = _ls(capsys, "-l", f"s3://{tree}/photos/")
    assert code == 0
    row = next(line for line in lines if line.endswith("a.jpg"))
    date, time, size, storage_class, name = row.split()
    assert (len(date), len(time), size, storage_class, name) == (10, 8, "10", "STANDARD", "a.jpg")
    assert any(line.split() == ["PRE", "2024/"] for line in lines)


def test_versions_list_every_version_and_delete_markers(
    capsys, aws_env, seaweed_admin: object, bucket: str
) -> None:
    seaweed_admin.put_bucket_versioning(  # type: ignore[attr-defined]
        Bucket=bucket, VersioningConfiguration={"Status": "Enabled"}
    )
    first = seaweed_admin.put_object(Bucket=bucket, Key="v.txt", Body=b"1")  # type: ignore[attr-defined]
    second = seaweed_admin.put_object(Bucket=bucket, Key="v.txt", Body=b"22")  # type: ignore[attr-defined]
    seaweed_admin.delete_object(Bucket=bucket, Key="v.txt")  # type: ignore[attr-defined]

    code, lines, _ = _ls(capsys, "--versions", f"s3://{bucket}/")
    assert code == 0
    assert len(lines) == 3
    assert any(first["VersionId"] in line for line in lines)
    assert any(second["VersionId"] in line for line in lines)
    marker = [line for line in lines if "delete-marker" in line]
    assert len(marker) == 1 and "latest" in marker[0]

    # The plain listing no longer shows the deleted key.
    code, lines, _ = _ls(capsys, f"s3://{bucket}/")
    assert (code, lines) == (0, [])


def test_missing_bucket_and_empty_prefix_are_not_found(capsys, aws_env, tree: str) -> None:
    code, lines, err = _ls(capsys, "s3://no-such-bucket-eider-cli/")
    assert code == 4
    assert err.startswith("eider: error: ") and err.count("\n") == 1
    code, lines, err = _ls(capsys, f"s3://{tree}/nothing-here/")
    assert (code, lines) == (4, [])
