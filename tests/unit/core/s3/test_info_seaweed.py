"""The Info readers and writers against SeaweedFS: what it implements, and what it lacks
(lifecycle, public access block, logging, website, acceleration) reported as unsupported."""

from __future__ import annotations

import json
from typing import Any

import pytest

from app.core.s3.acl import (
    AclsDisabled,
    Grant,
    Grantee,
    Group,
    Permission,
    put_bucket_acl,
    put_object_acl,
)
from app.core.s3.bucket_encryption import DefaultEncryption, put_default_encryption
from app.core.s3.bucket_info import read_bucket_details
from app.core.s3.bucket_logging import LoggingTarget, put_logging
from app.core.s3.bucket_policy import put_policy
from app.core.s3.bucket_settings import set_acceleration, set_versioning
from app.core.s3.cors import CorsRule, put_cors
from app.core.s3.info_section import FeatureUnsupported, SectionState
from app.core.s3.lifecycle import (
    Expiration,
    LifecycleConfiguration,
    LifecycleFilter,
    LifecycleRule,
    RawRule,
    Transition,
    put_lifecycle,
    read_lifecycle,
    replace_rule,
)
from app.core.s3.object_info import read_object_details
from app.core.s3.public_access import (
    PublicAccessBlock,
    put_public_access_block,
    read_public_access_block,
)
from app.core.s3.session import S3Session
from app.core.s3.tags import Tag, put_bucket_tags, put_object_tags
from app.core.s3.website import Website, put_website
from tests.conftest import connection_for
from tests.fixtures.servers import RunningS3


@pytest.fixture
def session(seaweed: RunningS3) -> S3Session:
    return S3Session(connection_for(seaweed))


def test_object_details_on_seaweed(session: S3Session, seaweed_admin: Any, bucket: str) -> None:
    seaweed_admin.put_object(
        Bucket=bucket,
        Key="a.txt",
        Body=b"hello",
        ContentType="text/plain",
        Metadata={"author": "ada"},
        Tagging="team=ops",
    )
    details = read_object_details(session, bucket, "a.txt")

    assert details.general.size == 5 and details.general.etag_is_md5
    assert details.metadata.user == {"author": "ada"}
    assert details.tags.value == (Tag("team", "ops"),)
    assert details.acl.value is not None and details.acl.value.owner is not None


def test_acls_tags_versioning_encryption_policy_cors_on_seaweed(
    session: S3Session, seaweed_admin: Any, bucket: str
) -> None:
    seaweed_admin.put_object(Bucket=bucket, Key="k", Body=b"x")
    # SeaweedFS reports new buckets as "bucket owner enforced": ACL edits are refused.
    with pytest.raises(AclsDisabled):
        put_object_acl(session, bucket, "k", canned="public-read")
    seaweed_admin.put_bucket_ownership_controls(
        Bucket=bucket, OwnershipControls={"Rules": [{"ObjectOwnership": "ObjectWriter"}]}
    )
    owner = seaweed_admin.get_object_acl(Bucket=bucket, Key="k")["Owner"]["ID"]
    put_object_acl(
        session,
        bucket,
        "k",
        [
            Grant(Grantee.canonical_user(owner), Permission.FULL_CONTROL),
            Grant(Grantee.group(Group.ALL_USERS), Permission.READ),
        ],
    )
    grants = seaweed_admin.get_object_acl(Bucket=bucket, Key="k")["Grants"]
    assert {(g["Grantee"].get("URI") or g["Grantee"]["ID"], g["Permission"]) for g in grants} == {
        (owner, "FULL_CONTROL"),
        (Group.ALL_USERS.value, "READ"),
    }
    put_bucket_acl(session, bucket, canned="public-read")
    bucket_grants = seaweed_admin.get_bucket_acl(Bucket=bucket)["Grants"]
    assert (Group.ALL_USERS.value, "READ") in {
        (g["Grantee"].get("URI"), g["Permission"]) for g in bucket_grants
    }

    put_object_tags(session, bucket, "k", [Tag("a", "1")])
    assert seaweed_admin.get_object_tagging(Bucket=bucket, Key="k")["TagSet"] == [
        {"Key": "a", "Value": "1"}
    ]
    put_bucket_tags(session, bucket, [Tag("owner", "lab")])
    assert seaweed_admin.get_bucket_tagging(Bucket=bucket)["TagSet"] == [
        {"Key": "owner", "Value": "lab"}
    ]

    set_versioning(session, bucket, True)
    assert seaweed_admin.get_bucket_versioning(Bucket=bucket)["Status"] == "Enabled"

    put_default_encryption(session, bucket, DefaultEncryption("AES256"))
    rule = seaweed_admin.get_bucket_encryption(Bucket=bucket)["ServerSideEncryptionConfiguration"][
        "Rules"
    ][0]
    assert rule["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"] == "AES256"

    policy = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": f"arn:aws:s3:::{bucket}/*",
            }
        ],
    }
    put_policy(session, bucket, json.dumps(policy))
    assert json.loads(seaweed_admin.get_bucket_policy(Bucket=bucket)["Policy"]) == policy

    put_cors(session, bucket, [CorsRule(("GET",), ("*",), max_age_seconds=30)])
    assert seaweed_admin.get_bucket_cors(Bucket=bucket)["CORSRules"] == [
        {"AllowedMethods": ["GET"], "AllowedOrigins": ["*"], "MaxAgeSeconds": 30}
    ]


def test_what_seaweed_lacks_is_not_supported_never_an_error(
    session: S3Session, seaweed_admin: Any, bucket: str
) -> None:
    assert read_public_access_block(session, bucket).state is SectionState.UNSUPPORTED
    with pytest.raises(FeatureUnsupported, match="public access block"):
        put_public_access_block(session, bucket, PublicAccessBlock(True, True, True, True))
    # SeaweedFS keeps expirations but answers NotImplemented for transitions.
    with pytest.raises(FeatureUnsupported, match="lifecycle rules of this kind"):
        put_lifecycle(
            session,
            bucket,
            LifecycleConfiguration(
                (LifecycleRule("cold", transitions=(Transition("GLACIER", days=30),)),)
            ),
        )
    with pytest.raises(FeatureUnsupported, match="logging"):
        put_logging(session, bucket, LoggingTarget(bucket, "logs/"))
    with pytest.raises(FeatureUnsupported, match="website"):
        put_website(session, bucket, Website("index.html"))
    with pytest.raises(FeatureUnsupported, match="acceleration"):
        set_acceleration(session, bucket, True)
    # Nothing was half-written: the bucket still answers "none" for each.
    assert seaweed_admin.get_bucket_logging(Bucket=bucket).get("LoggingEnabled") is None

    details = read_bucket_details(session, bucket)
    assert details.public_access_block.state is SectionState.UNSUPPORTED
    assert details.lifecycle.state is SectionState.NONE
    errors = [
        name
        for name in details.__dataclass_fields__
        if getattr(getattr(details, name), "state", None) is SectionState.ERROR
    ]
    assert errors == []


def test_lifecycle_expirations_on_seaweed_keep_a_legacy_rule(
    session: S3Session, seaweed_admin: Any, bucket: str
) -> None:
    legacy = {"Expiration": {"Days": 9}, "ID": "legacy", "Prefix": "old/", "Status": "Enabled"}
    seaweed_admin.put_bucket_lifecycle_configuration(
        Bucket=bucket,
        LifecycleConfiguration={
            "Rules": [
                legacy,
                {"ID": "tmp", "Status": "Enabled", "Filter": {}, "Expiration": {"Days": 1}},
            ]
        },
    )
    config = read_lifecycle(session, bucket).value
    assert config is not None and isinstance(config.rules[0], RawRule)

    edited = LifecycleRule("tmp", filter=LifecycleFilter(prefix="tmp/"), expiration=Expiration(7))
    put_lifecycle(session, bucket, replace_rule(config, 1, edited))

    rules = seaweed_admin.get_bucket_lifecycle_configuration(Bucket=bucket)["Rules"]
    assert rules[0] == legacy
    assert rules[1] == {
        "ID": "tmp",
        "Status": "Enabled",
        "Filter": {"Prefix": "tmp/"},
        "Expiration": {"Days": 7},
    }
