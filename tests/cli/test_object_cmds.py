"""`eider rm`, `eider presign` and `eider stat` against SeaweedFS."""

from __future__ import annotations

import base64
import json
import os
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest
from botocore.exceptions import ClientError

from app.cli.main import main
from tests.fixtures.servers import RunningS3


def _keys(admin: object, bucket: str) -> list[str]:
    listed = admin.list_objects_v2(Bucket=bucket)  # type: ignore[attr-defined]
    return sorted(o["Key"] for o in listed.get("Contents", []))


def test_rm_one_object_and_recursive_prefix(capsys, aws_env, seaweed_admin, bucket: str) -> None:
    for key in ("a/1", "a/2", "a/b/3", "ab", "keep"):
        seaweed_admin.put_object(Bucket=bucket, Key=key, Body=b"x")
    assert main(["rm", f"s3://{bucket}/keep"]) == 0
    assert capsys.readouterr().out == f"delete: s3://{bucket}/keep\n"
    assert main(["rm", "--recursive", "--dryrun", f"s3://{bucket}/a"]) == 0
    planned = capsys.readouterr().out.splitlines()
    assert sorted(planned) == [f"(dryrun) delete: s3://{bucket}/a/{k}" for k in ("1", "2", "b/3")]
    assert len(_keys(seaweed_admin, bucket)) == 4  # nothing deleted by the dry run
    assert main(["rm", "--recursive", f"s3://{bucket}/a"]) == 0
    # 'a' as a prefix means the folder a/: the sibling key 'ab' stays.
    assert _keys(seaweed_admin, bucket) == ["ab"]
    out = capsys.readouterr().out
    assert "3 object(s)" in out


def test_rm_missing_object_is_not_found_and_prefix_needs_recursive(
    capsys, aws_env, bucket: str
) -> None:
    assert main(["rm", f"s3://{bucket}/nothing"]) == 4
    assert main(["rm", f"s3://{bucket}/folder/"]) == 2
    assert main(["rm", "-r", "s3://no-such-bucket-eider-cli/x"]) == 4
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 3 and all(line.startswith("eider: error: ") for line in err)


def test_rm_versions_deletes_every_version(capsys, aws_env, seaweed_admin, bucket: str) -> None:
    seaweed_admin.put_bucket_versioning(
        Bucket=bucket, VersioningConfiguration={"Status": "Enabled"}
    )
    for body in (b"1", b"2"):
        seaweed_admin.put_object(Bucket=bucket, Key="v/k", Body=body)
    seaweed_admin.put_object(Bucket=bucket, Key="v/other", Body=b"o")

    assert main(["rm", f"s3://{bucket}/v/other"]) == 0  # a delete marker only
    listed = seaweed_admin.list_object_versions(Bucket=bucket)
    assert len(listed.get("DeleteMarkers", [])) == 1

    assert main(["rm", "--versions", f"s3://{bucket}/v/k"]) == 0
    listed = seaweed_admin.list_object_versions(Bucket=bucket, Prefix="v/k")
    assert listed.get("Versions", []) == [] and listed.get("DeleteMarkers", []) == []

    assert main(["rm", "-r", "--versions", f"s3://{bucket}/"]) == 0
    listed = seaweed_admin.list_object_versions(Bucket=bucket)
    assert listed.get("Versions", []) == [] and listed.get("DeleteMarkers", []) == []


def test_presign_get_then_download_with_urllib(capsys, aws_env, seaweed_admin, bucket: str) -> None:
    seaweed_admin.put_object(Bucket=bucket, Key="share/me.txt", Body=b"shared bytes")
    assert main(["presign", f"s3://{bucket}/share/me.txt", "--expires", "300"]) == 0
    url = capsys.readouterr().out.strip()
    assert "X-Amz-Expires=300" in url
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (a loopback test URL)
        assert response.read() == b"shared bytes"
    tampered = url.replace("X-Amz-Expires=300", "X-Amz-Expires=301")
    with pytest.raises(urllib.error.HTTPError):
        urllib.request.urlopen(tampered, timeout=10)  # noqa: S310


def test_presign_put_then_upload_with_urllib(capsys, aws_env, seaweed_admin, bucket: str) -> None:
    assert main(["presign", f"s3://{bucket}/up.txt", "--put", "--expires", "60"]) == 0
    url = capsys.readouterr().out.strip()
    request = urllib.request.Request(url, data=b"via url", method="PUT")  # noqa: S310
    with urllib.request.urlopen(request, timeout=10):  # noqa: S310
        pass
    body = seaweed_admin.get_object(Bucket=bucket, Key="up.txt")["Body"].read()
    assert body == b"via url"


def test_presign_refusals_are_usage_errors(capsys, aws_env, bucket: str) -> None:
    assert main(["presign", f"s3://{bucket}/k", "--expires", "700000"]) == 2
    assert main(["presign", f"s3://{bucket}/k", "--no-sign-request"]) == 2
    err = capsys.readouterr().err
    assert "7 days" in err and "anonymous" in err


def test_stat_prints_json_properties(capsys, aws_env, seaweed_admin, bucket: str) -> None:
    seaweed_admin.put_object(
        Bucket=bucket,
        Key="s/obj.json",
        Body=b'{"a": 1}',
        ContentType="application/json",
        Metadata={"owner": "ops"},
        ChecksumAlgorithm="SHA256",
    )
    assert main(["stat", f"s3://{bucket}/s/obj.json"]) == 0
    props = json.loads(capsys.readouterr().out)
    head = seaweed_admin.head_object(Bucket=bucket, Key="s/obj.json")
    assert props["size"] == 8
    assert props["etag"] == head["ETag"].strip('"')
    assert props["content_type"] == "application/json"
    assert props["metadata"] == {"owner": "ops"}
    assert props["storage_class"] == "STANDARD"
    assert props["last_modified"].startswith(head["LastModified"].strftime("%Y-%m-%d"))
    assert "sha256" in props["checksum"]
    assert set(props) >= {"sse", "version_id", "checksum"}


def test_stat_sse_c_object_with_key_file(
    capsys, aws_env, seaweed_admin, bucket: str, tmp_path: Path
) -> None:
    key = os.urandom(32)
    (tmp_path / "key.bin").write_bytes(key)
    (tmp_path / "secret.txt").write_bytes(b"encrypted at rest")
    code = main(
        [
            "cp",
            str(tmp_path / "secret.txt"),
            f"s3://{bucket}/enc.txt",
            "--sse-c-key-file",
            str(tmp_path / "key.bin"),
            "-q",
        ]
    )
    assert code == 0
    # Without the key the server refuses to read it back.
    with pytest.raises(ClientError):
        seaweed_admin.get_object(Bucket=bucket, Key="enc.txt")
    (tmp_path / "key.b64").write_text(base64.b64encode(key).decode() + "\n")
    assert (
        main(["stat", f"s3://{bucket}/enc.txt", "--sse-c-key-file", str(tmp_path / "key.b64")]) == 0
    )
    props = json.loads(capsys.readouterr().out)
    assert props["sse"]["customer_algorithm"] == "AES256"
    assert props["size"] == len(b"encrypted at rest")
    assert (
        main(
            [
                "cp",
                f"s3://{bucket}/enc.txt",
                str(tmp_path / "back.txt"),
                "-q",
                "--sse-c-key-file",
                str(tmp_path / "key.bin"),
            ]
        )
        == 0
    )
    assert (tmp_path / "back.txt").read_bytes() == b"encrypted at rest"


def test_stat_missing_object_exit_4(capsys, aws_env, bucket: str) -> None:
    assert main(["stat", f"s3://{bucket}/missing"]) == 4
    assert main(["stat", "s3://no-such-bucket-eider-cli/missing"]) == 4
    assert capsys.readouterr().out == ""


def test_an_sse_c_key_file_needs_no_secret_store(
    capsys, aws_env, seaweed_admin, bucket: str, tmp_path: Path, monkeypatch
) -> None:
    # No keyring (keyring's fail backend) and a damaged vault: the key file is the key ring
    # for the run, so the upload goes ahead and no secret store is consulted.
    import keyring
    from keyring.backends.fail import Keyring as FailKeyring

    from app.core.secrets.vault import default_path

    key = os.urandom(32)
    (tmp_path / "key.bin").write_bytes(key)
    (tmp_path / "f").write_bytes(b"f")
    default_path().write_text("{not a vault")
    monkeypatch.setenv("EIDER_VAULT_PASSWORD", "a long master password")
    keyring.set_keyring(FailKeyring())  # the autouse fixture restores the previous backend
    argv = ["cp", str(tmp_path / "f"), f"s3://{bucket}/f", "--sse-c-key-file"]
    code = main([*argv, str(tmp_path / "key.bin")])
    err = capsys.readouterr().err
    assert code == 0, err
    head = seaweed_admin.head_object(
        Bucket=bucket, Key="f", SSECustomerAlgorithm="AES256", SSECustomerKey=key
    )
    assert head["ContentLength"] == 1
    assert default_path().read_text() == "{not a vault"  # left as it was


def test_rm_names_each_refused_version_in_words_and_keeps_the_job(
    capsys, monkeypatch, moto: RunningS3, moto_admin
) -> None:
    # A version under legal hold cannot be deleted; SeaweedFS has no object lock, moto has.
    for name, value in {
        "AWS_ACCESS_KEY_ID": moto.access_key,
        "AWS_SECRET_ACCESS_KEY": moto.secret_key,
        "AWS_ENDPOINT_URL": moto.endpoint_url,
        "AWS_REGION": "us-east-1",
    }.items():
        monkeypatch.setenv(name, value)
    name = f"t-{uuid.uuid4().hex[:16]}"
    moto_admin.create_bucket(Bucket=name, ObjectLockEnabledForBucket=True)
    for key in ("l/free", "l/held"):
        moto_admin.put_object(Bucket=name, Key=key, Body=b"x")
    moto_admin.put_object_legal_hold(Bucket=name, Key="l/held", LegalHold={"Status": "ON"})

    assert main(["rm", "-r", "--versions", f"s3://{name}/l/"]) == 1
    err = capsys.readouterr().err
    assert f"s3://{name}/l/held: Access denied while deleting 'l/held (version" in err
    assert "eider jobs resume" in err
    listed = moto_admin.list_object_versions(Bucket=name)
    assert [v["Key"] for v in listed.get("Versions", [])] == ["l/held"]
    moto_admin.put_object_legal_hold(Bucket=name, Key="l/held", LegalHold={"Status": "OFF"})


def test_rm_one_version_by_its_id(capsys, aws_env, seaweed_admin, bucket: str) -> None:
    seaweed_admin.put_bucket_versioning(
        Bucket=bucket, VersioningConfiguration={"Status": "Enabled"}
    )
    old = seaweed_admin.put_object(Bucket=bucket, Key="k", Body=b"1")["VersionId"]
    new = seaweed_admin.put_object(Bucket=bucket, Key="k", Body=b"2")["VersionId"]
    assert main(["rm", "--version-id", old, f"s3://{bucket}/k"]) == 0
    assert capsys.readouterr().out == f"delete: s3://{bucket}/k\n"
    listed = seaweed_admin.list_object_versions(Bucket=bucket)
    assert [v["VersionId"] for v in listed["Versions"]] == [new]
    assert listed.get("DeleteMarkers", []) == []
    assert seaweed_admin.get_object(Bucket=bucket, Key="k")["Body"].read() == b"2"
