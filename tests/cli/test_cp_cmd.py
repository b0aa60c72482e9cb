"""`eider cp` / `eider mv` against SeaweedFS: up, down, server-side, trees, exit codes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from app.cli.main import main


def _body(admin: object, bucket: str, key: str) -> bytes:
    return admin.get_object(Bucket=bucket, Key=key)["Body"].read()  # type: ignore[attr-defined]


def _keys(admin: object, bucket: str) -> list[str]:
    listed = admin.list_objects_v2(Bucket=bucket)  # type: ignore[attr-defined]
    return sorted(o["Key"] for o in listed.get("Contents", []))


def _tree(root: Path) -> dict[str, bytes]:
    files = {"a.txt": b"alpha", "sub/b.bin": os.urandom(3000), "sub/deeper/c.txt": b"c"}
    for name, data in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    return files


def test_upload_one_file_to_key_and_into_prefix(
    capsys, aws_env, seaweed_admin, bucket: str, tmp_path: Path
) -> None:
    data = os.urandom(12345)
    (tmp_path / "f.bin").write_bytes(data)
    assert main(["cp", str(tmp_path / "f.bin"), f"s3://{bucket}/dir/g.bin"]) == 0
    assert main(["cp", str(tmp_path / "f.bin"), f"s3://{bucket}/into/"]) == 0
    assert _body(seaweed_admin, bucket, "dir/g.bin") == data
    assert _body(seaweed_admin, bucket, "into/f.bin") == data
    out = capsys.readouterr().out
    assert "\r" not in out  # not a terminal: no progress bar


def test_multipart_upload_with_options(
    capsys, aws_env, seaweed_admin, bucket: str, tmp_path: Path
) -> None:
    data = os.urandom(11 * 1024 * 1024)
    (tmp_path / "big.dat").write_bytes(data)
    code = main(
        [
            "cp",
            str(tmp_path / "big.dat"),
            f"s3://{bucket}/big.dat",
            "--part-size",
            "5MiB",
            "--multipart-threshold",
            "5MiB",
            "--connections",
            "3",
            "--metadata",
            "owner=ops",
            "--content-type",
            "application/x-test",
            "--cache-control",
            "max-age=60",
            "--quiet",
        ]
    )
    assert code == 0
    assert capsys.readouterr().out == ""
    head = seaweed_admin.head_object(Bucket=bucket, Key="big.dat")
    assert head["ETag"].strip('"').endswith("-3")  # three parts of 5, 5 and 1 MiB
    assert head["Metadata"]["owner"] == "ops"
    assert head["ContentType"] == "application/x-test"
    assert head["CacheControl"] == "max-age=60"
    assert _body(seaweed_admin, bucket, "big.dat") == data


def test_recursive_upload_and_download_round_trip(
    aws_env, seaweed_admin, bucket: str, tmp_path: Path
) -> None:
    files = _tree(tmp_path / "src")
    assert main(["cp", "--recursive", str(tmp_path / "src"), f"s3://{bucket}/tree", "-q"]) == 0
    assert _keys(seaweed_admin, bucket) == sorted(f"tree/{n}" for n in files)

    assert main(["cp", "-r", f"s3://{bucket}/tree", str(tmp_path / "back"), "-q"]) == 0
    for name, data in files.items():
        assert (tmp_path / "back" / name).read_bytes() == data


def test_download_one_object_to_file_and_folder(
    aws_env, seaweed_admin, bucket: str, tmp_path: Path
) -> None:
    seaweed_admin.put_object(Bucket=bucket, Key="x/obj.txt", Body=b"payload")
    assert main(["cp", f"s3://{bucket}/x/obj.txt", str(tmp_path / "named.txt"), "-q"]) == 0
    assert (tmp_path / "named.txt").read_bytes() == b"payload"
    assert main(["cp", f"s3://{bucket}/x/obj.txt", str(tmp_path), "-q"]) == 0
    assert (tmp_path / "obj.txt").read_bytes() == b"payload"
    assert main(["cp", f"s3://{bucket}/x/obj.txt", f"{tmp_path}/new/dir/", "-q"]) == 0
    assert (tmp_path / "new" / "dir" / "obj.txt").read_bytes() == b"payload"
    assert main(["cp", f"s3://{bucket}/x/obj.txt", f"{tmp_path}/absent/obj.txt", "-q"]) == 4


def test_server_side_copy_object_and_prefix(
    aws_env, seaweed_admin, seaweed, bucket: str, tmp_path: Path
) -> None:
    other = f"{bucket}-2"
    seaweed_admin.create_bucket(Bucket=other)
    seaweed_admin.put_object(Bucket=bucket, Key="p/one", Body=b"1")
    seaweed_admin.put_object(Bucket=bucket, Key="p/q/two", Body=b"22")
    assert main(["cp", f"s3://{bucket}/p/one", f"s3://{other}/copied", "-q"]) == 0
    assert main(["cp", "-r", f"s3://{bucket}/p/", f"s3://{other}/all/", "-q"]) == 0
    assert _keys(seaweed_admin, other) == ["all/one", "all/q/two", "copied"]
    assert _body(seaweed_admin, other, "all/q/two") == b"22"
    assert _keys(seaweed_admin, bucket) == ["p/one", "p/q/two"]  # a copy leaves the source


def test_mv_upload_download_and_server_side(
    aws_env, seaweed_admin, bucket: str, tmp_path: Path
) -> None:
    files = _tree(tmp_path / "src")
    assert main(["mv", "-r", str(tmp_path / "src"), f"s3://{bucket}/m/", "-q"]) == 0
    assert not any(p.is_file() for p in (tmp_path / "src").rglob("*"))
    assert _keys(seaweed_admin, bucket) == sorted(f"m/{n}" for n in files)

    assert main(["mv", f"s3://{bucket}/m/a.txt", f"s3://{bucket}/moved.txt", "-q"]) == 0
    assert "m/a.txt" not in _keys(seaweed_admin, bucket)
    assert _body(seaweed_admin, bucket, "moved.txt") == b"alpha"

    assert main(["mv", "-r", f"s3://{bucket}/m/", str(tmp_path / "down"), "-q"]) == 0
    assert _keys(seaweed_admin, bucket) == ["moved.txt"]
    assert (tmp_path / "down" / "sub" / "b.bin").read_bytes() == files["sub/b.bin"]


def test_no_overwrite_skips_existing_target(
    aws_env, seaweed_admin, bucket: str, tmp_path: Path
) -> None:
    seaweed_admin.put_object(Bucket=bucket, Key="keep.txt", Body=b"original")
    (tmp_path / "keep.txt").write_bytes(b"replacement")
    assert (
        main(["cp", str(tmp_path / "keep.txt"), f"s3://{bucket}/keep.txt", "--no-overwrite", "-q"])
        == 0
    )
    assert _body(seaweed_admin, bucket, "keep.txt") == b"original"


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["cp", "a", "b"], 2),  # neither side on S3
        (["cp", "{tmp}", "s3://{bucket}/x"], 2),  # a folder without --recursive
        (["cp", "s3://{bucket}/prefix/", "{tmp}"], 2),  # a prefix without --recursive
        (["cp", "{tmp}/missing.txt", "s3://{bucket}/x"], 4),
        (["cp", "s3://{bucket}/missing.txt", "{tmp}/x"], 4),
        (["cp", "s3://no-such-bucket-eider-cli/k", "{tmp}/x"], 4),
        (["cp", "{tmp}/f", "s3://no-such-bucket-eider-cli/k"], 4),
        (["cp", "{tmp}/f", "s3://{bucket}/k", "--part-size", "1MiB"], 2),  # below S3's 5 MiB
    ],
)
def test_exit_codes(
    capsys, aws_env, bucket: str, tmp_path: Path, args: list[str], code: int
) -> None:
    (tmp_path / "f").write_bytes(b"f")
    argv = [a.format(tmp=tmp_path, bucket=bucket) for a in args]
    assert main(argv) == code
    err = capsys.readouterr().err
    assert err.startswith("eider: error: ")
    assert "Traceback" not in err


def test_wrong_secret_is_a_connection_error(
    capsys, aws_env, monkeypatch, bucket: str, tmp_path: Path
) -> None:
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "not-the-secret")
    (tmp_path / "f").write_bytes(b"f")
    assert main(["cp", str(tmp_path / "f"), f"s3://{bucket}/f"]) == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not-the-secret" not in err


def test_refused_connection_is_a_connection_error(capsys, aws_env, monkeypatch) -> None:
    monkeypatch.setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:9")  # discard port: nothing listens
    monkeypatch.setenv("AWS_MAX_ATTEMPTS", "1")  # no retries with back-off: fail at once
    assert main(["ls", "s3://any-bucket/"]) == 3
    assert capsys.readouterr().err.startswith("eider: error: ")


def test_usage_errors_from_argparse_exit_2(capsys) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["cp", "only-one-argument"])
    assert raised.value.code == 2


def test_copies_onto_themselves_and_bad_key_files_are_usage_errors(
    capsys, aws_env, seaweed_admin, bucket: str, tmp_path: Path
) -> None:
    seaweed_admin.put_object(Bucket=bucket, Key="d/self", Body=b"s")
    assert main(["cp", f"s3://{bucket}/d/self", f"s3://{bucket}/d/self"]) == 2
    assert main(["cp", f"s3://{bucket}/d/self", f"s3://{bucket}/d/"]) == 2
    assert main(["cp", "-r", f"s3://{bucket}/d/", f"s3://{bucket}/d/inner/"]) == 2
    (tmp_path / "short.key").write_bytes(b"# ring\nnot-a-key\n")
    (tmp_path / "f").write_bytes(b"f")
    args = ["cp", str(tmp_path / "f"), f"s3://{bucket}/f", "--sse-c-key-file"]
    assert main([*args, str(tmp_path / "short.key")]) == 2
    assert main([*args, str(tmp_path / "absent.key")]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 5 and all(line.startswith("eider: error: ") for line in err)
    assert "line 2: 9 characters is too short for a key" in err[3]
    assert "not-a-key" not in "\n".join(err)  # the file's text is never repeated
    assert "absent.key: cannot be read" in err[4]
    assert seaweed_admin.get_object(Bucket=bucket, Key="d/self")["Body"].read() == b"s"


def test_partial_failure_exits_1_and_names_the_item(
    capsys, moto, moto_admin, monkeypatch, tmp_path: Path
) -> None:
    # moto stores a key that climbs out of its folder (SeaweedFS refuses to); the download
    # refuses that one item and fetches the rest.
    moto_admin.create_bucket(Bucket="cli-partial")
    moto_admin.put_object(Bucket="cli-partial", Key="p/ok.txt", Body=b"fine")
    moto_admin.put_object(Bucket="cli-partial", Key="p/../../escape.txt", Body=b"evil")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", moto.access_key)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", moto.secret_key)
    target = tmp_path / "deep" / "dest"
    code = main(
        ["cp", "-r", "s3://cli-partial/p/", str(target), "--endpoint-url", moto.endpoint_url]
    )
    assert code == 1
    assert (target / "ok.txt").read_bytes() == b"fine"
    assert not any(p.name == "escape.txt" for p in tmp_path.rglob("*"))
    err = capsys.readouterr().err
    assert "escape.txt" in err and "Traceback" not in err
    assert "eider jobs resume" in err


def test_storage_class_encryption_checksum_and_conflict_options(
    capsys, aws_env, seaweed_admin, bucket: str, tmp_path: Path
) -> None:
    (tmp_path / "o.txt").write_bytes(b"options")
    code = main(
        [
            "cp",
            str(tmp_path / "o.txt"),
            f"s3://{bucket}/o.txt",
            "--storage-class",
            "STANDARD_IA",
            "--sse",
            "AES256",
            "--checksum",
            "crc32c",
            "-q",
        ]
    )
    assert code == 0
    head = seaweed_admin.head_object(Bucket=bucket, Key="o.txt", ChecksumMode="ENABLED")
    assert head.get("StorageClass") == "STANDARD_IA"
    assert head.get("ServerSideEncryption") == "AES256"
    assert "ChecksumCRC32C" in head

    # rename keeps both; compare skips an identical file.
    assert (
        main(["cp", str(tmp_path / "o.txt"), f"s3://{bucket}/o.txt", "--if-exists", "rename", "-q"])
        == 0
    )
    assert _keys(seaweed_admin, bucket) == ["o (1).txt", "o.txt"]
    assert (
        main(["cp", str(tmp_path / "o.txt"), f"s3://{bucket}/o.txt", "--if-exists", "compare"]) == 0
    )
    assert "1 skipped" in capsys.readouterr().out
    assert main(["cp", "x", f"s3://{bucket}/o", "--no-overwrite", "--if-exists", "rename"]) == 2
