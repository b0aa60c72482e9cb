"""A bucket's policy (JSON text): read, checked for syntax and structure, written."""

from __future__ import annotations

import json
from collections.abc import Collection
from typing import Any

from app.core.explained import ExplainedError
from app.core.s3.info_section import Feature, Section, read_section, write_setting
from app.core.s3.session import S3Session

POLICY_VERSIONS = ("2012-10-17", "2008-10-17")
_TOP_KEYS = frozenset({"Version", "Id", "Statement"})
_STATEMENT_KEYS = frozenset(
    {
        "Sid",
        "Effect",
        "Principal",
        "NotPrincipal",
        "Action",
        "NotAction",
        "Resource",
        "NotResource",
        "Condition",
    }
)
_PRINCIPAL_KINDS = frozenset({"AWS", "Service", "Federated", "CanonicalUser"})
MAX_POLICY_BYTES = 20 * 1024


class InvalidPolicy(ValueError, ExplainedError):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("The bucket policy cannot be saved: " + " ".join(problems))
        self.problems = problems


def policy_problems(text: str) -> list[str]:
    """Every problem found in a policy document, each naming where it is; empty when valid."""
    if not text.strip():
        return ["The policy is empty; write a JSON document, or delete the policy instead."]
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        return [
            f"The policy is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}."
        ]
    problems: list[str] = []
    if len(text.encode()) > MAX_POLICY_BYTES:
        problems.append(f"The policy is {len(text.encode())} bytes; S3 allows at most 20 KiB.")
    if not isinstance(document, dict):
        return [*problems, "The policy must be a JSON object ({ ... }) at the top level."]
    for extra in sorted(set(document) - _TOP_KEYS):
        problems.append(f"Unknown top-level element '{extra}' (allowed: Version, Id, Statement).")
    version = document.get("Version")
    if version is None:
        problems.append('"Version" is missing; use "2012-10-17".')
    elif version not in POLICY_VERSIONS:
        problems.append(f'"Version" is {json.dumps(version)}; use "2012-10-17".')
    statements = document.get("Statement")
    if statements is None:
        problems.append('"Statement" is missing: a policy needs at least one statement.')
        return problems
    if isinstance(statements, dict):
        statements = [statements]
    if not isinstance(statements, list) or not statements:
        problems.append('"Statement" must be a statement object or a non-empty list of them.')
        return problems
    sids: list[str] = []
    for number, statement in enumerate(statements, 1):
        problems += _statement_problems(number, statement)
        if isinstance(statement, dict) and isinstance(statement.get("Sid"), str):
            sids.append(statement["Sid"])
    for duplicate in sorted({s for s in sids if sids.count(s) > 1}):
        problems.append(f'The Sid "{duplicate}" is used by more than one statement.')
    return problems


def _statement_problems(number: int, statement: Any) -> list[str]:
    where = f"Statement {number}"
    if not isinstance(statement, dict):
        return [f"{where} is not a JSON object."]
    if isinstance(statement.get("Sid"), str):
        where = f'{where} ("{statement["Sid"]}")'
    problems = [
        f"{where}: unknown element '{extra}'." for extra in sorted(set(statement) - _STATEMENT_KEYS)
    ]
    effect = statement.get("Effect")
    if effect not in ("Allow", "Deny"):
        shown = "missing" if effect is None else json.dumps(effect)
        problems.append(f'{where}: "Effect" is {shown}; it must be "Allow" or "Deny".')
    problems += _pair(where, statement, "Principal", "NotPrincipal", _principal_problem)
    problems += _pair(where, statement, "Action", "NotAction", _action_problem)
    problems += _pair(where, statement, "Resource", "NotResource", _resource_problem)
    condition = statement.get("Condition")
    if condition is not None and not isinstance(condition, dict):
        problems.append(f'{where}: "Condition" must be an object of operators.')
    return problems


def _pair(where: str, statement: dict[str, Any], name: str, negated: str, check: Any) -> list[str]:
    present = [k for k in (name, negated) if k in statement]
    if not present:
        return [f'{where}: "{name}" is missing (a bucket policy statement needs one).']
    if len(present) == 2:
        return [f'{where}: give "{name}" or "{negated}", not both.']
    problem = check(statement[present[0]])
    return [f'{where}: "{present[0]}" {problem}'] if problem else []


def _strings(value: Any) -> list[str] | None:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return value
    return None


def _principal_problem(value: Any) -> str | None:
    if value == "*":
        return None
    if not isinstance(value, dict) or not value:
        return 'must be "*" or an object such as {"AWS": "arn:aws:iam::123456789012:root"}.'
    for kind, names in value.items():
        if kind not in _PRINCIPAL_KINDS:
            return f"names an unknown kind '{kind}' (use AWS, Service, Federated or CanonicalUser)."
        if _strings(names) is None:
            return f'has an empty or non-text "{kind}" entry.'
    return None


def _action_problem(value: Any) -> str | None:
    actions = _strings(value)
    if actions is None:
        return 'must be a text or a non-empty list of texts such as "s3:GetObject".'
    for action in actions:
        if action != "*" and (":" not in action or not action.split(":", 1)[1]):
            return f'holds "{action}", which is not an action such as "s3:GetObject".'
    return None


def _resource_problem(value: Any) -> str | None:
    resources = _strings(value)
    if resources is None:
        return 'must be a text or a non-empty list of texts such as "arn:aws:s3:::bucket/*".'
    for resource in resources:
        if resource != "*" and not resource.startswith("arn:"):
            return f'holds "{resource}", which is not an ARN such as "arn:aws:s3:::bucket/*".'
    return None


def check_policy(text: str) -> None:
    problems = policy_problems(text)
    if problems:
        raise InvalidPolicy(problems)


def read_policy(
    session: S3Session, bucket: str, unsupported: Collection[Feature] = ()
) -> Section[str]:
    return read_section(
        lambda: session.call(bucket, lambda c: c.get_bucket_policy(Bucket=bucket)),
        lambda r: r.get("Policy") or None,
        "GetBucketPolicy",
        bucket,
        feature=Feature.POLICY,
        unsupported=unsupported,
    )


def put_policy(session: S3Session, bucket: str, text: str) -> None:
    """Check the policy locally, then send it; the server may still refuse it (in words)."""
    check_policy(text)
    write_setting(
        lambda: session.call(bucket, lambda c: c.put_bucket_policy(Bucket=bucket, Policy=text)),
        "bucket policies",
        bucket,
    )


def delete_policy(session: S3Session, bucket: str) -> None:
    write_setting(
        lambda: session.call(bucket, lambda c: c.delete_bucket_policy(Bucket=bucket)),
        "bucket policies",
        bucket,
    )
