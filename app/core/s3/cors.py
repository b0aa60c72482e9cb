"""A bucket's CORS rules: read, checked, written."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from app.core.explained import ExplainedError
from app.core.s3.info_section import Feature, Section, read_section, write_setting
from app.core.s3.session import S3Session

CORS_METHODS = ("GET", "PUT", "POST", "DELETE", "HEAD")
MAX_CORS_RULES = 100


@dataclass(frozen=True)
class CorsRule:
    allowed_methods: tuple[str, ...]
    allowed_origins: tuple[str, ...]
    allowed_headers: tuple[str, ...] = ()
    expose_headers: tuple[str, ...] = ()
    max_age_seconds: int | None = None
    id: str | None = None


class InvalidCors(ValueError, ExplainedError):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("The CORS rules cannot be saved: " + " ".join(problems))
        self.problems = problems


def parse_rule(data: Mapping[str, Any]) -> CorsRule:
    return CorsRule(
        allowed_methods=tuple(data.get("AllowedMethods") or ()),
        allowed_origins=tuple(data.get("AllowedOrigins") or ()),
        allowed_headers=tuple(data.get("AllowedHeaders") or ()),
        expose_headers=tuple(data.get("ExposeHeaders") or ()),
        max_age_seconds=data.get("MaxAgeSeconds"),
        id=data.get("ID"),
    )


def rule_to_dict(rule: CorsRule) -> dict[str, Any]:
    data: dict[str, Any] = {
        "AllowedMethods": list(rule.allowed_methods),
        "AllowedOrigins": list(rule.allowed_origins),
    }
    if rule.allowed_headers:
        data["AllowedHeaders"] = list(rule.allowed_headers)
    if rule.expose_headers:
        data["ExposeHeaders"] = list(rule.expose_headers)
    if rule.max_age_seconds is not None:
        data["MaxAgeSeconds"] = rule.max_age_seconds
    if rule.id:
        data["ID"] = rule.id
    return data


def cors_problems(rules: Sequence[CorsRule]) -> list[str]:
    problems: list[str] = []
    if len(rules) > MAX_CORS_RULES:
        problems.append(f"There are {len(rules)} rules; S3 allows at most {MAX_CORS_RULES}.")
    for number, rule in enumerate(rules, 1):
        name = f"CORS rule {number}" + (f" ('{rule.id}')" if rule.id else "")
        if not rule.allowed_methods:
            problems.append(f"{name} allows no method; choose from {', '.join(CORS_METHODS)}.")
        bad = [m for m in rule.allowed_methods if m not in CORS_METHODS]
        if bad:
            problems.append(
                f"{name}: {', '.join(bad)} is not a method S3 allows ({', '.join(CORS_METHODS)})."
            )
        if not rule.allowed_origins:
            problems.append(f"{name} allows no origin; use * for any origin.")
        for origin in rule.allowed_origins:
            if origin.count("*") > 1:
                problems.append(f"{name}: the origin '{origin}' has more than one '*'.")
        for header in rule.allowed_headers:
            if header.count("*") > 1:
                problems.append(f"{name}: the header '{header}' has more than one '*'.")
        if rule.max_age_seconds is not None and rule.max_age_seconds < 0:
            problems.append(f"{name}: the max age cannot be negative.")
        if rule.id is not None and len(rule.id) > 255:
            problems.append(f"{name}: the ID is longer than 255 characters.")
    return problems


def read_cors(
    session: S3Session, bucket: str, unsupported: Collection[Feature] = ()
) -> Section[tuple[CorsRule, ...]]:
    return read_section(
        lambda: session.call(bucket, lambda c: c.get_bucket_cors(Bucket=bucket)),
        lambda r: tuple(parse_rule(d) for d in r.get("CORSRules") or ()) or None,
        "GetBucketCors",
        bucket,
        feature=Feature.CORS,
        unsupported=unsupported,
    )


def put_cors(session: S3Session, bucket: str, rules: Sequence[CorsRule]) -> None:
    """Replace the CORS rules after checking them; no rules removes the configuration."""
    problems = cors_problems(rules)
    if problems:
        raise InvalidCors(problems)
    if not rules:
        write_setting(
            lambda: session.call(bucket, lambda c: c.delete_bucket_cors(Bucket=bucket)),
            "CORS rules",
            bucket,
        )
        return
    body = {"CORSRules": [rule_to_dict(r) for r in rules]}
    write_setting(
        lambda: session.call(
            bucket, lambda c: c.put_bucket_cors(Bucket=bucket, CORSConfiguration=body)
        ),
        "CORS rules",
        bucket,
    )
