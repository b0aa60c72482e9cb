"""ASSUME_ROLE: STS AssumeRole on moto's server (and a local STS for refusal and expiry)."""

from __future__ import annotations

import socket

import pytest

from app.core import secrets
from app.core.credentials.resolve import CredentialError, resolve
from app.core.credentials.spec import CredentialKind, CredentialSpec
from app.core.s3.session import S3Session
from tests.fixtures.credential_servers import LocalServer, sts_access_denied, sts_short_lived
from tests.fixtures.servers import RunningS3
from tests.unit.core.credentials.conftest import connection_with

ROLE = "arn:aws:iam::123456789012:role/eider-test"
MFA = "arn:aws:iam::123456789012:mfa/eider-user"
SOURCE_KEY = "AKIASOURCEKEY0000001"
SOURCE_SECRET = "source-secret-never-shown"


def role_spec(sts_endpoint: str, **changes: object) -> CredentialSpec:
    secrets.set_secret("role-conn", "secret-key", SOURCE_SECRET)
    fields: dict[str, object] = {
        "kind": CredentialKind.ASSUME_ROLE,
        "access_key_id": SOURCE_KEY,
        "secret_owner": "role-conn",
        "role_arn": ROLE,
        "role_session_name": "eider-test-session",
        "sts_endpoint": sts_endpoint,
    }
    fields.update(changes)
    return CredentialSpec(**fields)  # type: ignore[arg-type]


class Prompt:
    def __init__(self, code: str = "123456") -> None:
        self.code = code
        self.asked: list[str] = []

    def __call__(self, serial: str) -> str:
        self.asked.append(serial)
        return self.code


def test_assumed_role_keys_work_against_moto_s3(moto: RunningS3, moto_admin: object) -> None:
    moto_admin.create_bucket(Bucket="assumed-role-bucket")  # type: ignore[attr-defined]
    session = S3Session(connection_with(moto, role_spec(moto.endpoint_url, external_id="x-1")))

    assert "assumed-role-bucket" in [b.name for b in session.list_buckets()]
    frozen = session.credentials.get_frozen_credentials()  # type: ignore[union-attr]
    assert frozen.access_key.startswith("ASIA")  # issued by STS, not the source key
    assert frozen.access_key != SOURCE_KEY
    assert frozen.token


def test_mfa_code_comes_from_the_prompt(moto: RunningS3, moto_admin: object) -> None:
    prompt = Prompt()
    spec = role_spec(moto.endpoint_url, mfa_serial=MFA, duration_seconds=1800)
    credentials = resolve(spec, prompt)

    assert prompt.asked == [MFA]
    assert credentials is not None
    assert credentials.get_frozen_credentials().access_key.startswith("ASIA")
    assert prompt.asked == [MFA]  # not asked again while the session is fresh


def test_cancelled_mfa_prompt_stops_with_a_message(moto: RunningS3) -> None:
    spec = role_spec(moto.endpoint_url, mfa_serial=MFA)
    with pytest.raises(CredentialError, match=f"No MFA code was given for {MFA}"):
        resolve(spec, Prompt(code=""))
    with pytest.raises(CredentialError, match="nothing can ask for it here"):
        resolve(spec, None)


def test_sts_refusal_is_explained_without_secrets() -> None:
    refusal = "User is not authorized to perform: sts:AssumeRole"
    with (
        LocalServer(sts_access_denied(refusal)) as sts,
        pytest.raises(CredentialError) as caught,
    ):
        resolve(role_spec(sts.url))
    message = str(caught.value)
    assert f"STS ({sts.url}) refused to let Eider assume the role {ROLE}" in message
    assert f"AccessDenied: {refusal}" in message
    assert "trust policy" in message
    assert SOURCE_SECRET not in message


def test_unreachable_sts_endpoint_is_named() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{s.getsockname()[1]}"
    with pytest.raises(CredentialError, match=f"could not reach STS \\({url}\\)"):
        resolve(role_spec(url))


def test_out_of_range_duration_is_refused_before_calling_sts() -> None:
    with pytest.raises(CredentialError, match="between 900 and 43200 seconds, not 60"):
        resolve(role_spec("http://127.0.0.1:9", duration_seconds=60))


def test_expiring_role_session_is_renewed_with_a_fresh_mfa_code(moto: RunningS3) -> None:
    # A local STS issuing keys that expire in 20 s (AWS's minimum is 15 minutes, too long to
    # wait for): each request made through S3Session must renew them, asking for a new code.
    prompt = Prompt()
    with LocalServer(sts_short_lived(20)) as sts:
        spec = role_spec(sts.url, mfa_serial=MFA, duration_seconds=900)
        session = S3Session(connection_with(moto, spec), prompt)
        first = session.credentials.get_frozen_credentials()  # type: ignore[union-attr]
        session.list_buckets()
        second = session.credentials.get_frozen_credentials()  # type: ignore[union-attr]

    assert len(sts.requests) == 4  # resolve, two frozen reads, one request
    assert first.access_key != second.access_key
    assert prompt.asked == [MFA] * 4
    for request in sts.requests:
        assert request.form["Action"] == "AssumeRole"
        assert request.form["SerialNumber"] == MFA
        assert request.form["TokenCode"] == "123456"
        assert request.form["RoleSessionName"] == "eider-test-session"
