"""What a profile means for Eider: connection settings, credential source, login fields.

Property keys honoured (Cyberduck's names, plus ``eider.credentials``):
``s3.bucket.virtualhost.disable``, ``s3.signature.version``, ``s3.location``,
``s3.storage.class.options``, ``s3.storage.class``, ``s3.upload.checksum.header``,
``role_arn``, ``mfa_serial``, ``s3.assumerole.durationseconds``,
``s3.assumerole.rolesessionname``, ``eider.credentials`` (a `CredentialKind` value, e.g.
``aws-profile``: the username field then holds an AWS CLI profile name) and ``eider.checksum``
(an `IntegrityPolicy`: crc64nvme, crc32c, md5 or none; see app.core.integrity_policy).
Every other property is kept on the profile for the features that may use it later.

Credential source, first match wins: ``eider.credentials``; a URL in ``Context`` (instance
metadata); ``role_arn`` / ``mfa_serial`` / Role or Multi Factor Configurable (STS AssumeRole);
an OAuth ``Authorization`` (static keys, OAuth is not supported); ``Password Configurable``
false (anonymous when the username is hidden too, else an AWS CLI profile named in the
username field); otherwise static keys.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from app.core.connection import (
    DEFAULT_AWS_HOST,
    AddressingStyle,
    ChecksumPolicy,
    Connection,
    Scheme,
)
from app.core.credentials.spec import CredentialKind, CredentialSpec
from app.core.integrity_policy import IntegrityPolicy, integrity_from_text
from app.core.profiles.errors import ProfileError
from app.core.profiles.model import Profile

HONOURED_PROPERTIES = frozenset(
    {
        "eider.info.unsupported",  # read by app.core.s3.info_features
        "s3.bucket.virtualhost.disable",
        "s3.signature.version",
        "s3.location",
        "s3.storage.class.options",
        "s3.storage.class",
        "s3.upload.checksum.header",
        "s3.upload.expect-continue",
        "role_arn",
        "mfa_serial",
        "s3.assumerole.durationseconds",
        "s3.assumerole.rolesessionname",
        "eider.credentials",
        "eider.checksum",
    }
)
IMDS_HOST = "169.254.169.254"
_TRUE = ("true", "1", "yes")


@dataclass(frozen=True)
class LoginField:
    shown: bool
    placeholder: str = ""
    default: str = ""


@dataclass(frozen=True)
class LoginFields:
    """The fields a connect dialog built from this profile shows."""

    hostname: LoginField
    port: LoginField
    path: LoginField
    username: LoginField
    password: LoginField
    anonymous: LoginField
    token: LoginField
    role_arn: LoginField
    mfa_serial: LoginField


def _flag(value: bool | None, default: bool) -> bool:
    return default if value is None else value


def scheme(profile: Profile) -> Scheme:
    return profile.scheme or Scheme.HTTPS


def default_port(profile: Profile) -> int:
    if profile.default_port is not None:
        return profile.default_port
    return 80 if scheme(profile) is Scheme.HTTP else 443


def host_required(profile: Profile) -> bool:
    """True when the profile has no host but a placeholder for one: the user must type it.

    An empty host without a placeholder falls back to AWS, as Cyberduck does."""
    return (
        not profile.default_hostname
        and bool(profile.hostname_placeholder)
        and _flag(profile.hostname_configurable, True)
    )


def default_host(profile: Profile) -> str | None:
    if profile.default_hostname:
        return profile.default_hostname
    return None if host_required(profile) else DEFAULT_AWS_HOST


def region(profile: Profile) -> str:
    if profile.region:
        return profile.region
    if profile.properties.get("s3.location"):
        return profile.properties["s3.location"]
    return profile.regions[0] if profile.regions else "us-east-1"


def regions(profile: Profile) -> tuple[str, ...]:
    return profile.regions or (region(profile),)


def addressing_style(profile: Profile) -> AddressingStyle:
    value = profile.properties.get("s3.bucket.virtualhost.disable", "").lower()
    return AddressingStyle.PATH if value in _TRUE else AddressingStyle.AUTO


def storage_classes(profile: Profile) -> tuple[str, ...]:
    """Classes offered for uploads; split on any whitespace (values may wrap across lines)."""
    offered = tuple(profile.properties.get("s3.storage.class.options", "").split())
    default = default_storage_class(profile)
    if not offered:
        return (default,)
    return offered if default in offered else (default, *offered)


def default_storage_class(profile: Profile) -> str:
    return profile.properties.get("s3.storage.class", "").strip() or "STANDARD"


def checksum_header(profile: Profile) -> bool | None:
    """Whether the profile wants checksum headers on uploads; None: not said."""
    value = profile.properties.get("s3.upload.checksum.header")
    if value is None or not value.strip():
        return None
    return value.strip().lower() in _TRUE


def checksum_policy(profile: Profile) -> ChecksumPolicy | None:
    header = checksum_header(profile)
    if header is None:
        return None
    return ChecksumPolicy.WHEN_SUPPORTED if header else ChecksumPolicy.WHEN_REQUIRED


def integrity_policy(profile: Profile) -> IntegrityPolicy | None:
    """The profile's `eider.checksum`; None: not said (the provider default applies)."""
    value = profile.properties.get("eider.checksum", "").strip()
    if not value:
        return None
    try:
        return integrity_from_text(value, f"{profile.source}: eider.checksum")
    except ValueError as exc:
        raise ProfileError(str(exc)) from None


def effective_integrity(profile: Profile) -> IntegrityPolicy | None:
    """What the profile's uploads carry and downloads check, as a connection to its default
    host would do; None when the policy waits for the host the user types (no profile
    setting, no default host)."""
    explicit = integrity_policy(profile)
    if explicit is not None:
        return explicit
    headers = checksum_policy(profile)
    if headers is not None:  # what the provider does with the newer headers settles it
        return Connection(checksum_policy=headers).effective_integrity
    host = default_host(profile)
    if host is None:
        return None
    return Connection(host=host, checksum_policy=checksum_policy(profile)).effective_integrity


def expect_continue(profile: Profile) -> bool | None:
    """Cyberduck's `s3.upload.expect-continue`; None: not said (the provider default applies)."""
    value = profile.properties.get("s3.upload.expect-continue")
    if value is None or not value.strip():
        return None
    return value.strip().lower() in _TRUE


def instance_metadata_url(profile: Profile) -> str:
    context = profile.context
    return context if context.lower().startswith(("http://", "https://")) else ""


def credential_kind(profile: Profile) -> CredentialKind:
    explicit = profile.properties.get("eider.credentials", "").strip().lower()
    if explicit:
        try:
            return CredentialKind(explicit)
        except ValueError:
            known = ", ".join(k.value for k in CredentialKind)
            raise ProfileError(
                f"{profile.source}: eider.credentials '{explicit}' is not one of {known}"
            ) from None
    if instance_metadata_url(profile):
        return CredentialKind.INSTANCE_METADATA
    if (
        "role_arn" in profile.properties
        or "mfa_serial" in profile.properties
        or profile.role_configurable
        or profile.mfa_configurable
    ):
        return CredentialKind.ASSUME_ROLE
    if profile.unsupported_authorization:
        return CredentialKind.STATIC  # OAuth sign-in is not available; keys are the way in
    if profile.password_configurable is False:
        # No secret field: either no login at all, or (Cyberduck's AWS CLI profile) the
        # username field names a profile of the AWS CLI configuration.
        if profile.username_configurable is False:
            return CredentialKind.ANONYMOUS
        return CredentialKind.AWS_PROFILE
    return CredentialKind.STATIC


def _metadata_endpoint(profile: Profile) -> str:
    url = instance_metadata_url(profile)
    if not url:
        return ""
    parts = urlsplit(url)
    return "" if parts.hostname == IMDS_HOST else f"{parts.scheme}://{parts.netloc}"


def metadata_role(profile: Profile) -> str:
    """The IAM role named at the end of an instance-metadata Context URL ('' for any role)."""
    path = urlsplit(instance_metadata_url(profile)).path.rstrip("/")
    marker = "/security-credentials"
    return path.split(marker, 1)[1].strip("/") if marker in path else ""


def login_fields(profile: Profile) -> LoginFields:
    kind = credential_kind(profile)
    keys = kind in (CredentialKind.STATIC, CredentialKind.ASSUME_ROLE)
    username_default = kind in (CredentialKind.STATIC, CredentialKind.ASSUME_ROLE) or (
        kind is CredentialKind.AWS_PROFILE
    )
    user_placeholder = profile.username_placeholder or (
        "AWS profile name" if kind is CredentialKind.AWS_PROFILE else "Access Key ID"
    )
    props = profile.properties
    oauth = bool(profile.unsupported_authorization)  # keys replace the OAuth sign-in
    return LoginFields(
        hostname=LoginField(
            _flag(profile.hostname_configurable, True),
            profile.hostname_placeholder,
            profile.default_hostname or (default_host(profile) or ""),
        ),
        port=LoginField(_flag(profile.port_configurable, True), "", str(default_port(profile))),
        path=LoginField(
            _flag(profile.path_configurable, False) or bool(profile.default_path),
            profile.path_placeholder,
            profile.default_path,
        ),
        username=LoginField(
            oauth or _flag(profile.username_configurable, username_default), user_placeholder
        ),
        password=LoginField(
            oauth or _flag(profile.password_configurable, keys),
            profile.password_placeholder or "Secret Access Key",
        ),
        anonymous=LoginField(_flag(profile.anonymous_configurable, False)),
        token=LoginField(_flag(profile.token_configurable, False), profile.token_placeholder),
        role_arn=LoginField(
            kind is CredentialKind.ASSUME_ROLE and not props.get("role_arn"),
            "arn:aws:iam::123456789012:role/name",
            props.get("role_arn", ""),
        ),
        mfa_serial=LoginField(
            kind is CredentialKind.ASSUME_ROLE
            and ("mfa_serial" in props or bool(profile.mfa_configurable))
            and not props.get("mfa_serial"),
            "arn:aws:iam::123456789012:mfa/user",
            props.get("mfa_serial", ""),
        ),
    )


def credential_spec(
    profile: Profile,
    access_key_id: str = "",
    secret_owner: str = "",
    kind: CredentialKind | None = None,
    role_arn: str = "",
    mfa_serial: str = "",
) -> CredentialSpec:
    """The credential source the profile implies, with the user's entries filled in.

    For an ``aws-profile`` source the username field (`access_key_id`) is the profile name.
    """
    kind = kind or credential_kind(profile)
    props = profile.properties
    duration = props.get("s3.assumerole.durationseconds", "").strip()
    if kind is CredentialKind.AWS_PROFILE:
        return CredentialSpec(kind=kind, profile_name=access_key_id or "default")
    if kind is CredentialKind.ANONYMOUS:
        return CredentialSpec(kind=kind)
    if kind is CredentialKind.INSTANCE_METADATA:
        return CredentialSpec(kind=kind, metadata_endpoint=_metadata_endpoint(profile))
    spec = CredentialSpec(kind=kind, access_key_id=access_key_id, secret_owner=secret_owner)
    if kind is CredentialKind.ASSUME_ROLE:
        spec = CredentialSpec(
            kind=kind,
            access_key_id=access_key_id,
            secret_owner=secret_owner,
            role_arn=role_arn or props.get("role_arn", ""),
            mfa_serial=mfa_serial or props.get("mfa_serial", ""),
            role_session_name=props.get("s3.assumerole.rolesessionname", ""),
            duration_seconds=int(duration) if duration.isdigit() else 3600,
            sts_endpoint=profile.sts_endpoint,
        )
    return spec


def connection_from_profile(
    profile: Profile,
    host: str | None = None,
    port: int | None = None,
    region_name: str | None = None,
    credentials: CredentialSpec | None = None,
    **changes: object,
) -> Connection:
    """A Connection for `profile`, with the user's overrides; ProfileError if a host is missing."""
    chosen_host = (host or "").strip() or default_host(profile)
    if not chosen_host:
        hint = f" (e.g. {profile.hostname_placeholder})" if profile.hostname_placeholder else ""
        raise ProfileError(f"{profile.source}: this profile needs a server host name{hint}")
    chosen_scheme = scheme(profile)
    chosen_port = port if port is not None else profile.default_port
    if chosen_port == (80 if chosen_scheme is Scheme.HTTP else 443):
        chosen_port = None
    fields: dict[str, object] = {
        "host": chosen_host,
        "scheme": chosen_scheme,
        "port": chosen_port,
        "region": region_name or region(profile),
        "regions": profile.regions,
        "addressing_style": addressing_style(profile),
        "signature_version": profile.signature_version,
        "checksum_policy": checksum_policy(profile),
        "integrity": integrity_policy(profile),
        "expect_continue": expect_continue(profile),
        "credentials": credentials or credential_spec(profile),
    }
    fields.update(changes)
    try:
        return Connection(**fields)  # type: ignore[arg-type]
    except ValueError as exc:
        raise ProfileError(f"{profile.source}: {exc}") from None
