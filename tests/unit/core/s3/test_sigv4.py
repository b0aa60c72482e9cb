"""Eider's own SigV4 signer must give exactly what botocore's S3 signer gives."""

from __future__ import annotations

import datetime
import hashlib
from unittest import mock

import pytest
from botocore.auth import S3SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

from app.core.s3.sigv4 import EMPTY_SHA256, SigV4Signer

# The clock is the one thing faked here: both signers must sign the same instant.
NOW = datetime.datetime(2026, 12, 4, 17, 5, 9, tzinfo=datetime.UTC)


def _botocore(
    credentials: Credentials, region: str, method: str, url: str, headers: dict, body: bytes
) -> dict[str, str]:
    request = AWSRequest(method=method, url=url, headers=dict(headers), data=body)
    with mock.patch("botocore.auth.get_current_datetime", return_value=NOW.replace(tzinfo=None)):
        S3SigV4Auth(credentials.get_frozen_credentials(), "s3", region).add_auth(request)
    return dict(request.headers.items())


@pytest.mark.parametrize(
    ("method", "path", "headers", "body", "token"),
    [
        (
            "PUT",
            "/bucket/dir%20one/%C3%BCn%C3%AF%20c%C3%B6d%C3%A9%2B%26%3D%3F%23%25~.bin",
            {
                "Content-Type": "application/octet-stream",
                "Content-MD5": "1B2M2Y8AsgTpgAmY7PhCfg==",
                "x-amz-meta-mtime": "1600000000.500000000",
                "Cache-Control": "max-age=60,  public",
                "User-Agent": "Eider/0.1",
            },
            b"some bytes" * 1000,
            None,
        ),
        ("GET", "/bucket/k", {"x-amz-checksum-mode": "ENABLED", "Range": "bytes=0-9"}, b"", "t0k"),
        ("PUT", "/bucket/empty", {}, b"", "session-token"),
    ],
)
def test_same_headers_as_botocores_signer(
    method: str, path: str, headers: dict[str, str], body: bytes, token: str | None
) -> None:
    credentials = Credentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", token)
    host = "127.0.0.1:8333"
    ours = {"Host": host, **headers}
    payload = hashlib.sha256(body).hexdigest() if body else EMPTY_SHA256
    signer = SigV4Signer("eu-central-1")

    for _ in range(2):  # the second time with the cached signing key
        signed = dict(ours)
        signer.sign(
            credentials.access_key,
            credentials.secret_key,
            token,
            method,
            path,
            signed,
            payload,
            now=NOW,
        )
        theirs = _botocore(
            credentials, "eu-central-1", method, f"http://{host}{path}", headers, body
        )
        assert signed["Authorization"] == theirs["Authorization"]
        assert signed["X-Amz-Date"] == theirs["X-Amz-Date"]
        assert signed["X-Amz-Content-SHA256"] == theirs["X-Amz-Content-SHA256"]
        assert signed.get("X-Amz-Security-Token") == theirs.get("X-Amz-Security-Token")


def test_a_new_day_or_secret_gets_a_new_signing_key() -> None:
    signer = SigV4Signer("us-east-1")

    def authorization(secret: str, now: datetime.datetime) -> str:
        headers = {"Host": "h"}
        signer.sign("AK", secret, None, "GET", "/b/k", headers, EMPTY_SHA256, now=now)
        return headers["Authorization"]

    first = authorization("s1", NOW)
    assert authorization("s2", NOW) != first
    assert authorization("s1", NOW + datetime.timedelta(days=1)) != first
    assert authorization("s1", NOW) == first
