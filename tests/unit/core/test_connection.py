from __future__ import annotations

import pytest

from app.core.connection import ChecksumPolicy, Connection, Scheme


def test_aws_default_host_lets_botocore_choose_endpoint() -> None:
    conn = Connection()
    assert conn.is_aws and conn.endpoint_url is None
    assert conn.effective_checksum_policy is ChecksumPolicy.WHEN_SUPPORTED


@pytest.mark.parametrize(
    "host",
    ["s3.eu-west-1.amazonaws.com", "mybucket.s3.amazonaws.com", "s3.cn-north-1.amazonaws.com.cn"],
)
def test_aws_hosts_are_recognised(host: str) -> None:
    assert Connection(host=host).is_aws


def test_other_providers_default_to_checksums_only_when_required() -> None:
    conn = Connection(host="s3.wasabisys.com")
    assert not conn.is_aws
    assert conn.effective_checksum_policy is ChecksumPolicy.WHEN_REQUIRED
    assert conn.endpoint_url == "https://s3.wasabisys.com"
    explicit = Connection(host="s3.wasabisys.com", checksum_policy=ChecksumPolicy.WHEN_SUPPORTED)
    assert explicit.effective_checksum_policy is ChecksumPolicy.WHEN_SUPPORTED


def test_endpoint_url_with_port_scheme_and_ipv6() -> None:
    assert Connection(host="127.0.0.1", port=9000, scheme=Scheme.HTTP).endpoint_url == (
        "http://127.0.0.1:9000"
    )
    assert Connection(host="::1", port=9000).endpoint_url == "https://[::1]:9000"


def test_tls_off_is_flagged() -> None:
    assert Connection(host="minio.local", verify_tls=False).tls_unverified
    assert not Connection(host="minio.local", scheme=Scheme.HTTP, verify_tls=False).tls_unverified


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"host": "http://x"}, "not a valid host"),
        ({"port": 70000}, "outside 1-65535"),
        ({"max_keys": 5000}, "between 1 and 1000"),
        ({"prefix": "a/"}, "needs a bucket"),
    ],
)
def test_invalid_connections_are_refused(changes: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Connection(**changes)  # type: ignore[arg-type]
