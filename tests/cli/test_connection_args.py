"""Where the transfer commands get their connection: options, AWS_* variables, AWS profiles,
bookmarks, anonymous access, TLS options."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from app.cli.connection_args import (
    ConnectionArgsError,
    add_connection_arguments,
    connection_from_args,
)
from app.cli.main import main
from app.core.connection import AddressingStyle, Scheme
from app.core.credentials.spec import CredentialKind
from tests.cli.conftest import add_seaweed_bookmark
from tests.fixtures.servers import RunningS3


def _args(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    add_connection_arguments(parser)
    return parser.parse_args(list(argv))


def test_environment_variables_build_the_connection(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_ENDPOINT_URL", "https://storage.example:8443")
    monkeypatch.setenv("AWS_ENDPOINT_URL_S3", "http://s3.example:9000")  # the S3 one wins
    monkeypatch.setenv("AWS_DEFAULT_REGION", "eu-west-3")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
    conn = connection_from_args(_args())
    assert (conn.scheme, conn.host, conn.port, conn.region) == (
        Scheme.HTTP,
        "s3.example",
        9000,
        "eu-west-3",
    )
    assert conn.credentials.kind is CredentialKind.ENVIRONMENT
    assert conn.credentials.access_key_id == "AKIDEXAMPLE"
    assert conn.max_attempts == 5
    monkeypatch.setenv("AWS_MAX_ATTEMPTS", "2")
    assert connection_from_args(_args()).max_attempts == 2
    monkeypatch.setenv("AWS_MAX_ATTEMPTS", "many")
    with pytest.raises(ConnectionArgsError):
        connection_from_args(_args())


def test_options_override_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_REGION", "eu-west-3")
    monkeypatch.setenv("AWS_PROFILE", "from-env")
    conn = connection_from_args(
        _args(
            "--endpoint-url",
            "https://h.example",
            "--region",
            "ap-south-1",
            "--path-style",
            "--no-verify-ssl",
        )
    )
    assert (conn.host, conn.region, conn.addressing_style) == (
        "h.example",
        "ap-south-1",
        AddressingStyle.PATH,
    )
    assert not conn.verify_tls
    assert conn.credentials.profile_name == "from-env"
    assert connection_from_args(_args("--profile", "other")).credentials.profile_name == "other"
    assert (
        connection_from_args(_args("--no-sign-request")).credentials.kind
        is CredentialKind.ANONYMOUS
    )
    # Nothing set at all: AWS itself, with the AWS CLI's default profile.
    monkeypatch.delenv("AWS_PROFILE")
    plain = connection_from_args(_args())
    assert plain.endpoint_url is None
    assert plain.credentials.profile_name == "default"


@pytest.mark.parametrize("url", ["ftp://h", "https://h/path", "not a url", "https://h:99999"])
def test_bad_endpoint_urls_are_usage_errors(url: str) -> None:
    with pytest.raises(ConnectionArgsError):
        connection_from_args(_args("--endpoint-url", url))


def test_aws_profile_from_the_shared_credentials_file(
    capsys, seaweed: RunningS3, bucket: str, tmp_path: Path
) -> None:
    credentials = tmp_path / "aws" / "credentials"  # AWS_SHARED_CREDENTIALS_FILE (conftest)
    credentials.parent.mkdir(parents=True, exist_ok=True)
    credentials.write_text(
        f"[lab]\naws_access_key_id = {seaweed.access_key}\n"
        f"aws_secret_access_key = {seaweed.secret_key}\n"
    )
    assert main(["ls", "--profile", "lab", "--endpoint-url", seaweed.endpoint_url]) == 0
    assert bucket in capsys.readouterr().out
    assert main(["ls", "--profile", "absent", "--endpoint-url", seaweed.endpoint_url]) == 3
    assert "absent" in capsys.readouterr().err


def test_anonymous_requests_are_refused_by_a_private_bucket(
    capsys, seaweed: RunningS3, bucket: str
) -> None:
    code = main(
        ["ls", f"s3://{bucket}/", "--no-sign-request", "--endpoint-url", seaweed.endpoint_url]
    )
    assert code == 3
    assert capsys.readouterr().err.startswith("eider: error: ")


def test_bookmark_supplies_endpoint_and_keys(capsys, seaweed: RunningS3, bucket: str) -> None:
    add_seaweed_bookmark(seaweed)
    assert main(["ls", "--bookmark", "Lab", "--path-style"]) == 0
    assert bucket in capsys.readouterr().out
    assert main(["ls", "--bookmark", "Nope"]) == 2
    assert "Nope" in capsys.readouterr().err


def test_tls_needs_the_ca_bundle_or_no_verify(capsys, seaweed_tls: RunningS3) -> None:
    common = ["ls", "--endpoint-url", seaweed_tls.endpoint_url]
    env_keys = {
        "AWS_ACCESS_KEY_ID": seaweed_tls.access_key,
        "AWS_SECRET_ACCESS_KEY": seaweed_tls.secret_key,
    }
    with pytest.MonkeyPatch.context() as mp:
        for name, value in env_keys.items():
            mp.setenv(name, value)
        mp.setenv("AWS_MAX_ATTEMPTS", "1")
        assert main(common) == 3  # a certificate from an unknown CA
        assert "certificate" in capsys.readouterr().err.lower()
        assert seaweed_tls.ca_bundle
        assert main([*common, "--ca-bundle", seaweed_tls.ca_bundle]) == 0
        assert main([*common, "--ca-bundle", "/nonexistent/ca.pem"]) == 2
        assert main([*common, "--no-verify-ssl"]) == 0
