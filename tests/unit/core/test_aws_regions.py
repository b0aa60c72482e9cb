"""The regions New Bucket offers."""

from __future__ import annotations

from app.core.aws_regions import AWS_REGIONS, bucket_regions
from app.core.connection import Connection


def test_a_profiles_regions_come_first() -> None:
    listed = Connection(host="s3.example.net", regions=("zone-a", "zone-b"))
    assert bucket_regions(listed) == ("zone-a", "zone-b")


def test_aws_offers_its_regions_and_other_providers_none() -> None:
    assert bucket_regions(Connection()) == AWS_REGIONS
    assert "us-east-1" in AWS_REGIONS and len(set(AWS_REGIONS)) == len(AWS_REGIONS)
    assert bucket_regions(Connection(host="minio.example.net")) == ()
