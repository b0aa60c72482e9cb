"""A bucket's lifecycle configuration as a typed rule model, read and written.

A rule the model cannot reproduce exactly (an element it does not know, a legacy rule-level
Prefix, an And holding a single condition, ...) is kept as a `RawRule`: shown read-only and
written back as the very dict the server sent, so editing another rule never rewrites it.
"""

from __future__ import annotations

import copy
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from app.core.explained import ExplainedError
from app.core.s3.info_section import Feature, Section, read_section, write_setting
from app.core.s3.session import S3Session
from app.core.s3.tags import Tag

_RULE_KEYS = frozenset(
    {
        "ID",
        "Status",
        "Filter",
        "Transitions",
        "Expiration",
        "NoncurrentVersionTransitions",
        "NoncurrentVersionExpiration",
        "AbortIncompleteMultipartUpload",
    }
)
MAX_RULES = 1000


@dataclass(frozen=True)
class LifecycleFilter:
    """Which objects a rule applies to; all conditions must hold (S3's And)."""

    prefix: str | None = None
    tags: tuple[Tag, ...] = ()
    size_greater_than: int | None = None  # bytes
    size_less_than: int | None = None

    @property
    def condition_count(self) -> int:
        return (
            (self.prefix is not None)
            + len(self.tags)
            + (self.size_greater_than is not None)
            + (self.size_less_than is not None)
        )


@dataclass(frozen=True)
class Transition:
    storage_class: str
    days: int | None = None
    date: datetime | None = None


@dataclass(frozen=True)
class Expiration:
    days: int | None = None
    date: datetime | None = None
    expired_object_delete_marker: bool | None = None


@dataclass(frozen=True)
class NoncurrentTransition:
    storage_class: str
    noncurrent_days: int | None = None
    newer_noncurrent_versions: int | None = None


@dataclass(frozen=True)
class NoncurrentExpiration:
    noncurrent_days: int | None = None
    newer_noncurrent_versions: int | None = None


@dataclass(frozen=True)
class LifecycleRule:
    id: str | None
    enabled: bool = True
    filter: LifecycleFilter = field(default_factory=LifecycleFilter)
    transitions: tuple[Transition, ...] = ()
    expiration: Expiration | None = None
    noncurrent_transitions: tuple[NoncurrentTransition, ...] = ()
    noncurrent_expiration: NoncurrentExpiration | None = None
    abort_multipart_days: int | None = None


@dataclass(frozen=True)
class RawRule:
    """A rule the model cannot represent: read-only, written back exactly as received."""

    data: Mapping[str, Any]

    @property
    def id(self) -> str | None:
        value = self.data.get("ID")
        return str(value) if value is not None else None


Rule = LifecycleRule | RawRule


@dataclass(frozen=True)
class LifecycleConfiguration:
    rules: tuple[Rule, ...]
    # S3's configuration-wide setting (all_storage_classes_128K / varies_by_storage_class).
    transition_default_minimum_object_size: str | None = None


class InvalidLifecycle(ValueError, ExplainedError):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("The lifecycle rules cannot be saved: " + " ".join(problems))
        self.problems = problems


# -- server dict -> model ---------------------------------------------------------------------


class _Unrepresentable(Exception):
    pass


def parse_rule(data: Mapping[str, Any]) -> Rule:
    """The model of one rule, or a RawRule when the model cannot reproduce it exactly."""
    try:
        rule = _parse_rule(data)
    except (_Unrepresentable, KeyError, TypeError, ValueError):
        return RawRule(copy.deepcopy(dict(data)))
    if rule_to_dict(rule) != data:
        return RawRule(copy.deepcopy(dict(data)))
    return rule


def parse_configuration(response: Mapping[str, Any]) -> LifecycleConfiguration | None:
    rules = response.get("Rules") or []
    if not rules:
        return None
    return LifecycleConfiguration(
        tuple(parse_rule(r) for r in rules),
        response.get("TransitionDefaultMinimumObjectSize"),
    )


def _only(data: Mapping[str, Any], allowed: Collection[str]) -> None:
    if set(data) - set(allowed):
        raise _Unrepresentable


def _parse_rule(data: Mapping[str, Any]) -> LifecycleRule:
    _only(data, _RULE_KEYS)
    if "Filter" not in data or data["Status"] not in ("Enabled", "Disabled"):
        raise _Unrepresentable
    expiration = None
    if "Expiration" in data:
        e = data["Expiration"]
        _only(e, ("Days", "Date", "ExpiredObjectDeleteMarker"))
        expiration = Expiration(e.get("Days"), e.get("Date"), e.get("ExpiredObjectDeleteMarker"))
    transitions = []
    for t in data.get("Transitions", ()):
        _only(t, ("Days", "Date", "StorageClass"))
        transitions.append(Transition(t["StorageClass"], t.get("Days"), t.get("Date")))
    noncurrent_transitions = []
    for t in data.get("NoncurrentVersionTransitions", ()):
        _only(t, ("NoncurrentDays", "NewerNoncurrentVersions", "StorageClass"))
        noncurrent_transitions.append(
            NoncurrentTransition(
                t["StorageClass"], t.get("NoncurrentDays"), t.get("NewerNoncurrentVersions")
            )
        )
    noncurrent_expiration = None
    if "NoncurrentVersionExpiration" in data:
        n = data["NoncurrentVersionExpiration"]
        _only(n, ("NoncurrentDays", "NewerNoncurrentVersions"))
        noncurrent_expiration = NoncurrentExpiration(
            n.get("NoncurrentDays"), n.get("NewerNoncurrentVersions")
        )
    abort = None
    if "AbortIncompleteMultipartUpload" in data:
        a = data["AbortIncompleteMultipartUpload"]
        _only(a, ("DaysAfterInitiation",))
        abort = a["DaysAfterInitiation"]
    return LifecycleRule(
        id=data.get("ID"),
        enabled=data["Status"] == "Enabled",
        filter=_parse_filter(data["Filter"]),
        transitions=tuple(transitions),
        expiration=expiration,
        noncurrent_transitions=tuple(noncurrent_transitions),
        noncurrent_expiration=noncurrent_expiration,
        abort_multipart_days=abort,
    )


_SINGLE_CONDITIONS = ("Prefix", "Tag", "ObjectSizeGreaterThan", "ObjectSizeLessThan")


def _parse_filter(data: Mapping[str, Any]) -> LifecycleFilter:
    if "And" in data:
        _only(data, ("And",))
        body = data["And"]
        _only(body, ("Prefix", "Tags", "ObjectSizeGreaterThan", "ObjectSizeLessThan"))
        tags = tuple(Tag(t["Key"], t["Value"]) for t in body.get("Tags", ()))
    else:
        _only(data, _SINGLE_CONDITIONS)
        if len(data) > 1:
            raise _Unrepresentable
        body = data
        tag = data.get("Tag")
        tags = (Tag(tag["Key"], tag["Value"]),) if tag else ()
    return LifecycleFilter(
        prefix=body.get("Prefix"),
        tags=tags,
        size_greater_than=body.get("ObjectSizeGreaterThan"),
        size_less_than=body.get("ObjectSizeLessThan"),
    )


# -- model -> server dict ---------------------------------------------------------------------


def filter_to_dict(f: LifecycleFilter) -> dict[str, Any]:
    """A single condition stands alone; two or more go in an And (S3's own shape)."""
    body: dict[str, Any] = {}
    if f.prefix is not None:
        body["Prefix"] = f.prefix
    if f.condition_count > 1:
        if f.tags:
            body["Tags"] = [{"Key": t.key, "Value": t.value} for t in f.tags]
    elif f.tags:
        body["Tag"] = {"Key": f.tags[0].key, "Value": f.tags[0].value}
    if f.size_greater_than is not None:
        body["ObjectSizeGreaterThan"] = f.size_greater_than
    if f.size_less_than is not None:
        body["ObjectSizeLessThan"] = f.size_less_than
    return {"And": body} if f.condition_count > 1 else body


def _without_none(data: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if v is not None}


def rule_to_dict(rule: Rule) -> dict[str, Any]:
    if isinstance(rule, RawRule):
        return copy.deepcopy(dict(rule.data))
    data: dict[str, Any] = {}
    if rule.id is not None:
        data["ID"] = rule.id
    data["Status"] = "Enabled" if rule.enabled else "Disabled"
    data["Filter"] = filter_to_dict(rule.filter)
    if rule.transitions:
        data["Transitions"] = [
            _without_none({"Days": t.days, "Date": t.date, "StorageClass": t.storage_class})
            for t in rule.transitions
        ]
    if rule.expiration is not None:
        e = rule.expiration
        data["Expiration"] = _without_none(
            {
                "Days": e.days,
                "Date": e.date,
                "ExpiredObjectDeleteMarker": e.expired_object_delete_marker,
            }
        )
    if rule.noncurrent_transitions:
        data["NoncurrentVersionTransitions"] = [
            _without_none(
                {
                    "NoncurrentDays": t.noncurrent_days,
                    "NewerNoncurrentVersions": t.newer_noncurrent_versions,
                    "StorageClass": t.storage_class,
                }
            )
            for t in rule.noncurrent_transitions
        ]
    if rule.noncurrent_expiration is not None:
        n = rule.noncurrent_expiration
        data["NoncurrentVersionExpiration"] = _without_none(
            {
                "NoncurrentDays": n.noncurrent_days,
                "NewerNoncurrentVersions": n.newer_noncurrent_versions,
            }
        )
    if rule.abort_multipart_days is not None:
        data["AbortIncompleteMultipartUpload"] = {"DaysAfterInitiation": rule.abort_multipart_days}
    return data


def configuration_to_dict(config: LifecycleConfiguration) -> dict[str, Any]:
    return {"Rules": [rule_to_dict(r) for r in config.rules]}


# -- checks -----------------------------------------------------------------------------------


def rule_problems(rule: LifecycleRule) -> list[str]:
    """Why S3 would refuse the rule, in words (checked before anything is sent)."""
    name = f"Rule '{rule.id}'" if rule.id else "A rule without an ID"
    problems: list[str] = []
    if rule.id is not None and not 1 <= len(rule.id) <= 255:
        problems.append(f"{name}: the ID must be 1-255 characters long.")
    has_action = (
        rule.transitions
        or rule.expiration
        or rule.noncurrent_transitions
        or rule.noncurrent_expiration
        or rule.abort_multipart_days is not None
    )
    if not has_action:
        problems.append(f"{name} does nothing: give it a transition, an expiration or an abort.")
    for t in rule.transitions:
        if (t.days is None) == (t.date is None):
            problems.append(f"{name}: a transition needs either days or a date.")
        elif t.days is not None and t.days < 0:
            problems.append(f"{name}: a transition's days cannot be negative.")
        if not t.storage_class:
            problems.append(f"{name}: a transition needs a storage class.")
    e = rule.expiration
    if e is not None:
        chosen = (e.days is not None) + (e.date is not None) + bool(e.expired_object_delete_marker)
        if chosen != 1:
            problems.append(
                f"{name}: an expiration takes exactly one of days, a date, or removing expired "
                "delete markers."
            )
        if e.days is not None and e.days < 1:
            problems.append(f"{name}: expiration days must be at least 1.")
        if e.expired_object_delete_marker and rule.filter.tags:
            problems.append(f"{name}: removing expired delete markers cannot be filtered by tags.")
    for nt in rule.noncurrent_transitions:
        if nt.noncurrent_days is None:
            problems.append(f"{name}: a noncurrent-version transition needs a number of days.")
        if not nt.storage_class:
            problems.append(f"{name}: a noncurrent-version transition needs a storage class.")
    ne = rule.noncurrent_expiration
    if ne is not None and (ne.noncurrent_days is None or ne.noncurrent_days < 1):
        problems.append(f"{name}: noncurrent versions expire after at least 1 day.")
    for versions in [t.newer_noncurrent_versions for t in rule.noncurrent_transitions] + [
        ne.newer_noncurrent_versions if ne else None
    ]:
        if versions is not None and not 1 <= versions <= 100:
            problems.append(f"{name}: the newer versions to keep must be 1-100.")
    if rule.abort_multipart_days is not None:
        if rule.abort_multipart_days < 1:
            problems.append(f"{name}: unfinished uploads are aborted after at least 1 day.")
        if rule.filter.tags:
            problems.append(f"{name}: aborting unfinished uploads cannot be filtered by tags.")
    f = rule.filter
    if (
        f.size_greater_than is not None
        and f.size_less_than is not None
        and f.size_greater_than >= f.size_less_than
    ):
        problems.append(f"{name}: the minimum object size must be below the maximum.")
    return problems


def configuration_problems(config: LifecycleConfiguration) -> list[str]:
    problems: list[str] = []
    if len(config.rules) > MAX_RULES:
        problems.append(f"There are {len(config.rules)} rules; S3 allows at most {MAX_RULES}.")
    ids = [r.id for r in config.rules if r.id]
    for duplicate in sorted({i for i in ids if ids.count(i) > 1}):
        problems.append(f"The ID '{duplicate}' is used by more than one rule.")
    for rule in config.rules:
        if isinstance(rule, LifecycleRule):
            problems += rule_problems(rule)
    return problems


# -- server -----------------------------------------------------------------------------------


def read_lifecycle(
    session: S3Session, bucket: str, unsupported: Collection[Feature] = ()
) -> Section[LifecycleConfiguration]:
    return read_section(
        lambda: session.call(bucket, lambda c: c.get_bucket_lifecycle_configuration(Bucket=bucket)),
        parse_configuration,
        "GetBucketLifecycleConfiguration",
        bucket,
        feature=Feature.LIFECYCLE,
        unsupported=unsupported,
    )


def put_lifecycle(session: S3Session, bucket: str, config: LifecycleConfiguration) -> None:
    """Replace the configuration after checking it; no rules removes it."""
    problems = configuration_problems(config)
    if problems:
        raise InvalidLifecycle(problems)
    if not config.rules:
        write_setting(
            lambda: session.call(bucket, lambda c: c.delete_bucket_lifecycle(Bucket=bucket)),
            "lifecycle rules",
            bucket,
        )
        return
    params: dict[str, Any] = {
        "Bucket": bucket,
        "LifecycleConfiguration": configuration_to_dict(config),
    }
    if config.transition_default_minimum_object_size:
        params["TransitionDefaultMinimumObjectSize"] = config.transition_default_minimum_object_size
    write_setting(
        lambda: session.call(bucket, lambda c: c.put_bucket_lifecycle_configuration(**params)),
        "lifecycle rules of this kind",
        bucket,
    )


def replace_rule(
    config: LifecycleConfiguration, index: int, rule: LifecycleRule
) -> LifecycleConfiguration:
    rules: list[Rule] = list(config.rules)
    if isinstance(rules[index], RawRule):
        raise InvalidLifecycle([f"Rule {index + 1} is shown read-only and cannot be edited."])
    rules[index] = rule
    return LifecycleConfiguration(tuple(rules), config.transition_default_minimum_object_size)


def with_rules(
    config: LifecycleConfiguration | None, rules: Sequence[Rule]
) -> LifecycleConfiguration:
    minimum = config.transition_default_minimum_object_size if config else None
    return LifecycleConfiguration(tuple(rules), minimum)
