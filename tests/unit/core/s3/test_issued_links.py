from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from app.core import paths
from app.core.s3 import issued_links
from app.core.s3.issued_links import IssuedLink, IssuedLinksError
from app.core.s3.session import S3Session
from app.core.s3.urls import Expiry, Method, presign
from tests.conftest import connection_for
from tests.fixtures.servers import RunningS3

NOW = datetime(2030, 5, 1, 9, 30, tzinfo=UTC)


def _link(key: str, hours: int) -> IssuedLink:
    return IssuedLink(
        "Work", "https://s3.example.net", "b", key, "GET", NOW, NOW + timedelta(hours=hours), "AK"
    )


def test_issued_link_is_recorded_without_its_url(seaweed: RunningS3, bucket: str) -> None:
    url = presign(S3Session(connection_for(seaweed)), bucket, "ü/k", Method.PUT, Expiry.DAY)
    issued_links.record(IssuedLink.from_presigned(url, "Sandbox"))

    [link] = issued_links.load()
    assert (link.connection, link.bucket, link.key, link.method) == (
        "Sandbox",
        bucket,
        "ü/k",
        "PUT",
    )
    assert link.expires == url.expires and link.access_key_id == seaweed.access_key
    text = (paths.state_dir() / issued_links.FILE_NAME).read_text(encoding="utf-8")
    signature = url.url.split("X-Amz-Signature=")[1]
    assert signature not in text and "X-Amz-Credential" not in text


def test_records_accumulate_and_expired_ones_are_forgotten() -> None:
    issued_links.record(_link("old", hours=1))
    issued_links.record(_link("fresh", hours=48))
    assert [link.key for link in issued_links.load()] == ["old", "fresh"]

    dropped = issued_links.forget_expired(now=NOW + timedelta(hours=2))

    assert dropped == 1
    assert [link.key for link in issued_links.load()] == ["fresh"]
    leftovers = [p.name for p in paths.state_dir().iterdir()]
    assert leftovers == [issued_links.FILE_NAME]  # no temporary files left behind


def test_a_damaged_file_is_reported_and_left_untouched() -> None:
    path = paths.state_dir() / issued_links.FILE_NAME
    path.write_text('{"version": 1, "links": [{"bucket": ', encoding="utf-8")
    with pytest.raises(IssuedLinksError, match="left as it is"):
        issued_links.load()
    with pytest.raises(IssuedLinksError):
        issued_links.record(_link("x", 1))
    assert path.read_text(encoding="utf-8") == '{"version": 1, "links": [{"bucket": '


def test_file_format_is_versioned_json() -> None:
    issued_links.record(_link("k", 1))
    document = json.loads((paths.state_dir() / issued_links.FILE_NAME).read_text("utf-8"))
    assert document["version"] == 1
    assert document["links"][0]["expires"] == (NOW + timedelta(hours=1)).isoformat()
