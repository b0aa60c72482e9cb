"""`eider info` in words: renders the same report the JSON holds, for people."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

_WIDTH = 25
_ACLS_DISABLED = (
    "  ACLs are disabled by the bucket's object ownership (bucket owner enforced): access is "
    "granted by the bucket policy, and these grants cannot be changed."
)
_STATES = {"none": "none set", "unsupported": "not supported by this server"}


def _row(label: str, value: Any) -> str:
    return f"  {label:<{_WIDTH}}{'-' if value in (None, '') else value}"


def _section(title: str, section: dict[str, Any], render: Callable[[Any], list[str]]) -> list[str]:
    status = section["status"]
    if status == "set":
        return [title, *render(section["value"])]
    if status == "error":
        return [
            title,
            f"  could not be read: {section['error']['message']} {section['error']['fix']}",
        ]
    return [f"{title}: {_STATES[status]}"]


def _inline(title: str, section: dict[str, Any], render: Callable[[Any], str]) -> str:
    status = section["status"]
    if status == "set":
        return _row(title, render(section["value"]))
    if status == "error":
        return _row(title, f"could not be read: {section['error']['message']}")
    return _row(title, _STATES[status])


def _grants(acl: dict[str, Any]) -> list[str]:
    owner = acl["owner"]
    lines = [_row("Owner", _who_owner(owner))] if owner else []
    for grant in acl["grants"]:
        grantee = grant["grantee"]
        kind = {
            "CanonicalUser": "user",
            "AmazonCustomerByEmail": "e-mail",
            "Group": "group",
        }[grantee["kind"]]
        name = grantee["value"].rsplit("/", 1)[-1] if kind == "group" else grantee["value"]
        shown = f" ({grantee['display_name']})" if grantee["display_name"] else ""
        lines.append(_row(grant["permission"], f"{kind} {name}{shown}"))
    return lines or ["  no grants"]


def _who_owner(owner: dict[str, Any] | None) -> str | None:
    if not owner:
        return None
    return owner["id"] + (f" ({owner['display_name']})" if owner["display_name"] else "")


def _tags(tags: list[dict[str, str]]) -> list[str]:
    return [f"  {t['key']} = {t['value']}" for t in tags] or ["  no tags"]


def object_text(report: dict[str, Any]) -> str:
    g = report["general"]
    md5 = "MD5 of the content" if g["etag_is_md5"] else "not an MD5 (multipart or encrypted)"
    encryption = g["encryption"]
    if g["kms_key_id"]:
        encryption += f" (key {g['kms_key_id']})"
    retention = g["retention"]
    restore = g["restore"]
    lines = [
        f"Object s3://{g['bucket']}/{g['key']}",
        _row("Size", f"{g['size']:,} bytes"),
        _row("Last modified", g["last_modified"]),
        _row("ETag", f"{g['etag']} ({md5})"),
        _row(
            "Checksums",
            ", ".join(f"{k} {v}" for k, v in g["checksums"].items()) or "none stored",
        ),
        _row("Version", g["version_id"]),
        _row("Content type", g["content_type"]),
        _row("Storage class", g["storage_class"]),
        _row("Encryption", encryption),
        _row("Owner", _who_owner(g["owner"])),
        _row(
            "Retention",
            f"{retention['mode']} until {retention['retain_until']}" if retention else "none",
        ),
        _row("Legal hold", {True: "on", False: "off", None: "-"}[g["legal_hold"]]),
        _row(
            "Restore",
            "not requested"
            if restore is None
            else "in progress"
            if restore["in_progress"]
            else f"restored copy until {restore['expires']}",
        ),
        "Metadata",
    ]
    m = report["metadata"]
    for label, name in (
        ("Content-Type", "content_type"),
        ("Cache-Control", "cache_control"),
        ("Content-Disposition", "content_disposition"),
        ("Content-Encoding", "content_encoding"),
        ("Content-Language", "content_language"),
        ("Expires", "expires"),
        ("Website redirect", "website_redirect_location"),
    ):
        lines.append(_row(label, m[name]))
    lines += [_row(f"x-amz-meta-{k}", v) for k, v in m["user"].items()]
    lines += _section("Permissions (ACL)", report["acl"], _grants)
    if report["acls_disabled"]:
        lines.append(_ACLS_DISABLED)
    lines += _section("Tags", report["tags"], _tags)
    return "\n".join(lines)


def _lifecycle(value: dict[str, Any]) -> list[str]:
    lines: list[str] = []
    for number, entry in enumerate(value["rules"], 1):
        rule = entry["rule"]
        title = f"  Rule {number}" + (f" '{entry['id']}'" if entry["id"] else "")
        state = rule.get("Status", "?")
        kept = " (kept as is: Eider cannot edit this rule's shape)" if entry["read_only"] else ""
        lines.append(f"{title}: {state}{kept}")
        for key, part in rule.items():
            if key not in ("ID", "Status"):
                lines.append(f"    {key}: {json.dumps(part, ensure_ascii=False)}")
    return lines


def _cors(rules: list[dict[str, Any]]) -> list[str]:
    lines: list[str] = []
    for number, rule in enumerate(rules, 1):
        lines.append(
            f"  Rule {number}: {' '.join(rule['allowed_methods'])} from "
            f"{', '.join(rule['allowed_origins'])}"
        )
        if rule["allowed_headers"]:
            lines.append(f"    allowed headers: {', '.join(rule['allowed_headers'])}")
        if rule["expose_headers"]:
            lines.append(f"    exposed headers: {', '.join(rule['expose_headers'])}")
        if rule["max_age_seconds"] is not None:
            lines.append(f"    max age: {rule['max_age_seconds']} s")
    return lines


def _website(site: dict[str, Any]) -> list[str]:
    if site["redirect_all"]:
        target = site["redirect_all"]
        scheme = f"{target['protocol']}://" if target["protocol"] else ""
        return [_row("Redirects all to", f"{scheme}{target['host']}")]
    return [
        _row("Index document", site["index_document"]),
        _row("Error document", site["error_document"]),
        _row("Routing rules", len(site["routing_rules"])),
    ]


_SWITCHES = {
    "block_public_acls": "Block public ACLs",
    "ignore_public_acls": "Ignore public ACLs",
    "block_public_policy": "Block public policy",
    "restrict_public_buckets": "Restrict public buckets",
}


def _switches(block: dict[str, Any]) -> list[str]:
    return [_row(label, "yes" if block[name] else "no") for name, label in _SWITCHES.items()]


def bucket_text(report: dict[str, Any]) -> str:
    g = report["general"]
    lines = [
        f"Bucket {g['name']}",
        _inline("Region", g["region"], str),
        _row("Created", g["created"]),
        _row("URL (path style)", g["path_url"]),
        _row("URL (virtual host)", g["virtual_host_url"]),
        _inline(
            "Versioning",
            report["versioning"],
            lambda v: f"{v['status'] or 'never enabled'} (MFA delete: {v['mfa_delete'] or '-'})",
        ),
        _inline(
            "Default encryption",
            report["encryption"],
            lambda e: e["algorithm"] + (f" (key {e['kms_key_id']})" if e["kms_key_id"] else ""),
        ),
        _inline(
            "Object Lock",
            report["object_lock"],
            lambda o: (
                ("enabled" if o["enabled"] else "disabled")
                + (
                    f", default {o['mode']} for {o['days'] or o['years']} "
                    f"{'days' if o['days'] else 'years'}"
                    if o["mode"]
                    else ""
                )
            ),
        ),
        _inline("Requester pays", report["requester_pays"], lambda on: "yes" if on else "no"),
        _inline(
            "Transfer acceleration",
            report["acceleration"],
            lambda on: "enabled" if on else "suspended",
        ),
        _inline("Object ownership", report["object_ownership"], str),
        _inline(
            "Access logging", report["logging"], lambda t: f"to s3://{t['bucket']}/{t['prefix']}"
        ),
    ]
    lines += _section("Lifecycle", report["lifecycle"], _lifecycle)
    lines += _section(
        "Policy",
        report["policy"],
        lambda p: ["  " + line for line in json.dumps(p, indent=2).splitlines()],
    )
    lines += _section("CORS", report["cors"], _cors)
    lines += _section("Static website", report["website"], _website)
    lines += _section("Public access block", report["public_access_block"], _switches)
    lines += _section("Tags", report["tags"], _tags)
    lines += _section("Permissions (ACL)", report["acl"], _grants)
    if report["acls_disabled"]:
        lines.append(_ACLS_DISABLED)
    return "\n".join(lines)
