"""Rewriting objects in place: one job applies an `ObjectChange` to many objects or a folder.

A change to headers, metadata, storage class or encryption is a copy of the object onto its own
key (`copy.copy_item` with a `Destination`: one CopyObject, or a multipart copy above the
threshold and 5 GiB, keeping what the change does not name). Tags and a canned ACL alone are
written as sub-resources, without a copy. An ACL with grants beyond the owner's, which a copy
would reset, is read first, journaled with the item and put back after the copy (through
`acl.put_object_acl`, which checks that the server applied it).

Each item is journaled "done" as soon as its object is changed; one whose "done" a kill lost is
found already as the change asks (`ObjectChange.satisfied_by`) and is not rewritten again: a
resumed job changes every object exactly once.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from botocore.exceptions import ClientError

from app.core.s3.acl import parse_acl, put_object_acl
from app.core.s3.session import S3Session
from app.core.transfers.copy import copy_item
from app.core.transfers.jobs import Job
from app.core.transfers.journal import ItemRecord
from app.core.transfers.object_change import ObjectChange
from app.core.transfers.options import ServerSideEncryption, TransferOptions
from app.core.transfers.worker_context import WorkerContext, sse_args

_NO_TAGS = ("NoSuchTagSet",)
_NO_ACLS = ("NotImplemented", "AccessControlListNotSupported", "MethodNotAllowed", "501")


def rewrite_record(job_id: str, bucket: str, key: str, size: int) -> ItemRecord:
    return ItemRecord(
        job_id,
        0,
        f"s3://{bucket}/{key}",
        bucket,
        key,
        size,
        extra={"source_bucket": bucket, "source_key": key},
    )


def plan_rewrite(session: S3Session, job: Job) -> Iterator[ItemRecord]:
    """One item per object the job names: each key, and every object under each prefix
    (a folder's own placeholder is not an object to rewrite)."""
    bucket = job.spec["bucket"]
    seen: set[str] = set()
    seq = 0
    for name in job.spec.get("keys") or [job.spec["key"]]:
        if name and not name.endswith("/"):
            found = [(name, 0)]  # its size is learnt when it is rewritten
        else:
            found = [
                (entry.key, entry.size)
                for page in session.list_prefix(bucket, name, delimiter=None)
                for entry in page.objects
                if not entry.key.endswith("/")
            ]
        for key, size in found:
            if key in seen:
                continue
            seen.add(key)
            record = rewrite_record(job.id, bucket, key, size)
            record.seq = seq
            seq += 1
            yield record


def rewrite_item(rt: WorkerContext, job: Job, item: ItemRecord) -> None:
    change = ObjectChange.from_json(job.spec["change"])
    client = rt.session.client_for_bucket(item.bucket)
    bucket, key = item.bucket, item.key
    read = sse_args(job.options, for_read=True)
    head = rt.request(job, lambda: client.head_object(Bucket=bucket, Key=key, **read))
    size = int(head["ContentLength"])
    if size != item.size:
        job.progress.add_total(size - item.size, files=0)
        item.size = size
    tags_now = _tags(rt, job, client, bucket, key) if change.touches_tags else None
    id_ = item.id or 0
    if change.rewrites:
        if not change.satisfied_by(head, tags_now):
            if change.acl is None and "acl" not in item.extra:
                kept = _acl_to_keep(rt, job, client, bucket, key)
                if kept is not None:
                    rt.journal.update_item(item, extra={**item.extra, "acl": kept})

            def destination(source: dict[str, Any]) -> dict[str, Any]:
                return _with_customer_key(change.destination_args(source, tags_now), job.options)

            copy_item(rt, job, item, move=False, destination=destination)
        else:
            job.progress.add_bytes(id_, size)
        if item.extra.get("acl"):
            grants = parse_acl(item.extra["acl"]).grants
            rt.request(job, lambda: put_object_acl(rt.session, bucket, key, grants))
    else:
        if tags_now is not None:
            tags = change.tags_after(tags_now)
            if tags != tags_now:
                _put_tags(rt, job, client, bucket, key, tags)
        if change.acl:
            acl = change.acl
            rt.request(job, lambda: client.put_object_acl(Bucket=bucket, Key=key, ACL=acl))
        job.progress.add_bytes(id_, size)
    rt.journal.update_item(item, state="done")  # at once: a rewrite must not be sent twice


def _tags(rt: WorkerContext, job: Job, client: Any, bucket: str, key: str) -> dict[str, str]:
    try:
        response = rt.request(job, lambda: client.get_object_tagging(Bucket=bucket, Key=key))
    except ClientError as exc:
        if exc.response.get("Error", {}).get("Code") in _NO_TAGS:
            return {}
        raise
    return {t["Key"]: t["Value"] for t in response.get("TagSet", [])}


def _put_tags(
    rt: WorkerContext, job: Job, client: Any, bucket: str, key: str, tags: dict[str, str]
) -> None:
    if not tags:
        rt.request(job, lambda: client.delete_object_tagging(Bucket=bucket, Key=key))
        return
    tag_set = {"TagSet": [{"Key": k, "Value": v} for k, v in tags.items()]}
    rt.request(job, lambda: client.put_object_tagging(Bucket=bucket, Key=key, Tagging=tag_set))


def _acl_to_keep(
    rt: WorkerContext, job: Job, client: Any, bucket: str, key: str
) -> dict[str, Any] | None:
    """The object's ACL when it grants more than its owner's full control (a copy would reset
    it to private); None when there is nothing to keep or the server keeps no ACLs."""
    try:
        response = rt.request(job, lambda: client.get_object_acl(Bucket=bucket, Key=key))
    except ClientError as exc:
        if exc.response.get("Error", {}).get("Code") in _NO_ACLS:
            return None
        raise
    owner = response.get("Owner") or {}
    grants = response.get("Grants") or []
    owner_only = all(
        g.get("Permission") == "FULL_CONTROL"
        and g.get("Grantee", {}).get("Type") == "CanonicalUser"
        and g.get("Grantee", {}).get("ID") == owner.get("ID")
        for g in grants
    )
    if owner_only or not owner:
        return None
    return {"Owner": owner, "Grants": grants}


def _with_customer_key(args: dict[str, Any], options: TransferOptions) -> dict[str, Any]:
    """Replace `SSECustomerKeyRef` by the SSE-C key it names (None: the key the job reads
    its sources with), fetched from the keyring only now, never journaled."""
    if "SSECustomerKeyRef" not in args:
        return args
    ref = args.pop("SSECustomerKeyRef") or options.sse_customer_key_ref
    if not ref:
        raise ValueError("The object is encrypted with SSE-C and no customer key was given")
    key_options = TransferOptions(sse=ServerSideEncryption.CUSTOMER, sse_customer_key_ref=ref)
    return {**args, **sse_args(key_options)}
