"""Local checks of the Info editors (tags, policy, CORS, grants) and header parsing."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from app.core.s3.acl import (
    Grant,
    Grantee,
    GranteeKind,
    Group,
    Owner,
    Permission,
    grant_headers,
    grant_problems,
    policy_body,
)
from app.core.s3.bucket_policy import policy_problems
from app.core.s3.cors import CorsRule, cors_problems
from app.core.s3.object_info import etag_is_md5, parse_restore
from app.core.s3.tags import Tag, tag_problems


def test_valid_tags_pass_including_other_scripts() -> None:
    assert tag_problems([Tag("project", "eider"), Tag("Größe", "groß + klein/2=1 @x:y_z.")]) == []


@pytest.mark.parametrize(
    ("tags", "words"),
    [
        ([Tag(f"k{i}", "v") for i in range(11)], "at most 10"),
        ([Tag("", "v")], "empty key"),
        ([Tag("k" * 129, "v")], "at most 128"),
        ([Tag("k", "v" * 257)], "at most 256"),
        ([Tag("aws:owner", "v")], "reserved"),
        ([Tag("a", "1"), Tag("a", "2")], "more than once"),
        ([Tag("a", "x&y")], "'&'"),
        ([Tag("semi;colon", "v")], "';'"),
    ],
)
def test_tags_s3_refuses_are_named(tags: list[Tag], words: str) -> None:
    problems = tag_problems(tags)
    assert any(words in p for p in problems), problems


def _policy(**statement: object) -> str:
    base: dict[str, object] = {
        "Effect": "Allow",
        "Principal": "*",
        "Action": "s3:GetObject",
        "Resource": "arn:aws:s3:::b/*",
    }
    base.update(statement)
    return json.dumps({"Version": "2012-10-17", "Statement": [base]})


def test_a_sound_policy_has_no_problems() -> None:
    assert policy_problems(_policy()) == []
    assert policy_problems(_policy(Principal={"AWS": ["arn:aws:iam::1:root"]}, Sid="S")) == []


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "empty"),
        ('{"Version": "2012-10-17",', "not valid JSON"),
        ("[]", "JSON object"),
        ('{"Statement": []}', '"Version" is missing'),
        ('{"Version": "2020-01-01", "Statement": []}', '"Version" is "2020-01-01"'),
        ('{"Version": "2012-10-17"}', '"Statement" is missing'),
        ('{"Version": "2012-10-17", "Statement": []}', "non-empty list"),
        (_policy(Effect="Maybe"), 'Statement 1: "Effect" is "Maybe"'),
        (_policy(Principal=None), '"Principal" must be'),
        (_policy(Principal={"Robot": "x"}), "unknown kind 'Robot'"),
        (_policy(Action="GetObject"), 'holds "GetObject"'),
        (_policy(Action=[]), "non-empty list"),
        (_policy(Resource="b/*"), "not an ARN"),
        (_policy(Condition="yes"), '"Condition" must be an object'),
        (_policy(Colour="red"), "unknown element 'Colour'"),
        (_policy(NotAction="s3:PutObject"), 'give "Action" or "NotAction", not both'),
    ],
)
def test_policy_problems_name_the_place(text: str, words: str) -> None:
    problems = policy_problems(text)
    assert any(words in p for p in problems), problems


def test_a_missing_principal_and_the_json_position_are_reported() -> None:
    document = json.loads(_policy())
    del document["Statement"][0]["Principal"]
    assert policy_problems(json.dumps(document)) == [
        'Statement 1: "Principal" is missing (a bucket policy statement needs one).'
    ]
    assert "line 2, column" in policy_problems('{\n  "Version": x}')[0]


def test_cors_problems() -> None:
    assert cors_problems([CorsRule(("GET", "PUT"), ("https://a.example",), ("*",))]) == []
    problems = cors_problems([CorsRule(("PATCH",), ()), CorsRule((), ("**",), id="x")])
    assert any("PATCH is not a method" in p for p in problems)
    assert any("CORS rule 1 allows no origin" in p for p in problems)
    assert any("CORS rule 2 ('x') allows no method" in p for p in problems)
    assert any("more than one '*'" in p for p in problems)


def test_grant_problems() -> None:
    assert grant_problems([Grant(Grantee.email("a@example.com"), Permission.READ)]) == []
    problems = grant_problems(
        [
            Grant(Grantee.email("nobody"), Permission.READ),
            Grant(Grantee(GranteeKind.GROUP, "http://example.com/Everyone"), Permission.WRITE),
            Grant(Grantee.canonical_user(" "), Permission.FULL_CONTROL),
        ]
    )
    assert problems == [
        "'nobody' is not an e-mail address.",
        "'http://example.com/Everyone' is not a group S3 knows (AllUsers, AuthenticatedUsers, "
        "LogDelivery).",
        "A FULL_CONTROL grant names no grantee.",
    ]


def test_etag_is_an_md5_only_for_single_part_unencrypted_or_sse_s3() -> None:
    md5 = "5d41402abc4b2a76b9719d911017c592"
    assert etag_is_md5(md5, None, None)
    assert etag_is_md5(md5, "AES256", None)
    assert not etag_is_md5(md5, "aws:kms", None)
    assert not etag_is_md5(md5, None, "AES256")
    assert not etag_is_md5("9b2cf535f27731c974343645a3985328-3", None, None)


def test_restore_header_is_parsed() -> None:
    assert parse_restore(None) is None
    ongoing = parse_restore('ongoing-request="true"')
    assert ongoing is not None and ongoing.in_progress and ongoing.expires is None
    done = parse_restore('ongoing-request="false", expiry-date="Fri, 21 Dec 2012 00:00:00 GMT"')
    assert done is not None and not done.in_progress
    assert done.expires == datetime(2012, 12, 21, tzinfo=UTC)


def test_grants_as_headers_and_as_a_policy_body() -> None:
    grants = [
        Grant(Grantee.canonical_user("abc"), Permission.FULL_CONTROL),
        Grant(Grantee.group(Group.ALL_USERS), Permission.READ),
        Grant(Grantee.email("a@example.com"), Permission.READ),
    ]
    assert grant_headers(grants) == {
        "GrantFullControl": 'id="abc"',
        "GrantRead": f'uri="{Group.ALL_USERS.value}", emailAddress="a@example.com"',
    }
    body = policy_body(Owner("abc", "me"), grants)
    assert body["Owner"] == {"ID": "abc", "DisplayName": "me"}
    assert body["Grants"][2] == {
        "Grantee": {"Type": "AmazonCustomerByEmail", "EmailAddress": "a@example.com"},
        "Permission": "READ",
    }
