"""The regions offered for a new bucket."""

from __future__ import annotations

from app.core.connection import Connection

# Offered on AWS when the connection's profile lists no regions (the field stays editable for
# any other name).
AWS_REGIONS: tuple[str, ...] = (
    "us-east-1",
    "us-east-2",
    "us-west-1",
    "us-west-2",
    "ca-central-1",
    "eu-west-1",
    "eu-west-2",
    "eu-west-3",
    "eu-central-1",
    "eu-central-2",
    "eu-north-1",
    "eu-south-1",
    "ap-south-1",
    "ap-northeast-1",
    "ap-northeast-2",
    "ap-southeast-1",
    "ap-southeast-2",
    "sa-east-1",
)


def bucket_regions(connection: Connection) -> tuple[str, ...]:
    """The profile's regions; else AWS's on AWS; else none (the connection's own is typed)."""
    return connection.regions or (AWS_REGIONS if connection.is_aws else ())
