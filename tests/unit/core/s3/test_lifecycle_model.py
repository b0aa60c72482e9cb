"""The lifecycle rule model: S3's dicts in and out, unrepresentable rules kept raw, checks."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from app.core.s3.lifecycle import (
    Expiration,
    InvalidLifecycle,
    LifecycleConfiguration,
    LifecycleFilter,
    LifecycleRule,
    NoncurrentExpiration,
    NoncurrentTransition,
    RawRule,
    Transition,
    configuration_problems,
    configuration_to_dict,
    filter_to_dict,
    parse_configuration,
    parse_rule,
    replace_rule,
    rule_problems,
)
from app.core.s3.tags import Tag

EVERY_PART = {
    "ID": "archive-logs",
    "Status": "Enabled",
    "Filter": {
        "And": {
            "Prefix": "logs/",
            "Tags": [{"Key": "kind", "Value": "log"}, {"Key": "team", "Value": "ops"}],
            "ObjectSizeGreaterThan": 1024,
            "ObjectSizeLessThan": 10_000_000,
        }
    },
    "Transitions": [
        {"Days": 30, "StorageClass": "STANDARD_IA"},
        {"Date": datetime(2030, 1, 1, tzinfo=UTC), "StorageClass": "GLACIER"},
    ],
    "Expiration": {"Days": 365},
    "NoncurrentVersionTransitions": [
        {"NoncurrentDays": 10, "NewerNoncurrentVersions": 3, "StorageClass": "GLACIER_IR"}
    ],
    "NoncurrentVersionExpiration": {"NoncurrentDays": 60, "NewerNoncurrentVersions": 5},
    "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 7},
}


def test_a_rule_with_every_part_is_modelled_and_written_back_identically() -> None:
    rule = parse_rule(EVERY_PART)

    assert isinstance(rule, LifecycleRule)
    assert rule.id == "archive-logs" and rule.enabled
    assert rule.filter == LifecycleFilter(
        prefix="logs/",
        tags=(Tag("kind", "log"), Tag("team", "ops")),
        size_greater_than=1024,
        size_less_than=10_000_000,
    )
    assert rule.transitions == (
        Transition("STANDARD_IA", days=30),
        Transition("GLACIER", date=datetime(2030, 1, 1, tzinfo=UTC)),
    )
    assert rule.expiration == Expiration(days=365)
    assert rule.noncurrent_transitions == (NoncurrentTransition("GLACIER_IR", 10, 3),)
    assert rule.noncurrent_expiration == NoncurrentExpiration(60, 5)
    assert rule.abort_multipart_days == 7
    assert configuration_to_dict(LifecycleConfiguration((rule,))) == {"Rules": [EVERY_PART]}


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        (LifecycleFilter(), {}),
        (LifecycleFilter(prefix=""), {"Prefix": ""}),
        (LifecycleFilter(tags=(Tag("a", "1"),)), {"Tag": {"Key": "a", "Value": "1"}}),
        (LifecycleFilter(size_less_than=5), {"ObjectSizeLessThan": 5}),
        (
            LifecycleFilter(tags=(Tag("a", "1"), Tag("b", "2"))),
            {"And": {"Tags": [{"Key": "a", "Value": "1"}, {"Key": "b", "Value": "2"}]}},
        ),
        (
            LifecycleFilter(prefix="p/", size_greater_than=1),
            {"And": {"Prefix": "p/", "ObjectSizeGreaterThan": 1}},
        ),
    ],
)
def test_filters_take_s3s_shape_and_parse_back(
    condition: LifecycleFilter, expected: dict[str, object]
) -> None:
    assert filter_to_dict(condition) == expected
    rule = {"ID": "r", "Status": "Disabled", "Filter": expected, "Expiration": {"Days": 1}}
    parsed = parse_rule(rule)
    assert isinstance(parsed, LifecycleRule)
    assert parsed.filter == condition and not parsed.enabled


@pytest.mark.parametrize(
    "shape",
    [
        # legacy rule-level Prefix instead of a Filter
        {"ID": "legacy", "Status": "Enabled", "Prefix": "old/", "Expiration": {"Days": 9}},
        # an And holding a single condition (the model writes it without the And)
        {
            "ID": "lonely-and",
            "Status": "Enabled",
            "Filter": {"And": {"Prefix": "a/"}},
            "Expiration": {"Days": 9},
        },
        # an element the model does not know
        {
            "ID": "future",
            "Status": "Enabled",
            "Filter": {},
            "Expiration": {"Days": 9},
            "SomethingNew": {"Value": 1},
        },
        # a status S3 may add later
        {"ID": "odd", "Status": "Paused", "Filter": {}, "Expiration": {"Days": 9}},
    ],
)
def test_unrepresentable_rules_are_kept_raw_and_written_back_untouched(
    shape: dict[str, object],
) -> None:
    rule = parse_rule(shape)

    assert isinstance(rule, RawRule)
    assert rule.id == shape["ID"]
    assert configuration_to_dict(LifecycleConfiguration((rule,))) == {"Rules": [shape]}


def test_editing_one_rule_keeps_a_raw_rule_and_the_configuration_setting() -> None:
    raw = {"ID": "legacy", "Status": "Enabled", "Prefix": "old/", "Expiration": {"Days": 9}}
    config = parse_configuration(
        {
            "Rules": [
                raw,
                {"ID": "b", "Status": "Enabled", "Filter": {}, "Expiration": {"Days": 2}},
            ],
            "TransitionDefaultMinimumObjectSize": "varies_by_storage_class",
        }
    )
    assert config is not None
    edited = replace_rule(config, 1, LifecycleRule("b", expiration=Expiration(days=40)))

    assert configuration_to_dict(edited)["Rules"] == [
        raw,
        {"ID": "b", "Status": "Enabled", "Filter": {}, "Expiration": {"Days": 40}},
    ]
    assert edited.transition_default_minimum_object_size == "varies_by_storage_class"
    with pytest.raises(InvalidLifecycle, match="read-only"):
        replace_rule(config, 0, LifecycleRule("x", expiration=Expiration(days=1)))


def test_no_rules_means_none_set() -> None:
    assert parse_configuration({"Rules": []}) is None
    assert parse_configuration({}) is None


@pytest.mark.parametrize(
    ("rule", "words"),
    [
        (LifecycleRule("idle"), "does nothing"),
        (LifecycleRule("t", transitions=(Transition("GLACIER"),)), "either days or a date"),
        (
            LifecycleRule(
                "t", transitions=(Transition("GLACIER", days=1, date=datetime.now(UTC)),)
            ),
            "either days or a date",
        ),
        (LifecycleRule("e", expiration=Expiration()), "exactly one of"),
        (LifecycleRule("e", expiration=Expiration(days=0)), "at least 1"),
        (
            LifecycleRule(
                "m",
                filter=LifecycleFilter(tags=(Tag("a", "b"),)),
                expiration=Expiration(expired_object_delete_marker=True),
            ),
            "cannot be filtered by tags",
        ),
        (
            LifecycleRule("n", noncurrent_expiration=NoncurrentExpiration(5, 101)),
            "1-100",
        ),
        (
            LifecycleRule(
                "a", filter=LifecycleFilter(tags=(Tag("a", "b"),)), abort_multipart_days=3
            ),
            "cannot be filtered by tags",
        ),
        (
            LifecycleRule(
                "s",
                filter=LifecycleFilter(size_greater_than=10, size_less_than=10),
                expiration=Expiration(days=1),
            ),
            "minimum object size",
        ),
        (LifecycleRule("x" * 256, expiration=Expiration(days=1)), "1-255"),
    ],
)
def test_rule_problems_name_the_rule_and_the_fault(rule: LifecycleRule, words: str) -> None:
    problems = rule_problems(rule)
    assert any(words in p for p in problems), problems
    assert all(p.startswith("Rule '") for p in problems)


def test_valid_rules_have_no_problems_and_duplicate_ids_do() -> None:
    every = parse_rule(EVERY_PART)
    assert isinstance(every, LifecycleRule)
    # S3 refuses an abort of unfinished uploads in a rule filtered by tags: so does the check.
    assert rule_problems(every) == [
        "Rule 'archive-logs': aborting unfinished uploads cannot be filtered by tags."
    ]
    good = replace(every, abort_multipart_days=None)
    assert rule_problems(good) == []
    config = LifecycleConfiguration((good, good))
    assert configuration_problems(config) == [
        "The ID 'archive-logs' is used by more than one rule."
    ]
