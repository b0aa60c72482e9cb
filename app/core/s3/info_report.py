"""The JSON printed by `eider info --json` (a stable interface, like `profile inspect`).

Format 1. Every field is always present; unknown values are null. Top level: ``format`` (1),
``type`` ("object" or "bucket"), ``bucket``, ``key`` (null for a bucket), then the parts.

Each setting that is read with its own request is a *section*:
``{"status": "set" | "none" | "unsupported" | "error", "value": ..., "error": ...}`` where
``value`` is null unless the status is "set", "none" means nothing is configured,
"unsupported" means the server (or the provider's profile) lacks the feature, and ``error`` is
null or ``{"kind", "message", "fix"}`` (the words `eider` prints; never a secret).

Object: ``general`` (bucket, key, size, last_modified, etag, etag_is_md5, parts_count,
checksums {algorithm: base64}, checksum_type, version_id, content_type, storage_class,
encryption (none|SSE-S3|SSE-KMS|SSE-C|client-side), sse_algorithm, kms_key_id,
bucket_key_enabled, sse_customer_algorithm, owner {id, display_name}, retention {mode,
retain_until}, legal_hold, restore {in_progress, expires}), ``metadata`` (content_type,
cache_control, content_disposition, content_encoding, content_language, expires,
website_redirect_location, user {name: value}), and the sections ``acl`` ({owner, grants:
[{grantee: {kind, value, display_name}, permission}]}), ``acls_disabled`` (true when the
bucket's object ownership is BucketOwnerEnforced: ACLs cannot be edited), the section
``object_ownership`` and the section ``tags`` ([{key, value}]).

Bucket: ``general`` (name, region (a section), created, path_url, virtual_host_url), and the
sections ``versioning`` {status, mfa_delete}, ``encryption`` {algorithm, kms_key_id,
bucket_key_enabled}, ``object_lock`` {enabled, mode, days, years}, ``lifecycle``
{rules: [{id, read_only, rule}], transition_default_minimum_object_size} (``rule`` in S3's
own LifecycleRule shape; ``read_only`` rules are ones Eider keeps untouched), ``policy`` (the
policy document, parsed), ``cors`` [{allowed_methods, allowed_origins, allowed_headers,
expose_headers, max_age_seconds, id}], ``website`` {index_document, error_document,
redirect_all {host, protocol}, routing_rules (S3's shape)}, ``public_access_block``
{block_public_acls, ignore_public_acls, block_public_policy, restrict_public_buckets},
``logging`` {bucket, prefix}, ``tags``, ``requester_pays`` (true/false), ``acceleration``
(true/false), ``acl``, ``object_ownership`` (e.g. "BucketOwnerEnforced") and
``acls_disabled`` (true/false).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from datetime import date, datetime
from enum import Enum
from typing import Any

from app.core.s3.acl import BUCKET_OWNER_ENFORCED
from app.core.s3.bucket_info import BucketDetails
from app.core.s3.info_section import Section
from app.core.s3.lifecycle import LifecycleConfiguration, RawRule, rule_to_dict
from app.core.s3.object_info import ObjectDetails

FORMAT_VERSION = 1


def object_report(details: ObjectDetails) -> dict[str, Any]:
    return {
        "format": FORMAT_VERSION,
        "type": "object",
        "bucket": details.general.bucket,
        "key": details.general.key,
        "general": plain(details.general),
        "metadata": plain(details.metadata),
        "acl": plain(details.acl),
        "acls_disabled": details.acls_disabled,
        "object_ownership": plain(details.object_ownership),
        "tags": plain(details.tags),
    }


def bucket_report(details: BucketDetails) -> dict[str, Any]:
    report: dict[str, Any] = {
        "format": FORMAT_VERSION,
        "type": "bucket",
        "bucket": details.general.name,
        "key": None,
    }
    for f in dataclasses.fields(details):
        value = getattr(details, f.name)
        if f.name == "policy":
            report[f.name] = _section(value, _policy_document)
        else:
            report[f.name] = plain(value)
    report["acls_disabled"] = details.object_ownership.value == BUCKET_OWNER_ENFORCED
    return report


def plain(value: Any) -> Any:
    """A JSON-ready copy of an Info value (dataclasses, sections, dates, enums)."""
    if isinstance(value, Section):
        return _section(value, plain)
    if isinstance(value, LifecycleConfiguration):
        return {
            "rules": [
                {"id": r.id, "read_only": isinstance(r, RawRule), "rule": plain(rule_to_dict(r))}
                for r in value.rules
            ],
            "transition_default_minimum_object_size": value.transition_default_minimum_object_size,
        }
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def _section(section: Section[Any], convert: Any) -> dict[str, Any]:
    error = section.error
    return {
        "status": section.state.value,
        "value": convert(section.value) if section.value is not None else None,
        "error": (
            {"kind": error.kind.value, "message": error.message, "fix": error.fix}
            if error is not None
            else None
        ),
    }


def _policy_document(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return text  # a server may hold a policy it would no longer accept: show it as text
