"""AWS_PROFILE: profile files written into the test's temp dir, real servers behind them."""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import pytest
from botocore.credentials import RefreshableCredentials

from app.core.credentials.resolve import CredentialError, resolve
from app.core.credentials.spec import CredentialKind, CredentialSpec
from app.core.s3.session import S3Session
from tests.fixtures.credential_servers import (
    SSO_ACCESS_TOKEN,
    LocalServer,
    iso_in,
    sso_portal,
    sts_short_lived,
)
from tests.fixtures.servers import RunningS3
from tests.unit.core.credentials.conftest import connection_with

MFA = "arn:aws:iam::123456789012:mfa/eider-user"
ROLE = "arn:aws:iam::123456789012:role/eider-profile-role"
BASE_KEYS = "[base]\naws_access_key_id = AKIABASE\naws_secret_access_key = b\n"


def profile(name: str) -> CredentialSpec:
    return CredentialSpec(kind=CredentialKind.AWS_PROFILE, profile_name=name)


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


class Prompt:
    def __init__(self) -> None:
        self.asked: list[str] = []

    def __call__(self, serial: str) -> str:
        self.asked.append(serial)
        return "654321"


def test_static_profile_lists_seaweed_buckets(
    seaweed: RunningS3, bucket: str, aws_dir: Path
) -> None:
    write(
        aws_dir / "credentials",
        f"[work]\naws_access_key_id = {seaweed.access_key}\n"
        f"aws_secret_access_key = {seaweed.secret_key}\n",
    )
    session = S3Session(connection_with(seaweed, profile("work")))
    assert bucket in [b.name for b in session.list_buckets()]


def test_missing_profile_names_profile_and_files(aws_dir: Path) -> None:
    write(aws_dir / "config", "[profile other]\nregion = eu-west-1\n")
    with pytest.raises(CredentialError) as caught:
        resolve(profile("nope"))
    assert str(caught.value) == (
        f"There is no AWS profile named 'nope' in {aws_dir / 'config'} or "
        f"{aws_dir / 'credentials'}. Add it there (for example with 'aws configure --profile "
        "nope') or choose another profile."
    )


def test_profile_without_credentials_says_what_is_missing(aws_dir: Path) -> None:
    write(aws_dir / "config", "[profile bare]\nregion = eu-west-1\n")
    with pytest.raises(CredentialError, match=r"'bare' .* holds no credentials"):
        resolve(profile("bare"))


def test_unreadable_config_file_is_named(aws_dir: Path) -> None:
    write(aws_dir / "config", "[profile broken\nregion = eu-west-1\n")
    with pytest.raises(CredentialError, match=f"{aws_dir / 'config'} is not valid INI"):
        resolve(profile("broken"))


def test_role_with_mfa_assumed_through_moto_sts(
    moto: RunningS3, moto_admin: object, aws_dir: Path
) -> None:
    moto_admin.create_bucket(Bucket="profile-role-bucket")  # type: ignore[attr-defined]
    write(
        aws_dir / "credentials", "[base]\naws_access_key_id = AKIABASE\naws_secret_access_key = b\n"
    )
    write(
        aws_dir / "config",
        f"[profile admin]\nrole_arn = {ROLE}\nsource_profile = base\nmfa_serial = {MFA}\n"
        "role_session_name = eider-profile\nduration_seconds = 1800\nservices = local-sts\n\n"
        f"[services local-sts]\nsts =\n  endpoint_url = {moto.endpoint_url}\n",
    )
    prompt = Prompt()
    session = S3Session(connection_with(moto, profile("admin")), prompt)

    assert "profile-role-bucket" in [b.name for b in session.list_buckets()]
    assert prompt.asked == [MFA]
    assert isinstance(session.credentials, RefreshableCredentials)
    assert session.credentials.get_frozen_credentials().access_key.startswith("ASIA")


def test_profile_role_with_mfa_renews_by_asking_again(moto: RunningS3, aws_dir: Path) -> None:
    # botocore gives up when an MFA role session ends; Eider asks for a new code instead. A local
    # STS issues keys that expire in 20 s so the renewal happens within the test.
    write(aws_dir / "credentials", BASE_KEYS)
    prompt = Prompt()
    with LocalServer(sts_short_lived(20)) as sts:
        write(
            aws_dir / "config",
            f"[profile admin]\nrole_arn = {ROLE}\nsource_profile = base\nmfa_serial = {MFA}\n"
            "duration_seconds = 900\nservices = local-sts\n\n"
            f"[services local-sts]\nsts =\n  endpoint_url = {sts.url}\n",
        )
        session = S3Session(connection_with(moto, profile("admin")), prompt)
        session.list_buckets()

    assert prompt.asked == [MFA, MFA]
    assert [r.form["TokenCode"] for r in sts.requests] == ["654321", "654321"]


def test_role_chain_through_botocore_prompts_for_inner_mfa(
    moto: RunningS3, aws_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The outer role has no MFA, so botocore's AssumeRoleProvider runs the whole chain and asks
    # Eider's prompt (not getpass on a terminal) for the inner role's code.
    monkeypatch.setenv("AWS_ENDPOINT_URL_STS", moto.endpoint_url)
    write(
        aws_dir / "credentials", "[base]\naws_access_key_id = AKIABASE\naws_secret_access_key = b\n"
    )
    write(
        aws_dir / "config",
        f"[profile inner]\nrole_arn = {ROLE}\nsource_profile = base\nmfa_serial = {MFA}\n\n"
        "[profile outer]\nrole_arn = arn:aws:iam::123456789012:role/outer\n"
        "source_profile = inner\n",
    )
    prompt = Prompt()
    credentials = resolve(profile("outer"), prompt)
    assert credentials is not None
    assert credentials.get_frozen_credentials().access_key.startswith("ASIA")
    assert prompt.asked == [MFA]


def test_role_source_profile_missing_is_named(aws_dir: Path) -> None:
    write(
        aws_dir / "config",
        f"[profile admin]\nrole_arn = {ROLE}\nsource_profile = gone\nmfa_serial = {MFA}\n",
    )
    with pytest.raises(CredentialError, match="source_profile 'gone', which is not in"):
        resolve(profile("admin"), Prompt())


def _process_script(tmp_path: Path, seaweed: RunningS3, lifetime: float | None) -> Path:
    """A credential_process that counts its runs in calls.txt next to it."""
    script = tmp_path / "creds.py"
    document = {"Version": 1, "AccessKeyId": seaweed.access_key}
    document["SecretAccessKey"] = seaweed.secret_key
    expiry = (
        "import datetime as d\n"
        f"doc['Expiration'] = (d.datetime.now(d.UTC) + d.timedelta(seconds={lifetime}))"
        ".strftime('%Y-%m-%dT%H:%M:%SZ')\n"
        if lifetime
        else ""
    )
    script.write_text(
        "import json, pathlib\n"
        "calls = pathlib.Path(__file__).with_name('calls.txt')\n"
        "calls.write_text(str(int(calls.read_text() if calls.exists() else 0) + 1))\n"
        f"doc = {document!r}\n{expiry}print(json.dumps(doc))\n"
    )
    return script


def test_credential_process_keys_list_seaweed_buckets(
    seaweed: RunningS3, bucket: str, aws_dir: Path, tmp_path: Path
) -> None:
    script = _process_script(tmp_path, seaweed, lifetime=None)
    write(aws_dir / "config", f"[profile proc]\ncredential_process = {sys.executable} {script}\n")
    session = S3Session(connection_with(seaweed, profile("proc")))
    assert bucket in [b.name for b in session.list_buckets()]
    assert (tmp_path / "calls.txt").read_text() == "1"


def test_expiring_process_credentials_are_fetched_again(
    seaweed: RunningS3, bucket: str, aws_dir: Path, tmp_path: Path
) -> None:
    script = _process_script(tmp_path, seaweed, lifetime=30)
    write(aws_dir / "config", f"[profile proc]\ncredential_process = {sys.executable} {script}\n")
    session = S3Session(connection_with(seaweed, profile("proc")))
    assert (tmp_path / "calls.txt").read_text() == "1"

    session.list_buckets()
    session.list_prefix(bucket).__next__()

    # 30 s left is inside botocore's refresh window: each request ran the process again.
    assert (tmp_path / "calls.txt").read_text() == "3"


def test_failing_credential_process_shows_its_reason(aws_dir: Path, tmp_path: Path) -> None:
    script = tmp_path / "fail.py"
    script.write_text("import sys\nsys.stderr.write('vault is sealed\\n')\nsys.exit(3)\n")
    write(aws_dir / "config", f"[profile proc]\ncredential_process = {sys.executable} {script}\n")
    with pytest.raises(CredentialError) as caught:
        resolve(profile("proc"))
    message = str(caught.value)
    assert "credential source of AWS profile 'proc'" in message
    assert "vault is sealed" in message
    assert "Run its credential_process command in a terminal" in message


START_URL = "https://eider-test.awsapps.com/start"


def _sso_token(home: Path, key: str, expires_in: float) -> None:
    name = hashlib.sha1(key.encode()).hexdigest()  # noqa: S324 (the AWS CLI's cache file name)
    token = {
        "startUrl": START_URL,
        "region": "us-east-1",
        "accessToken": SSO_ACCESS_TOKEN,
        "expiresAt": iso_in(expires_in),
    }
    write(home / ".aws" / "sso" / "cache" / f"{name}.json", json.dumps(token))


def _sso_services(portal_url: str) -> str:
    return f"\n[services local-sso]\nsso =\n  endpoint_url = {portal_url}\n"


def test_legacy_sso_profile_uses_cli_token_cache(
    seaweed: RunningS3, bucket: str, aws_dir: Path, home: Path
) -> None:
    _sso_token(home, START_URL, expires_in=3600)
    with sso_portal(seaweed.access_key, seaweed.secret_key) as portal:
        write(
            aws_dir / "config",
            f"[profile sso]\nsso_start_url = {START_URL}\nsso_region = us-east-1\n"
            "sso_account_id = 123456789012\nsso_role_name = Reader\nservices = local-sso\n"
            + _sso_services(portal.url),
        )
        session = S3Session(connection_with(seaweed, profile("sso")))
        assert bucket in [b.name for b in session.list_buckets()]

    request = portal.requests[0]
    assert request.query == {"role_name": "Reader", "account_id": "123456789012"}
    assert isinstance(session.credentials, RefreshableCredentials)


def test_sso_session_profile_uses_cli_token_cache(
    seaweed: RunningS3, bucket: str, aws_dir: Path, home: Path
) -> None:
    _sso_token(home, "corp", expires_in=3600)
    with sso_portal(seaweed.access_key, seaweed.secret_key) as portal:
        write(
            aws_dir / "config",
            "[profile sso]\nsso_session = corp\nsso_account_id = 123456789012\n"
            "sso_role_name = Reader\nservices = local-sso\n\n"
            f"[sso-session corp]\nsso_start_url = {START_URL}\nsso_region = us-east-1\n"
            + _sso_services(portal.url),
        )
        session = S3Session(connection_with(seaweed, profile("sso")))
        assert bucket in [b.name for b in session.list_buckets()]
    assert portal.hits["GET /federation/credentials"] == 1


def test_expired_sso_login_asks_for_aws_sso_login(
    seaweed: RunningS3, aws_dir: Path, home: Path
) -> None:
    _sso_token(home, START_URL, expires_in=-60)
    with sso_portal(seaweed.access_key, seaweed.secret_key) as portal:
        write(
            aws_dir / "config",
            f"[profile sso]\nsso_start_url = {START_URL}\nsso_region = us-east-1\n"
            "sso_account_id = 123456789012\nsso_role_name = Reader\nservices = local-sso\n"
            + _sso_services(portal.url),
        )
        with pytest.raises(CredentialError, match="Run 'aws sso login --profile sso'"):
            resolve(profile("sso"))
    assert not portal.requests
