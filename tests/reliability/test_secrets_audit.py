"""The secrets audit: a whole session with debug logging on, then every file Eider keeps and
everything it printed is searched for each secret it handled.

The session: static keys (SeaweedFS over HTTPS), STS AssumeRole with MFA (moto's STS), an
SSE-C key file and a client-side (CSE) key file, uploads and downloads, failures (a wrong
SSE-C key, a wrong secret key, a missing object), `--verbose` and a pre-signed URL. Searched
for: each secret as text, in base64 and in hex; `X-Amz-Signature=` and `Signature=` values;
`Authorization` header values. The pre-signed URL itself is the one place a signature belongs
(what `eider presign` was asked to print) and is left out of the search of that one output.
"""

from __future__ import annotations

import base64
import logging
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.cli.main import main
from app.core import secrets
from app.core.connection import AddressingStyle, Connection, Scheme
from app.core.credentials.spec import CredentialKind, CredentialSpec
from app.core.s3.session import S3Session
from tests.conftest import admin_client
from tests.fixtures.plaintext_scan import eider_folders
from tests.fixtures.servers import RunningS3

ROLE = "arn:aws:iam::123456789012:role/eider-audit"
MFA = "arn:aws:iam::123456789012:mfa/eider-audit-user"
SOURCE_SECRET = "audit-source-secret-" + os.urandom(12).hex()
WRONG_SECRET = "audit-wrong-secret-" + os.urandom(12).hex()

SIGNATURE = re.compile(r"(?i)signature=[0-9a-f]{64}")
AUTHORIZATION = re.compile(r"(?i)authorization['\"]?\s*[:=]\s*b?['\"]?aws4-hmac-sha256")
SIGNATURE_IN_HEADER = re.compile(r"(?i)signature=(?!\[redacted\])[0-9a-f]{16,}")


def _forms(secret: bytes | str) -> list[bytes]:
    raw = secret.encode() if isinstance(secret, str) else secret
    return [raw, base64.b64encode(raw), raw.hex().encode(), raw.hex().upper().encode()]


@pytest.fixture
def debug_logging(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("EIDER_LOG_LEVEL", "DEBUG")
    root = logging.getLogger()
    level = root.level
    yield
    root.setLevel(level)


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_no_secret_is_left_anywhere_after_a_session(
    capsys,
    debug_logging,
    seaweed_tls: RunningS3,
    moto: RunningS3,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    s3 = seaweed_tls
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", s3.access_key)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", s3.secret_key)
    monkeypatch.setenv("AWS_ENDPOINT_URL", s3.endpoint_url)
    monkeypatch.setenv("AWS_REGION", "us-east-1")
    assert s3.ca_bundle
    tls = ["--ca-bundle", s3.ca_bundle]
    sse_key, other_sse_key, cse_key = os.urandom(32), os.urandom(32), os.urandom(32)
    (tmp_path / "sse.key").write_text(base64.b64encode(sse_key).decode() + "\n")
    (tmp_path / "other-sse.key").write_bytes(other_sse_key)
    (tmp_path / "cse.key").write_text(cse_key.hex() + "\n")
    body = os.urandom(300_000)
    (tmp_path / "up.bin").write_bytes(body)
    outputs: list[str] = []

    def run(*args: str, expect: int | None = 0) -> None:
        code, out, err = _run(capsys, *args)
        outputs.extend([out, err])
        if expect is not None:
            assert code == expect, (args, err)

    bucket = "audit-" + os.urandom(4).hex()
    admin_client(s3).create_bucket(Bucket=bucket)  # type: ignore[attr-defined]
    # transfers: plain (with --verbose), SSE-C, client-side encrypted; and back
    run("cp", "--verbose", str(tmp_path / "up.bin"), f"s3://{bucket}/plain.bin", *tls)
    sse = ["--sse-c-key-file", str(tmp_path / "sse.key")]
    run("cp", str(tmp_path / "up.bin"), f"s3://{bucket}/sse.bin", *sse, *tls)
    run("cp", f"s3://{bucket}/sse.bin", str(tmp_path / "sse.out"), *sse, *tls)
    assert (tmp_path / "sse.out").read_bytes() == body
    cse = ["--cse-key-file", str(tmp_path / "cse.key")]
    run("cp", str(tmp_path / "up.bin"), f"s3://{bucket}/cse.bin", *cse, *tls)
    run("cp", f"s3://{bucket}/cse.bin", str(tmp_path / "cse.out"), *cse, *tls)
    assert (tmp_path / "cse.out").read_bytes() == body
    run("ls", "-l", "--verbose", f"s3://{bucket}/", *tls)
    run("stat", f"s3://{bucket}/sse.bin", *sse, *tls)
    # failures: the wrong SSE-C key, a missing object, the wrong secret key
    wrong = ["--sse-c-key-file", str(tmp_path / "other-sse.key")]
    run("cp", f"s3://{bucket}/sse.bin", str(tmp_path / "x"), *wrong, *tls, expect=None)
    run("cp", f"s3://{bucket}/missing", str(tmp_path / "y"), *tls, expect=None)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", WRONG_SECRET)
    run("ls", "--verbose", f"s3://{bucket}/", *tls, expect=None)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", s3.secret_key)
    # a pre-signed URL: its output is the one place a signature belongs
    code, presigned, err = _run(capsys, "presign", f"s3://{bucket}/plain.bin", *tls)
    assert code == 0 and "X-Amz-Signature=" in presigned
    outputs.append(err)

    # STS AssumeRole with MFA (moto), with the same debug log in place
    secrets.set_secret("audit-role", "secret-key", SOURCE_SECRET)
    role = Connection(
        host=moto.host,
        port=moto.port,
        scheme=Scheme.HTTP,
        addressing_style=AddressingStyle.PATH,
        credentials=CredentialSpec(
            kind=CredentialKind.ASSUME_ROLE,
            access_key_id="AKIAAUDITSOURCE00001",
            secret_owner="audit-role",
            role_arn=ROLE,
            mfa_serial=MFA,
            sts_endpoint=moto.endpoint_url,
        ),
    )
    session = S3Session(role, mfa_prompt=lambda serial: "123456")
    session.client().create_bucket(Bucket=bucket)
    session.client().put_object(Bucket=bucket, Key="k", Body=b"v")
    frozen = session.credentials.get_frozen_credentials()  # type: ignore[union-attr]
    assert frozen.token and frozen.secret_key
    logging.getLogger("audit").debug("session over")  # the log handler is still in place

    every_secret: dict[str, bytes | str] = {
        "static secret key": s3.secret_key,
        "wrong secret key": WRONG_SECRET,
        "SSE-C key": sse_key,
        "other SSE-C key": other_sse_key,
        "CSE key": cse_key,
        "STS source secret": SOURCE_SECRET,
        "STS issued secret": frozen.secret_key,
        "STS session token": frozen.token,
    }
    found: list[str] = []
    files = [p for folder in eider_folders() for p in folder.rglob("*") if p.is_file()]
    assert any(p.suffix == ".log" for p in files)  # the debug log was written
    log_text = b"".join(p.read_bytes() for p in files if ".log" in p.name)
    assert b"DEBUG" in log_text  # and holds the libraries' debug records
    searched = [(str(p), p.read_bytes()) for p in files]
    searched += [(f"output {n}", text.encode()) for n, text in enumerate(outputs)]
    for where, content in searched:
        for name, secret in every_secret.items():
            if any(form in content for form in _forms(secret)):
                found.append(f"{name} in {where}")
        text = content.decode("utf-8", "replace")
        for pattern in (SIGNATURE, AUTHORIZATION, SIGNATURE_IN_HEADER):
            match = pattern.search(text)
            if match:
                shown = text[match.start() : match.end() + 20]
                found.append(f"{pattern.pattern} in {where}: ...{shown}")
    assert found == [], "\n".join(found)


def test_log_scrubbing_covers_what_botocore_debug_prints() -> None:
    """The two leaks the audit found, as botocore's debug records print them."""
    from app.core.errors.redact import scrub_for_log

    key = base64.b64encode(os.urandom(32)).decode()
    headers = f"{{'x-amz-server-side-encryption-customer-key': b'{key}', 'Host': b'h'}}"
    assert key not in scrub_for_log(headers)
    issued = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
    token = "FQoGZXIvYXdzEXAMPLE" + "x" * 40
    sts = (
        f"Response body: b'<AssumeRoleResponse><Credentials><SecretAccessKey>{issued}"
        f"</SecretAccessKey><SessionToken>{token}</SessionToken><Expiration>2026</Expiration>'"
    )
    scrubbed = scrub_for_log(sts)
    assert issued not in scrubbed and token not in scrubbed
    assert "<Expiration>2026</Expiration>" in scrubbed  # the rest stays readable
