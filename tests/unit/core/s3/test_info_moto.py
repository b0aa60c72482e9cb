"""Every Info reader and writer against moto's server; each write is checked with boto3."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from botocore.exceptions import ClientError

from app.core.errors import ErrorKind, describe
from app.core.s3.acl import (
    AclsDisabled,
    Grant,
    Grantee,
    Group,
    Permission,
    acls_disabled,
    put_bucket_acl,
    put_object_acl,
    put_object_ownership,
)
from app.core.s3.bucket_encryption import (
    DefaultEncryption,
    put_default_encryption,
    read_default_encryption,
)
from app.core.s3.bucket_info import read_bucket_details
from app.core.s3.bucket_logging import LoggingTarget, put_logging, read_logging
from app.core.s3.bucket_policy import InvalidPolicy, delete_policy, put_policy, read_policy
from app.core.s3.bucket_settings import (
    read_acceleration,
    read_versioning,
    set_acceleration,
    set_versioning,
)
from app.core.s3.cors import CorsRule, put_cors, read_cors
from app.core.s3.info_section import SectionState
from app.core.s3.lifecycle import (
    Expiration,
    LifecycleConfiguration,
    LifecycleFilter,
    LifecycleRule,
    NoncurrentTransition,
    RawRule,
    Transition,
    put_lifecycle,
    read_lifecycle,
    replace_rule,
)
from app.core.s3.object_info import read_object_details
from app.core.s3.object_lock import (
    InvalidLockConfiguration,
    ObjectLockConfiguration,
    put_lock_configuration,
    read_lock_configuration,
)
from app.core.s3.public_access import (
    PublicAccessBlock,
    put_public_access_block,
    read_public_access_block,
)
from app.core.s3.session import S3Session
from app.core.s3.tags import InvalidTags, Tag, put_bucket_tags, put_object_tags, read_bucket_tags
from app.core.s3.website import RedirectAll, Website, put_website, read_website
from tests.conftest import connection_for
from tests.fixtures.servers import RunningS3


@pytest.fixture
def session(moto: RunningS3) -> S3Session:
    return S3Session(connection_for(moto))


@pytest.fixture
def mbucket(moto_admin: Any) -> str:
    """A fresh bucket on moto's server."""
    name = f"info-{uuid.uuid4().hex[:16]}"
    moto_admin.create_bucket(Bucket=name)
    return name


def _code(call: Any) -> str:
    with pytest.raises(ClientError) as caught:
        call()
    return str(caught.value.response["Error"]["Code"])


# -- objects ----------------------------------------------------------------------------------


def test_object_details_show_every_general_field_metadata_acl_and_tags(
    session: S3Session, moto_admin: Any, mbucket: str
) -> None:
    moto_admin.put_object(
        Bucket=mbucket,
        Key="docs/a.txt",
        Body=b"hello",
        ContentType="text/plain",
        CacheControl="max-age=60",
        ContentDisposition='attachment; filename="a.txt"',
        ContentEncoding="identity",
        ContentLanguage="en",
        Expires=datetime(2031, 1, 2, 3, 4, 5, tzinfo=UTC),
        WebsiteRedirectLocation="/other",
        Metadata={"author": "ada"},
        Tagging="team=ops&kind=doc",
        StorageClass="STANDARD_IA",
        ServerSideEncryption="AES256",
        ChecksumAlgorithm="SHA256",
    )

    details = read_object_details(session, mbucket, "docs/a.txt")

    g = details.general
    assert (g.bucket, g.key, g.size) == (mbucket, "docs/a.txt", 5)
    assert g.etag == "5d41402abc4b2a76b9719d911017c592" and g.etag_is_md5
    assert g.checksums == {"SHA256": "LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ="}
    assert g.storage_class == "STANDARD_IA"
    assert (g.encryption, g.sse_algorithm) == ("SSE-S3", "AES256")
    assert g.content_type == "text/plain"
    assert g.last_modified is not None and g.version_id is None
    assert g.owner is not None and g.owner.id
    assert g.retention is None and g.restore is None
    m = details.metadata
    assert (m.cache_control, m.content_disposition) == (
        "max-age=60",
        'attachment; filename="a.txt"',
    )
    assert (m.content_encoding, m.content_language) == ("identity", "en")
    assert m.expires == "Thu, 02 Jan 2031 03:04:05 GMT"
    assert m.website_redirect_location == "/other"
    assert m.user == {"author": "ada"}
    assert details.acl.is_set and details.acl.value is not None
    assert [gr.permission for gr in details.acl.value.grants] == [Permission.FULL_CONTROL]
    assert details.tags.value == (Tag("team", "ops"), Tag("kind", "doc"))


def test_versioned_locked_and_restored_objects(session: S3Session, moto_admin: Any) -> None:
    bucket = f"lock-{uuid.uuid4().hex[:16]}"
    moto_admin.create_bucket(Bucket=bucket, ObjectLockEnabledForBucket=True)
    until = datetime.now(UTC).replace(microsecond=0) + timedelta(days=2)
    version = moto_admin.put_object(
        Bucket=bucket,
        Key="held",
        Body=b"x",
        ObjectLockMode="GOVERNANCE",
        ObjectLockRetainUntilDate=until,
        ObjectLockLegalHoldStatus="ON",
        ChecksumAlgorithm="CRC32",
    )["VersionId"]
    moto_admin.put_object(Bucket=bucket, Key="cold", Body=b"y", StorageClass="GLACIER")
    moto_admin.restore_object(Bucket=bucket, Key="cold", RestoreRequest={"Days": 3})

    held = read_object_details(session, bucket, "held", version)
    cold = read_object_details(session, bucket, "cold")

    assert held.general.version_id == version
    assert held.general.retention is not None
    assert held.general.retention.mode == "GOVERNANCE"
    assert held.general.retention.retain_until == until
    assert held.general.legal_hold is True
    assert cold.general.storage_class == "GLACIER"
    assert cold.general.restore is not None and not cold.general.restore.in_progress
    assert cold.general.restore.expires is not None
    lock = read_lock_configuration(session, bucket)
    assert lock.value is not None and lock.value.enabled


def test_object_acl_grants_canned_acls_and_disabled_acls(
    session: S3Session, moto_admin: Any, mbucket: str
) -> None:
    moto_admin.put_object(Bucket=mbucket, Key="k", Body=b"x")
    owner = moto_admin.get_object_acl(Bucket=mbucket, Key="k")["Owner"]["ID"]

    put_object_acl(
        session,
        mbucket,
        "k",
        [
            Grant(Grantee.canonical_user(owner), Permission.FULL_CONTROL),
            Grant(Grantee.group(Group.ALL_USERS), Permission.READ),
            Grant(Grantee.group(Group.AUTHENTICATED_USERS), Permission.READ_ACP),
        ],
    )
    grants = moto_admin.get_object_acl(Bucket=mbucket, Key="k")["Grants"]
    assert {(g["Grantee"].get("URI") or g["Grantee"]["ID"], g["Permission"]) for g in grants} == {
        (owner, "FULL_CONTROL"),
        (Group.ALL_USERS.value, "READ"),
        (Group.AUTHENTICATED_USERS.value, "READ_ACP"),
    }

    put_object_acl(session, mbucket, "k", canned="private")
    grants = moto_admin.get_object_acl(Bucket=mbucket, Key="k")["Grants"]
    assert [(g["Grantee"]["ID"], g["Permission"]) for g in grants] == [(owner, "FULL_CONTROL")]

    moto_admin.put_bucket_ownership_controls(
        Bucket=mbucket, OwnershipControls={"Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]}
    )
    assert acls_disabled(session, mbucket)
    with pytest.raises(AclsDisabled, match="ACLs disabled"):
        put_object_acl(session, mbucket, "k", canned="public-read")
    grants = moto_admin.get_object_acl(Bucket=mbucket, Key="k")["Grants"]
    assert len(grants) == 1  # nothing was sent


def test_bucket_acl_grant_to_log_delivery(
    session: S3Session, moto_admin: Any, mbucket: str
) -> None:
    owner = moto_admin.get_bucket_acl(Bucket=mbucket)["Owner"]["ID"]
    put_bucket_acl(
        session,
        mbucket,
        [
            Grant(Grantee.canonical_user(owner), Permission.FULL_CONTROL),
            Grant(Grantee.group(Group.LOG_DELIVERY), Permission.WRITE),
            Grant(Grantee.group(Group.LOG_DELIVERY), Permission.READ_ACP),
        ],
    )
    grants = moto_admin.get_bucket_acl(Bucket=mbucket)["Grants"]
    assert {(g["Grantee"].get("URI") or g["Grantee"]["ID"], g["Permission"]) for g in grants} == {
        (owner, "FULL_CONTROL"),
        (Group.LOG_DELIVERY.value, "WRITE"),
        (Group.LOG_DELIVERY.value, "READ_ACP"),
    }
    put_bucket_acl(session, mbucket, canned="public-read")
    grants = moto_admin.get_bucket_acl(Bucket=mbucket)["Grants"]
    assert (Group.ALL_USERS.value, "READ") in {
        (g["Grantee"].get("URI"), g["Permission"]) for g in grants
    }


def test_object_and_bucket_tags_are_validated_written_and_removed(
    session: S3Session, moto_admin: Any, mbucket: str
) -> None:
    moto_admin.put_object(Bucket=mbucket, Key="k", Body=b"x", Tagging="old=1")

    with pytest.raises(InvalidTags, match="at most 10"):
        put_object_tags(session, mbucket, "k", [Tag(f"k{i}", "v") for i in range(11)])
    assert moto_admin.get_object_tagging(Bucket=mbucket, Key="k")["TagSet"] == [
        {"Key": "old", "Value": "1"}
    ]
    put_object_tags(session, mbucket, "k", [Tag("a", "1"), Tag("b", "two words")])
    assert moto_admin.get_object_tagging(Bucket=mbucket, Key="k")["TagSet"] == [
        {"Key": "a", "Value": "1"},
        {"Key": "b", "Value": "two words"},
    ]
    put_object_tags(session, mbucket, "k", [])
    assert moto_admin.get_object_tagging(Bucket=mbucket, Key="k")["TagSet"] == []

    assert read_bucket_tags(session, mbucket).state is SectionState.NONE
    put_bucket_tags(session, mbucket, [Tag("cost-centre", "42")])
    assert moto_admin.get_bucket_tagging(Bucket=mbucket)["TagSet"] == [
        {"Key": "cost-centre", "Value": "42"}
    ]
    assert read_bucket_tags(session, mbucket).value == (Tag("cost-centre", "42"),)
    put_bucket_tags(session, mbucket, [])
    assert _code(lambda: moto_admin.get_bucket_tagging(Bucket=mbucket)) == "NoSuchTagSet"


# -- bucket settings --------------------------------------------------------------------------


def test_versioning_enable_and_suspend(session: S3Session, moto_admin: Any, mbucket: str) -> None:
    before = read_versioning(session, mbucket).value
    assert before is not None and before.status is None
    set_versioning(session, mbucket, True)
    assert moto_admin.get_bucket_versioning(Bucket=mbucket)["Status"] == "Enabled"
    after = read_versioning(session, mbucket).value
    assert after is not None and after.enabled
    set_versioning(session, mbucket, False)
    assert moto_admin.get_bucket_versioning(Bucket=mbucket)["Status"] == "Suspended"


def test_default_encryption(session: S3Session, moto_admin: Any, mbucket: str) -> None:
    assert read_default_encryption(session, mbucket).state is SectionState.NONE
    key = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    put_default_encryption(session, mbucket, DefaultEncryption("aws:kms", key, True))
    rule = moto_admin.get_bucket_encryption(Bucket=mbucket)["ServerSideEncryptionConfiguration"][
        "Rules"
    ][0]
    assert rule["ApplyServerSideEncryptionByDefault"] == {
        "SSEAlgorithm": "aws:kms",
        "KMSMasterKeyID": key,
    }
    assert rule["BucketKeyEnabled"] is True
    assert read_default_encryption(session, mbucket).value == DefaultEncryption(
        "aws:kms", key, True
    )
    put_default_encryption(session, mbucket, None)
    assert read_default_encryption(session, mbucket).state is SectionState.NONE


def test_policy_is_checked_before_sending_then_written_and_deleted(
    session: S3Session, moto_admin: Any, mbucket: str
) -> None:
    with pytest.raises(InvalidPolicy, match='"Effect" is "Maybe"'):
        put_policy(
            session,
            mbucket,
            '{"Version": "2012-10-17", "Statement": [{"Effect": "Maybe", "Principal": "*", '
            '"Action": "s3:GetObject", "Resource": "*"}]}',
        )
    assert _code(lambda: moto_admin.get_bucket_policy(Bucket=mbucket)) == "NoSuchBucketPolicy"
    policy = json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Sid": "PublicRead",
                    "Effect": "Allow",
                    "Principal": "*",
                    "Action": ["s3:GetObject"],
                    "Resource": f"arn:aws:s3:::{mbucket}/*",
                }
            ],
        }
    )
    put_policy(session, mbucket, policy)
    assert json.loads(moto_admin.get_bucket_policy(Bucket=mbucket)["Policy"]) == json.loads(policy)
    read = read_policy(session, mbucket).value
    assert read is not None and json.loads(read) == json.loads(policy)
    delete_policy(session, mbucket)
    assert read_policy(session, mbucket).state is SectionState.NONE


def test_cors_rules(session: S3Session, moto_admin: Any, mbucket: str) -> None:
    rules = (
        CorsRule(("GET", "HEAD"), ("https://app.example",), ("*",), ("ETag",), 600, "web"),
        CorsRule(("PUT",), ("*",)),
    )
    put_cors(session, mbucket, rules)
    assert moto_admin.get_bucket_cors(Bucket=mbucket)["CORSRules"] == [
        {
            "ID": "web",
            "AllowedHeaders": ["*"],
            "AllowedMethods": ["GET", "HEAD"],
            "AllowedOrigins": ["https://app.example"],
            "ExposeHeaders": ["ETag"],
            "MaxAgeSeconds": 600,
        },
        {"AllowedMethods": ["PUT"], "AllowedOrigins": ["*"]},
    ]
    assert read_cors(session, mbucket).value == rules
    put_cors(session, mbucket, [])
    assert _code(lambda: moto_admin.get_bucket_cors(Bucket=mbucket)) == "NoSuchCORSConfiguration"


def test_website_keeps_routing_rules(session: S3Session, moto_admin: Any, mbucket: str) -> None:
    rules = [
        {
            "Condition": {"KeyPrefixEquals": "docs/"},
            "Redirect": {"ReplaceKeyPrefixWith": "documents/"},
        },
        {
            "Condition": {"HttpErrorCodeReturnedEquals": "404"},
            "Redirect": {"HostName": "x.example"},
        },
    ]
    moto_admin.put_bucket_website(
        Bucket=mbucket,
        WebsiteConfiguration={"IndexDocument": {"Suffix": "index.html"}, "RoutingRules": rules},
    )
    site = read_website(session, mbucket).value
    assert site is not None and site.index_document == "index.html"

    put_website(session, mbucket, Website("home.html", "error.html", None, site.routing_rules))

    stored = moto_admin.get_bucket_website(Bucket=mbucket)
    assert stored["IndexDocument"] == {"Suffix": "home.html"}
    assert stored["ErrorDocument"] == {"Key": "error.html"}
    assert stored["RoutingRules"] == rules

    put_website(session, mbucket, Website(redirect_all=RedirectAll("www.example", "https")))
    assert moto_admin.get_bucket_website(Bucket=mbucket)["RedirectAllRequestsTo"] == {
        "HostName": "www.example",
        "Protocol": "https",
    }
    put_website(session, mbucket, None)
    assert read_website(session, mbucket).state is SectionState.NONE


def test_public_access_block(session: S3Session, moto_admin: Any, mbucket: str) -> None:
    assert read_public_access_block(session, mbucket).state is SectionState.NONE
    block = PublicAccessBlock(True, False, True, False)
    put_public_access_block(session, mbucket, block)
    assert moto_admin.get_public_access_block(Bucket=mbucket)["PublicAccessBlockConfiguration"] == {
        "BlockPublicAcls": True,
        "IgnorePublicAcls": False,
        "BlockPublicPolicy": True,
        "RestrictPublicBuckets": False,
    }
    assert read_public_access_block(session, mbucket).value == block
    put_public_access_block(session, mbucket, None)
    assert read_public_access_block(session, mbucket).state is SectionState.NONE


def test_access_logging(session: S3Session, moto_admin: Any, mbucket: str) -> None:
    logs = f"logs-{uuid.uuid4().hex[:16]}"
    moto_admin.create_bucket(Bucket=logs, ACL="log-delivery-write")
    assert read_logging(session, mbucket).state is SectionState.NONE

    put_logging(session, mbucket, LoggingTarget(logs, "access/"))

    assert moto_admin.get_bucket_logging(Bucket=mbucket)["LoggingEnabled"] == {
        "TargetBucket": logs,
        "TargetPrefix": "access/",
    }
    assert read_logging(session, mbucket).value == LoggingTarget(logs, "access/")
    put_logging(session, mbucket, None)
    assert "LoggingEnabled" not in moto_admin.get_bucket_logging(Bucket=mbucket)


def test_transfer_acceleration(session: S3Session, moto_admin: Any, mbucket: str) -> None:
    set_acceleration(session, mbucket, True)
    assert moto_admin.get_bucket_accelerate_configuration(Bucket=mbucket)["Status"] == "Enabled"
    assert read_acceleration(session, mbucket).value is True
    set_acceleration(session, mbucket, False)
    assert moto_admin.get_bucket_accelerate_configuration(Bucket=mbucket)["Status"] == "Suspended"
    assert read_acceleration(session, mbucket).value is False


# -- lifecycle --------------------------------------------------------------------------------


def test_lifecycle_rule_edit_keeps_an_unrepresentable_rule_exactly(
    session: S3Session, moto_admin: Any, mbucket: str
) -> None:
    legacy = {"Expiration": {"Days": 9}, "ID": "legacy", "Prefix": "old/", "Status": "Enabled"}
    moto_admin.put_bucket_lifecycle_configuration(
        Bucket=mbucket,
        LifecycleConfiguration={
            "Rules": [
                legacy,
                {
                    "ID": "tmp",
                    "Status": "Enabled",
                    "Filter": {"Prefix": "tmp/"},
                    "Expiration": {"Days": 1},
                },
            ]
        },
    )
    before = moto_admin.get_bucket_lifecycle_configuration(Bucket=mbucket)["Rules"][0]
    config = read_lifecycle(session, mbucket).value
    assert config is not None
    assert isinstance(config.rules[0], RawRule) and isinstance(config.rules[1], LifecycleRule)

    edited = LifecycleRule(
        "tmp",
        filter=LifecycleFilter(prefix="scratch/", tags=(Tag("kind", "temp"),)),
        transitions=(Transition("STANDARD_IA", days=30),),
        expiration=Expiration(days=90),
        noncurrent_transitions=(NoncurrentTransition("GLACIER", noncurrent_days=10),),
        abort_multipart_days=None,
    )
    put_lifecycle(session, mbucket, replace_rule(config, 1, edited))

    rules = moto_admin.get_bucket_lifecycle_configuration(Bucket=mbucket)["Rules"]
    assert rules[0] == before == legacy
    assert rules[1] == {
        "ID": "tmp",
        "Status": "Enabled",
        "Filter": {"And": {"Prefix": "scratch/", "Tags": [{"Key": "kind", "Value": "temp"}]}},
        "Transitions": [{"Days": 30, "StorageClass": "STANDARD_IA"}],
        "Expiration": {"Days": 90},
        "NoncurrentVersionTransitions": [{"NoncurrentDays": 10, "StorageClass": "GLACIER"}],
    }


def test_lifecycle_model_round_trip_and_removal(
    session: S3Session, moto_admin: Any, mbucket: str
) -> None:
    assert read_lifecycle(session, mbucket).state is SectionState.NONE
    rules = (
        LifecycleRule(
            "markers",
            filter=LifecycleFilter(prefix=""),
            expiration=Expiration(expired_object_delete_marker=True),
        ),
        LifecycleRule(
            "dated",
            enabled=False,
            filter=LifecycleFilter(tags=(Tag("t", "1"),)),
            transitions=(Transition("GLACIER", date=datetime(2030, 1, 1, tzinfo=UTC)),),
        ),
        LifecycleRule("uploads", filter=LifecycleFilter(prefix="up/"), abort_multipart_days=3),
    )
    put_lifecycle(session, mbucket, LifecycleConfiguration(rules))

    stored = moto_admin.get_bucket_lifecycle_configuration(Bucket=mbucket)["Rules"]
    assert [r["ID"] for r in stored] == ["markers", "dated", "uploads"]
    assert stored[1]["Status"] == "Disabled"
    assert stored[2]["AbortIncompleteMultipartUpload"] == {"DaysAfterInitiation": 3}
    read = read_lifecycle(session, mbucket).value
    assert read is not None and read.rules == rules

    put_lifecycle(session, mbucket, LifecycleConfiguration(()))
    code = _code(lambda: moto_admin.get_bucket_lifecycle_configuration(Bucket=mbucket))
    assert code == "NoSuchLifecycleConfiguration"


# -- everything at once -----------------------------------------------------------------------


def test_bucket_details_of_a_fresh_bucket_are_none_set_not_errors(
    session: S3Session, mbucket: str
) -> None:
    details = read_bucket_details(session, mbucket)

    assert details.general.region.value == "us-east-1"
    assert details.general.created is not None
    assert details.general.path_url.endswith(f"/{mbucket}/")
    for name in (
        "encryption",
        "object_lock",
        "lifecycle",
        "policy",
        "cors",
        "website",
        "public_access_block",
        "logging",
        "tags",
        "object_ownership",
    ):
        assert getattr(details, name).state is SectionState.NONE, name
    assert details.acl.is_set and details.versioning.is_set


def test_a_setting_the_server_refuses_is_described_in_words(
    session: S3Session, mbucket: str
) -> None:
    target = f"nologs-{uuid.uuid4().hex[:12]}"
    session.call(target, lambda c: c.create_bucket(Bucket=target))  # no log-delivery grant
    with pytest.raises(ClientError) as caught:
        put_logging(session, mbucket, LoggingTarget(target, "x/"))
    error = describe(caught.value, bucket=mbucket)
    assert error.kind is ErrorKind.INVALID_REQUEST
    assert error.message.startswith(
        f"The server refused the logging target bucket while saving the access logging of "
        f"bucket '{mbucket}' (InvalidTargetBucketForLogging)"
    )


def test_object_lock_default_retention_and_object_ownership(
    session: S3Session, moto_admin: Any, mbucket: str
) -> None:
    locked = f"lockcfg-{uuid.uuid4().hex[:12]}"
    moto_admin.create_bucket(Bucket=locked, ObjectLockEnabledForBucket=True)

    with pytest.raises(InvalidLockConfiguration, match="days or years"):
        put_lock_configuration(session, locked, "GOVERNANCE")
    put_lock_configuration(session, locked, "COMPLIANCE", years=2)
    stored = moto_admin.get_object_lock_configuration(Bucket=locked)["ObjectLockConfiguration"]
    retention = stored["Rule"]["DefaultRetention"]
    assert (retention["Mode"], retention["Years"]) == ("COMPLIANCE", 2)
    assert not retention.get("Days")  # moto's server adds "Days": 0
    assert read_lock_configuration(session, locked).value == ObjectLockConfiguration(
        True, "COMPLIANCE", None, 2
    )

    put_object_ownership(session, mbucket, "BucketOwnerEnforced")
    assert acls_disabled(session, mbucket)
    put_object_ownership(session, mbucket, "ObjectWriter")
    rules = moto_admin.get_bucket_ownership_controls(Bucket=mbucket)["OwnershipControls"]["Rules"]
    assert rules == [{"ObjectOwnership": "ObjectWriter"}]
    assert not acls_disabled(session, mbucket)
