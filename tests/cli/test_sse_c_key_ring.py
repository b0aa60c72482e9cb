"""SSE-C key rings against SeaweedFS (which enforces SSE-C keys): reads find each object's
key, writes use the first, rotation leaves every object under the new key only, wrong keys
and lost keys are refused in words. No keyring backend plays any part (the fail backend)."""

from __future__ import annotations

import argparse
import base64
import os
import time
from pathlib import Path

import keyring
import pytest
from botocore.exceptions import ClientError
from keyring.backends.fail import Keyring as FailKeyring

from app.cli.connection_args import add_connection_arguments, open_session
from app.cli.main import main
from app.core.sse_c.rings import file_ref, forget_loaded_rings
from app.core.transfers.engine import TransferEngine
from app.core.transfers.jobs import JobState
from app.core.transfers.options import ServerSideEncryption, TransferOptions
from tests.fixtures.plaintext_scan import files_holding

MIB = 1024 * 1024


@pytest.fixture(autouse=True)
def no_keyring_backend() -> None:
    keyring.set_keyring(FailKeyring())  # the autouse keyring fixture restores the previous one
    forget_loaded_rings()


def _ring_file(path: Path, keys: list[bytes]) -> Path:
    # Three spellings, as people write them: hex, base64, and a comment in between.
    lines = ["# current key first", keys[0].hex()]
    lines += [base64.b64encode(k).decode() for k in keys[1:]]
    path.write_text("\n".join(lines) + "\n")
    return path


def _sse(key: bytes) -> dict[str, object]:
    return {"SSECustomerAlgorithm": "AES256", "SSECustomerKey": key}


def _opens(admin: object, bucket: str, name: str, key: bytes) -> bool:
    try:
        admin.head_object(Bucket=bucket, Key=name, **_sse(key))  # type: ignore[attr-defined]
    except ClientError:
        return False
    return True


def test_downloads_find_each_objects_key_and_uploads_use_the_first(
    capsys, aws_env, seaweed_admin, bucket: str, tmp_path: Path
) -> None:
    keys = [os.urandom(32) for _ in range(3)]
    ring = _ring_file(tmp_path / "ring.txt", keys)
    small, large = os.urandom(1000), os.urandom(9 * MIB)  # large: ranged GETs after a HEAD
    seaweed_admin.put_object(Bucket=bucket, Key="d/old.bin", Body=small, **_sse(keys[2]))
    seaweed_admin.put_object(Bucket=bucket, Key="d/mid.bin", Body=large, **_sse(keys[1]))
    seaweed_admin.put_object(Bucket=bucket, Key="d/new.bin", Body=small, **_sse(keys[0]))
    ring_args = ["--sse-c-key-file", str(ring)]
    out = tmp_path / "out"
    assert main(["cp", "-r", f"s3://{bucket}/d/", str(out), "-q", *ring_args]) == 0
    assert (out / "old.bin").read_bytes() == small
    assert (out / "mid.bin").read_bytes() == large
    assert (out / "new.bin").read_bytes() == small
    # stat and copy read with the object's own key too
    assert main(["stat", f"s3://{bucket}/d/old.bin", *ring_args]) == 0
    copy = ["cp", f"s3://{bucket}/d/old.bin", f"s3://{bucket}/copy.bin", "-q", *ring_args]
    assert main(copy) == 0
    assert _opens(seaweed_admin, bucket, "copy.bin", keys[0])
    # an upload is encrypted with the first key only
    (tmp_path / "up.bin").write_bytes(small)
    assert main(["cp", str(tmp_path / "up.bin"), f"s3://{bucket}/up.bin", "-q", *ring_args]) == 0
    assert _opens(seaweed_admin, bucket, "up.bin", keys[0])
    assert not _opens(seaweed_admin, bucket, "up.bin", keys[1])
    assert files_holding(base64.b64encode(keys[1]).decode()) == []


def test_a_multipart_upload_and_its_resume_use_the_jobs_key(
    capsys, aws_env, seaweed_admin, bucket: str, tmp_path: Path
) -> None:
    """The journal names the file and the key's fingerprint; the resume reads the file
    again (after the ring gained a new first key) and finishes with the job's own key."""
    keys = [os.urandom(32) for _ in range(2)]
    ring = _ring_file(tmp_path / "ring.txt", keys)
    data = os.urandom(6 * MIB)
    (tmp_path / "big.bin").write_bytes(data)
    engine = _paused_upload(tmp_path / "big.bin", bucket, ring)
    newer = os.urandom(32)
    _ring_file(ring, [newer, *keys])  # rotation under way: a new first key
    forget_loaded_rings()  # as in a new process
    assert main(["jobs", "resume", "-q"]) == 0, capsys.readouterr().err
    engine.close()
    got = seaweed_admin.get_object(Bucket=bucket, Key="big.bin", **_sse(keys[0]))
    assert got["Body"].read() == data


def test_resume_refuses_a_key_file_that_lost_the_jobs_key(
    capsys, aws_env, seaweed_admin, bucket: str, tmp_path: Path
) -> None:
    keys = [os.urandom(32) for _ in range(2)]
    ring = _ring_file(tmp_path / "ring.txt", keys)
    (tmp_path / "big.bin").write_bytes(os.urandom(6 * MIB))
    engine = _paused_upload(tmp_path / "big.bin", bucket, ring)
    engine.close()
    home = Path(os.environ["EIDER_HOME"])
    stored = b"".join(p.read_bytes() for p in home.rglob("*") if p.is_file())
    assert str(ring).encode() in stored  # the journal names the file...
    for key in keys:  # ...and nothing Eider keeps holds a key, in any spelling
        assert key not in stored
        assert files_holding(key.hex()) == [] and files_holding(key.hex().upper()) == []
        assert files_holding(base64.b64encode(key).decode()) == []
    _ring_file(ring, [keys[1], os.urandom(32)])  # the job's key is gone from the file
    forget_loaded_rings()
    assert main(["jobs", "resume"]) == 1
    err = capsys.readouterr().err
    assert "is not resumed" in err and "no longer holds the key this job was started with" in err
    assert "Contents" not in seaweed_admin.list_objects_v2(Bucket=bucket)


def _paused_upload(source: Path, bucket: str, ring: Path) -> TransferEngine:
    parser = argparse.ArgumentParser()
    add_connection_arguments(parser)
    engine = TransferEngine(open_session(parser.parse_args([])), rate_limit=1)
    options = TransferOptions(
        sse=ServerSideEncryption.CUSTOMER,
        sse_customer_key_ref=file_ref(ring),
        multipart_threshold=5 * MIB,
        part_size=5 * MIB,
    )
    job = engine.upload(source, bucket, source.name, options=options)
    engine.pause(job)
    deadline = time.monotonic() + 60
    while engine.job(job).state is not JobState.PAUSED and time.monotonic() < deadline:
        time.sleep(0.05)
    assert engine.job(job).state is JobState.PAUSED
    return engine


def test_an_object_under_a_key_outside_the_ring_is_named_as_such(
    capsys, aws_env, seaweed_admin, bucket: str, tmp_path: Path
) -> None:
    keys = [os.urandom(32) for _ in range(2)]
    ring = _ring_file(tmp_path / "ring.txt", keys)
    seaweed_admin.put_object(Bucket=bucket, Key="stranger", Body=b"x", **_sse(os.urandom(32)))
    argv = ["cp", f"s3://{bucket}/stranger", str(tmp_path / "back"), "--sse-c-key-file"]
    assert main([*argv, str(ring)]) == 1
    err = capsys.readouterr().err
    assert "encrypted with a customer key that is not in this key ring" in err
    assert "400" not in err and "403" not in err
    assert not (tmp_path / "back").exists()


def test_rotation_from_a_three_key_file(
    capsys, aws_env, seaweed_admin, bucket: str, tmp_path: Path
) -> None:
    new, older, oldest = (os.urandom(32) for _ in range(3))
    ring = _ring_file(tmp_path / "ring.txt", [new, older, oldest])
    stranger = os.urandom(32)
    bodies = {f"p/o{i}": os.urandom(100 + i) for i in range(5)}
    under = {"p/o0": oldest, "p/o1": oldest, "p/o2": older, "p/o3": new, "p/o4": older}
    for name, body in bodies.items():
        seaweed_admin.put_object(
            Bucket=bucket,
            Key=name,
            Body=body,
            Metadata={"owner": "ops"},
            ContentType="text/x-kept",
            Tagging="team=blue",
            **_sse(under[name]),
        )
    seaweed_admin.put_object(Bucket=bucket, Key="p/plain", Body=b"plain")
    seaweed_admin.put_object(Bucket=bucket, Key="p/lost", Body=b"l", **_sse(stranger))
    seaweed_admin.put_object(Bucket=bucket, Key="outside", Body=b"o", **_sse(oldest))
    rekey = ["rekey", f"s3://{bucket}/p/", "--sse-c-key-file", str(ring), "--no-progress"]

    assert main([*rekey, "--dryrun"]) == 1  # one object no key opens
    out = capsys.readouterr().out
    assert "key 1 (current" in out and ": 1 object(s)" in out.splitlines()[0]
    assert out.splitlines()[1].endswith(": 2 object(s)")  # older
    assert out.splitlines()[2].endswith(": 2 object(s)")  # oldest
    assert "without SSE-C: 1 object(s)" in out and "p/lost" in out
    assert _opens(seaweed_admin, bucket, "p/o0", oldest)  # a dry run changes nothing

    assert main(rekey) == 1
    out = capsys.readouterr().out
    assert "Re-encrypted with the current key: 4 object(s)" in out and "p/lost" in out
    for name, body in bodies.items():
        got = seaweed_admin.get_object(Bucket=bucket, Key=name, **_sse(new))
        assert got["Body"].read() == body
        assert got["Metadata"] == {"owner": "ops"} and got["ContentType"] == "text/x-kept"
        tags = seaweed_admin.get_object_tagging(Bucket=bucket, Key=name)["TagSet"]
        assert tags == [{"Key": "team", "Value": "blue"}]
        assert not _opens(seaweed_admin, bucket, name, older)
        assert not _opens(seaweed_admin, bucket, name, oldest)
    assert seaweed_admin.get_object(Bucket=bucket, Key="p/plain")["Body"].read() == b"plain"
    assert _opens(seaweed_admin, bucket, "p/lost", stranger)
    assert _opens(seaweed_admin, bucket, "outside", oldest)  # outside the prefix

    assert main([*rekey, "--dryrun"]) == 1  # run again: all under the current key
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].endswith(": 5 object(s)") and lines[1].endswith(": 0 object(s)")


def test_plain_http_to_another_machine_is_refused_with_why_and_what_to_do(
    capsys, aws_env, tmp_path: Path, monkeypatch
) -> None:
    (tmp_path / "ring.txt").write_text(os.urandom(32).hex() + "\n")
    monkeypatch.setenv("AWS_ENDPOINT_URL", "http://192.0.2.77:9")
    argv = ["stat", "s3://bucket/k", "--sse-c-key-file", str(tmp_path / "ring.txt")]
    assert main(argv) != 0
    err = capsys.readouterr().err
    assert "plain HTTP" in err and "Nothing was sent" in err and "Use HTTPS" in err


def test_presign_prints_the_headers_an_sse_c_url_needs(
    capsys, aws_env, seaweed_admin, bucket: str, tmp_path: Path
) -> None:
    import urllib.error
    import urllib.request

    from app.core.sse_c.presign_headers import SseCHeaders

    keys = [os.urandom(32) for _ in range(2)]
    ring = _ring_file(tmp_path / "ring.txt", keys)
    seaweed_admin.put_object(Bucket=bucket, Key="shared", Body=b"shared", **_sse(keys[1]))
    argv = ["presign", f"s3://{bucket}/shared", "--sse-c-key-file", str(ring)]
    assert main(argv) == 0
    lines = capsys.readouterr().out.splitlines()
    url = lines[0]
    assert lines[1] == "Send these headers with every request to this URL:"
    shown = dict(line.strip().split(": ", 1) for line in lines[2:])
    sent = SseCHeaders(keys[1]).sent()  # signed for the object's own (older) key
    assert (
        shown["x-amz-server-side-encryption-customer-key-md5"]
        == sent["x-amz-server-side-encryption-customer-key-md5"]
    )
    key_b64 = sent["x-amz-server-side-encryption-customer-key"]
    assert key_b64 not in "\n".join(lines) and key_b64 not in url  # the key is named only
    with urllib.request.urlopen(urllib.request.Request(url, headers=sent)) as response:  # noqa: S310
        assert response.read() == b"shared"
    with pytest.raises(urllib.error.HTTPError):
        urllib.request.urlopen(url)  # noqa: S310 - without the headers the URL is refused

    assert main([*argv[:1], f"s3://{bucket}/put-here", *argv[2:], "--put"]) == 0
    put_url = capsys.readouterr().out.splitlines()[0]
    request = urllib.request.Request(  # noqa: S310 - the test server's URL
        put_url, data=b"uploaded", method="PUT", headers=SseCHeaders(keys[0]).sent()
    )
    with urllib.request.urlopen(request):  # noqa: S310
        pass
    assert _opens(seaweed_admin, bucket, "put-here", keys[0])  # uploads: the current key


def test_a_rotation_left_queued_is_finished_by_jobs_resume(
    capsys, aws_env, seaweed_admin, bucket: str, tmp_path: Path
) -> None:
    """The rotation is an engine job: journaled with the key file's path and the current
    key's fingerprint, and resumed in another run that reads the file again."""
    from app.core.sse_c.rekey import submit_rekey, survey
    from app.core.sse_c.rings import ring_for

    new, old = os.urandom(32), os.urandom(32)
    ring_path = _ring_file(tmp_path / "ring.txt", [new, old])
    for name in ("r/a", "r/b", "r/c"):
        seaweed_admin.put_object(Bucket=bucket, Key=name, Body=name.encode(), **_sse(old))
    (tmp_path / "slow.bin").write_bytes(os.urandom(1024 * 1024))
    parser = argparse.ArgumentParser()
    add_connection_arguments(parser)
    session = open_session(parser.parse_args([]))
    # One job at a time, and a slow upload holding the slot: the rotation waits its turn.
    engine = TransferEngine(session, rate_limit=1, max_running_jobs=1)
    engine.upload(tmp_path / "slow.bin", bucket, "slow.bin")
    ref = file_ref(ring_path)
    ring = ring_for(ref)
    found = survey(session, ring, bucket, "r/")
    assert [key for key, _ in found.to_rotate] == ["r/a", "r/b", "r/c"]
    job = submit_rekey(engine, found, ring, ref, bucket, "r/")
    assert job is not None and engine.job(job).state is JobState.QUEUED
    assert "Re-encrypt 3 object(s)" in engine.job(job).title
    engine.close()
    assert all(_opens(seaweed_admin, bucket, n, old) for n in ("r/a", "r/b", "r/c"))

    forget_loaded_rings()
    assert main(["jobs", "resume", job[:8], "-q"]) == 0, capsys.readouterr().err
    for name in ("r/a", "r/b", "r/c"):
        got = seaweed_admin.get_object(Bucket=bucket, Key=name, **_sse(new))
        assert got["Body"].read() == name.encode()
        assert not _opens(seaweed_admin, bucket, name, old)
