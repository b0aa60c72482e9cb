"""Access control lists of objects and buckets: grants read, edited and written.

A bucket whose object ownership is "bucket owner enforced" has ACLs disabled: the reader says so
(`acls_disabled`) and writers raise `AclsDisabled` instead of sending a request S3 refuses.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from botocore.exceptions import ClientError

from app.core.explained import ExplainedError
from app.core.s3.info_section import Feature, Section, error_code, read_section, write_setting
from app.core.s3.session import S3Session


class Permission(StrEnum):
    READ = "READ"
    WRITE = "WRITE"
    READ_ACP = "READ_ACP"
    WRITE_ACP = "WRITE_ACP"
    FULL_CONTROL = "FULL_CONTROL"


class GranteeKind(StrEnum):
    CANONICAL_USER = "CanonicalUser"
    EMAIL = "AmazonCustomerByEmail"
    GROUP = "Group"


class Group(StrEnum):
    ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers"
    AUTHENTICATED_USERS = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"
    LOG_DELIVERY = "http://acs.amazonaws.com/groups/s3/LogDelivery"


CANNED_OBJECT_ACLS = (
    "private",
    "public-read",
    "public-read-write",
    "authenticated-read",
    "aws-exec-read",
    "bucket-owner-read",
    "bucket-owner-full-control",
)
CANNED_BUCKET_ACLS = (
    "private",
    "public-read",
    "public-read-write",
    "authenticated-read",
    "log-delivery-write",
)
BUCKET_OWNER_ENFORCED = "BucketOwnerEnforced"
# Canned ACLs S3 still accepts with ACLs disabled: they grant nothing beyond the owner.
_ALLOWED_WHEN_DISABLED = ("bucket-owner-full-control", "private")


@dataclass(frozen=True)
class Grantee:
    kind: GranteeKind
    value: str  # canonical id, e-mail address, or group URI
    display_name: str | None = None

    @classmethod
    def canonical_user(cls, canonical_id: str) -> Grantee:
        return cls(GranteeKind.CANONICAL_USER, canonical_id)

    @classmethod
    def email(cls, address: str) -> Grantee:
        return cls(GranteeKind.EMAIL, address)

    @classmethod
    def group(cls, group: Group) -> Grantee:
        return cls(GranteeKind.GROUP, group.value)


@dataclass(frozen=True)
class Grant:
    grantee: Grantee
    permission: Permission


@dataclass(frozen=True)
class Owner:
    id: str
    display_name: str | None = None


@dataclass(frozen=True)
class AccessControlList:
    owner: Owner | None
    grants: tuple[Grant, ...]


class AclsDisabled(RuntimeError, ExplainedError):
    def __init__(self, bucket: str) -> None:
        super().__init__(
            f"Bucket '{bucket}' has ACLs disabled (object ownership is \"bucket owner "
            'enforced"), so permissions cannot be set through ACLs. Grant access with a bucket '
            "policy instead, or change the bucket's object ownership to allow ACLs."
        )
        self.bucket = bucket


class InvalidGrant(ValueError, ExplainedError):
    pass


def parse_acl(response: dict[str, Any]) -> AccessControlList:
    owner_data = response.get("Owner")
    owner = (
        Owner(str(owner_data.get("ID", "")), owner_data.get("DisplayName")) if owner_data else None
    )
    grants: list[Grant] = []
    for grant in response.get("Grants") or ():
        data = grant.get("Grantee") or {}
        kind = GranteeKind(data.get("Type", GranteeKind.CANONICAL_USER.value))
        value = {
            GranteeKind.CANONICAL_USER: data.get("ID"),
            GranteeKind.EMAIL: data.get("EmailAddress"),
            GranteeKind.GROUP: data.get("URI"),
        }[kind]
        grants.append(
            Grant(
                Grantee(kind, str(value or ""), data.get("DisplayName")),
                Permission(grant["Permission"]),
            )
        )
    return AccessControlList(owner, tuple(grants))


def policy_body(owner: Owner, grants: Sequence[Grant]) -> dict[str, Any]:
    """The AccessControlPolicy parameter of PutObjectAcl/PutBucketAcl."""
    body_grants: list[dict[str, Any]] = []
    for grant in grants:
        field = {
            GranteeKind.CANONICAL_USER: "ID",
            GranteeKind.EMAIL: "EmailAddress",
            GranteeKind.GROUP: "URI",
        }[grant.grantee.kind]
        body_grants.append(
            {
                "Grantee": {"Type": grant.grantee.kind.value, field: grant.grantee.value},
                "Permission": grant.permission.value,
            }
        )
    owner_body: dict[str, str] = {"ID": owner.id}
    if owner.display_name:
        owner_body["DisplayName"] = owner.display_name
    return {"Owner": owner_body, "Grants": body_grants}


_HEADER_PARAMS = {
    Permission.READ: "GrantRead",
    Permission.WRITE: "GrantWrite",
    Permission.READ_ACP: "GrantReadACP",
    Permission.WRITE_ACP: "GrantWriteACP",
    Permission.FULL_CONTROL: "GrantFullControl",
}
_HEADER_FIELDS = {
    GranteeKind.CANONICAL_USER: "id",
    GranteeKind.EMAIL: "emailAddress",
    GranteeKind.GROUP: "uri",
}


def grant_headers(grants: Sequence[Grant]) -> dict[str, str]:
    """The x-amz-grant-* parameters replacing an object's ACL with `grants`.

    Objects get their grants as headers rather than an AccessControlPolicy body: S3 takes
    both, and the headers need no owner (no extra GetObjectAcl) and are what more
    S3-compatible servers (moto among them) honour.
    """
    by_permission: dict[str, list[str]] = {}
    for grant in grants:
        field = _HEADER_FIELDS[grant.grantee.kind]
        by_permission.setdefault(_HEADER_PARAMS[grant.permission], []).append(
            f'{field}="{grant.grantee.value}"'
        )
    return {param: ", ".join(values) for param, values in by_permission.items()}


def grant_problems(grants: Sequence[Grant]) -> list[str]:
    problems: list[str] = []
    groups = {g.value for g in Group}
    for grant in grants:
        grantee = grant.grantee
        if not grantee.value.strip():
            problems.append(f"A {grant.permission.value} grant names no grantee.")
        elif grantee.kind is GranteeKind.EMAIL and "@" not in grantee.value:
            problems.append(f"'{grantee.value}' is not an e-mail address.")
        elif grantee.kind is GranteeKind.GROUP and grantee.value not in groups:
            problems.append(
                f"'{grantee.value}' is not a group S3 knows (AllUsers, AuthenticatedUsers, "
                "LogDelivery)."
            )
    if len(grants) > 100:
        problems.append(f"There are {len(grants)} grants; S3 allows at most 100.")
    return problems


def object_ownership(session: S3Session, bucket: str) -> Section[str]:
    """The bucket's object ownership setting (BucketOwnerEnforced means ACLs are disabled)."""
    return read_section(
        lambda: session.call(bucket, lambda c: c.get_bucket_ownership_controls(Bucket=bucket)),
        lambda r: next(
            (
                rule.get("ObjectOwnership")
                for rule in (r.get("OwnershipControls") or {}).get("Rules") or ()
            ),
            None,
        ),
        "GetBucketOwnershipControls",
        bucket,
    )


OWNERSHIP_SETTINGS = ("BucketOwnerEnforced", "BucketOwnerPreferred", "ObjectWriter")


def put_object_ownership(session: S3Session, bucket: str, ownership: str) -> None:
    """Set object ownership; anything but BucketOwnerEnforced turns ACLs back on."""
    if ownership not in OWNERSHIP_SETTINGS:
        raise InvalidGrant(
            f"'{ownership}' is not an object ownership setting; use "
            f"{', '.join(OWNERSHIP_SETTINGS)}."
        )
    body = {"Rules": [{"ObjectOwnership": ownership}]}
    write_setting(
        lambda: session.call(
            bucket,
            lambda c: c.put_bucket_ownership_controls(Bucket=bucket, OwnershipControls=body),
        ),
        "object ownership",
        bucket,
    )


def acls_disabled(session: S3Session, bucket: str) -> bool:
    return object_ownership(session, bucket).value == BUCKET_OWNER_ENFORCED


def read_object_acl(
    session: S3Session,
    bucket: str,
    key: str,
    version_id: str | None = None,
    unsupported: Collection[Feature] = (),
) -> Section[AccessControlList]:
    extra = {"VersionId": version_id} if version_id else {}
    return read_section(
        lambda: session.call(bucket, lambda c: c.get_object_acl(Bucket=bucket, Key=key, **extra)),
        parse_acl,
        "GetObjectAcl",
        bucket,
        key,
        feature=Feature.ACL,
        unsupported=unsupported,
    )


def read_bucket_acl(
    session: S3Session, bucket: str, unsupported: Collection[Feature] = ()
) -> Section[AccessControlList]:
    return read_section(
        lambda: session.call(bucket, lambda c: c.get_bucket_acl(Bucket=bucket)),
        parse_acl,
        "GetBucketAcl",
        bucket,
        feature=Feature.ACL,
        unsupported=unsupported,
    )


def put_object_acl(
    session: S3Session,
    bucket: str,
    key: str,
    grants: Sequence[Grant] | None = None,
    *,
    canned: str | None = None,
    version_id: str | None = None,
) -> None:
    """Replace the object's ACL with `grants` (the owner kept) or a canned ACL."""
    extra: dict[str, Any] = {"Key": key}
    if version_id:
        extra["VersionId"] = version_id
    _check_writable(session, bucket, grants, canned, CANNED_OBJECT_ACLS)
    if canned is not None:
        _send(session, bucket, lambda c: c.put_object_acl(Bucket=bucket, ACL=canned, **extra))
        return
    _put_grants(
        session,
        bucket,
        grants or (),
        read=lambda c: c.get_object_acl(Bucket=bucket, **extra),
        write=lambda c, params: c.put_object_acl(Bucket=bucket, **extra, **params),
        what=f"'{key}' in bucket '{bucket}'",
    )


def put_bucket_acl(
    session: S3Session,
    bucket: str,
    grants: Sequence[Grant] | None = None,
    *,
    canned: str | None = None,
) -> None:
    _check_writable(session, bucket, grants, canned, CANNED_BUCKET_ACLS)
    if canned is not None:
        _send(session, bucket, lambda c: c.put_bucket_acl(Bucket=bucket, ACL=canned))
        return
    _put_grants(
        session,
        bucket,
        grants or (),
        read=lambda c: c.get_bucket_acl(Bucket=bucket),
        write=lambda c, params: c.put_bucket_acl(Bucket=bucket, **params),
        what=f"bucket '{bucket}'",
    )


class GrantsNotApplied(RuntimeError, ExplainedError):
    pass


def _comparable(grants: Sequence[Grant]) -> set[tuple[str, str, str]]:
    # S3 turns an e-mail grantee into its canonical user: such grants cannot be compared.
    return {
        (g.grantee.kind.value, g.grantee.value, g.permission.value)
        for g in grants
        if g.grantee.kind is not GranteeKind.EMAIL
    }


def _put_grants(
    session: S3Session,
    bucket: str,
    grants: Sequence[Grant],
    read: Callable[[Any], dict[str, Any]],
    write: Callable[[Any, dict[str, Any]], Any],
    what: str,
) -> None:
    """Send the grants as an AccessControlPolicy body, then read the ACL back.

    S3 takes grants as a body or as x-amz-grant-* headers; some compatible servers silently
    apply only one of the two forms (SeaweedFS the body, moto's server the headers on
    objects). When the read-back ACL lacks the grants, they are sent once more as headers;
    if they still are not applied, the write fails in words rather than passing silently.
    """
    current = parse_acl(session.call(bucket, read))
    owner = current.owner or Owner("")
    wanted = _comparable(grants)
    for params in (
        {"AccessControlPolicy": policy_body(owner, grants)},
        grant_headers(grants),
    ):
        _send(session, bucket, lambda c, p=params: write(c, p))  # type: ignore[misc]
        applied = _comparable(parse_acl(session.call(bucket, read)).grants)
        # A server may keep the owner's full control whether asked or not; nothing else extra.
        owner_control = {
            (GranteeKind.CANONICAL_USER.value, owner.id, Permission.FULL_CONTROL.value)
        }
        if wanted <= applied and applied - wanted <= owner_control:
            return
    raise GrantsNotApplied(
        f"The server accepted the new permissions of {what} but did not apply them; it may "
        "not support these grants. The permissions shown are the ones in effect."
    )


def _check_writable(
    session: S3Session,
    bucket: str,
    grants: Sequence[Grant] | None,
    canned: str | None,
    allowed_canned: Sequence[str],
) -> None:
    if (grants is None) == (canned is None):
        raise InvalidGrant("Give either grants or a canned ACL, not both or neither.")
    if canned is not None and canned not in allowed_canned:
        raise InvalidGrant(
            f"'{canned}' is not a canned ACL here; choose one of {', '.join(allowed_canned)}."
        )
    problems = grant_problems(grants or ())
    if problems:
        raise InvalidGrant("The permissions cannot be saved: " + " ".join(problems))
    if canned in _ALLOWED_WHEN_DISABLED:
        return
    if acls_disabled(session, bucket):
        raise AclsDisabled(bucket)


def _send(session: S3Session, bucket: str, operation: Any) -> None:
    try:
        session.call(bucket, operation)
    except ClientError as exc:
        if error_code(exc) == "AccessControlListNotSupported":
            raise AclsDisabled(bucket) from None
        raise
