"""The JSON description of a profile printed by `eider profile inspect` (a stable interface).

Version 2 fields, all always present:
``format`` (1), ``file``, ``protocol``, ``vendor``, ``description``, ``scheme``, ``host`` (null
when the user must type one), ``host_required``, ``port``, ``region``, ``regions``,
``addressing_style`` (auto|path), ``signature_version`` (s3v4|s3), ``credential_kind``,
``credentials`` (role_arn, mfa_serial, metadata_url, metadata_role, sts_endpoint),
``storage_classes``, ``default_storage_class``, ``checksum_header`` (true/false/null),
``checksum_policy`` (when_supported|when_required), ``endpoint_url``, ``login_fields``
(name -> {shown, placeholder, default}), ``help``, ``icon`` (null or {format, bytes}),
``unsupported_authorization``, ``properties`` (all, as strings), ``properties_not_applied``,
``unknown_keys``, ``notes`` and (new in version 2) ``integrity``: what uploads carry and what
downloads check (``eider.checksum``), as {``policy`` (crc64nvme|crc32c|md5|none),
``upload_checksum`` (the per-request checksum), ``full_object_checksum`` (crc64nvme|crc32c),
``full_object_kept_by`` (provider|eider-metadata), ``from_profile`` (true when the profile says
it, false for the provider default)}; null like ``checksum_policy`` when the profile leaves
the host to the user and says nothing.

``host``, ``endpoint_url`` and ``checksum_policy`` are null when the profile leaves the host to
the user (then the checksum policy follows the host typed: AWS sends checksums, others only
where required). ``endpoint_url`` is also null for AWS's global endpoint (botocore picks the
regional one).
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from app.core.profiles import settings
from app.core.profiles.model import Profile
from app.core.transfers.integrity import describe_policy

FORMAT_VERSION = 2


def describe_profile(profile: Profile) -> dict[str, Any]:
    host = settings.default_host(profile)
    spec = settings.credential_spec(profile)
    connection = settings.connection_from_profile(profile) if host else None
    policy = (
        connection.effective_checksum_policy
        if connection is not None
        else settings.checksum_policy(profile)
    )
    return {
        "format": FORMAT_VERSION,
        "file": profile.source,
        "protocol": profile.protocol,
        "vendor": profile.vendor,
        "description": profile.description,
        "scheme": settings.scheme(profile).value,
        "host": host,
        "host_required": settings.host_required(profile),
        "port": settings.default_port(profile),
        "region": settings.region(profile),
        "regions": list(settings.regions(profile)),
        "addressing_style": settings.addressing_style(profile).value,
        "signature_version": profile.signature_version.value,
        "credential_kind": spec.kind.value,
        "credentials": {
            "role_arn": spec.role_arn,
            "mfa_serial": spec.mfa_serial,
            "metadata_url": settings.instance_metadata_url(profile),
            "metadata_role": settings.metadata_role(profile),
            "sts_endpoint": spec.sts_endpoint,
        },
        "storage_classes": list(settings.storage_classes(profile)),
        "default_storage_class": settings.default_storage_class(profile),
        "checksum_header": settings.checksum_header(profile),
        "checksum_policy": policy.value if policy else None,
        "endpoint_url": connection.endpoint_url if connection else None,
        "login_fields": asdict(settings.login_fields(profile)),
        "help": profile.help_url,
        "icon": (
            {"format": profile.icon.format, "bytes": len(profile.icon.data)}
            if profile.icon
            else None
        ),
        "unsupported_authorization": profile.unsupported_authorization or None,
        "properties": dict(sorted(profile.properties.items())),
        "properties_not_applied": sorted(set(profile.properties) - settings.HONOURED_PROPERTIES),
        "unknown_keys": profile.unknown_keys,
        "notes": list(profile.notes),
        "integrity": _integrity(profile),
    }


def _integrity(profile: Profile) -> dict[str, Any] | None:
    policy = settings.effective_integrity(profile)
    if policy is None:
        return None
    return {
        **describe_policy(policy),
        "from_profile": settings.integrity_policy(profile) is not None,
    }
