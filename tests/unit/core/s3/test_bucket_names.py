from __future__ import annotations

import pytest

from app.core.s3.bucket_names import (
    bucket_name_problems,
    bucket_name_warnings,
    is_dns_compatible,
    is_valid_bucket_name,
)


@pytest.mark.parametrize(
    "name",
    ["abc", "my-bucket", "my.bucket.example", "a" * 63, "0starts-with-digit", "x1-2.3y"],
)
def test_valid_names(name: str) -> None:
    assert bucket_name_problems(name) == []


@pytest.mark.parametrize(
    ("name", "rule", "fragment"),
    [
        ("ab", "length", "3 to 63 characters long; this is 2"),
        ("a" * 64, "length", "this is 64"),
        ("", "length", "this is 0"),
        ("MyBucket", "lowercase", "uppercase letters: B M"),
        ("my_bucket", "characters", "not '_'"),
        ("my bucket", "characters", "not space"),
        ("-bucket", "ends", "start and end with a letter or a digit"),
        ("bucket-", "ends", "start and end"),
        ("bucket.", "ends", "start and end"),
        ("my..bucket", "adjacent-dots", "two dots in a row"),
        ("192.168.5.4", "ip-address", "IP address"),
        ("xn--bucket", "prefix", "'xn--'"),
        ("sthree-bucket", "prefix", "'sthree-'"),
        ("bucket-s3alias", "suffix", "'-s3alias'"),
        ("bucket--ol-s3", "suffix", "'--ol-s3'"),
        ("bucket.mrap", "suffix", "'.mrap'"),
        ("bucket--x-s3", "suffix", "'--x-s3'"),
    ],
)
def test_each_rule_has_its_own_message(name: str, rule: str, fragment: str) -> None:
    problems = bucket_name_problems(name)
    matching = [p for p in problems if p.rule == rule]
    assert matching, problems
    assert fragment in matching[0].message


def test_several_violations_are_all_reported() -> None:
    rules = {p.rule for p in bucket_name_problems("-My_Bucket..")}
    assert rules == {"lowercase", "characters", "ends", "adjacent-dots"}


def test_dots_are_valid_but_warned_and_not_dns_compatible() -> None:
    assert is_valid_bucket_name("my.bucket")
    assert not is_dns_compatible("my.bucket")
    assert "virtual-hosted HTTPS" in bucket_name_warnings("my.bucket")[0]
    assert bucket_name_warnings("my-bucket") == []
    assert is_dns_compatible("my-bucket")
    assert not is_dns_compatible("My-Bucket")
