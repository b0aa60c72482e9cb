"""S3 API operation names → the IAM action they need and a phrase for messages."""

from __future__ import annotations

import re

# Operations whose IAM action is not simply "s3:" + the operation name.
_ACTIONS = {
    "ListBuckets": "s3:ListAllMyBuckets",
    "ListDirectoryBuckets": "s3express:ListAllMyDirectoryBuckets",
    "ListObjects": "s3:ListBucket",
    "ListObjectsV2": "s3:ListBucket",
    "HeadBucket": "s3:ListBucket",
    "ListObjectVersions": "s3:ListBucketVersions",
    "ListMultipartUploads": "s3:ListBucketMultipartUploads",
    "ListParts": "s3:ListMultipartUploadParts",
    "HeadObject": "s3:GetObject",
    "DeleteObjects": "s3:DeleteObject",
    "CopyObject": "s3:PutObject",
    "CreateMultipartUpload": "s3:PutObject",
    "UploadPart": "s3:PutObject",
    "UploadPartCopy": "s3:PutObject",
    "CompleteMultipartUpload": "s3:PutObject",
    "GetBucketCors": "s3:GetBucketCORS",
    "PutBucketCors": "s3:PutBucketCORS",
    "DeleteBucketCors": "s3:PutBucketCORS",
    "GetBucketEncryption": "s3:GetEncryptionConfiguration",
    "PutBucketEncryption": "s3:PutEncryptionConfiguration",
    "DeleteBucketEncryption": "s3:PutEncryptionConfiguration",
    "GetBucketLifecycleConfiguration": "s3:GetLifecycleConfiguration",
    "PutBucketLifecycleConfiguration": "s3:PutLifecycleConfiguration",
    "DeleteBucketLifecycle": "s3:PutLifecycleConfiguration",
    "GetBucketReplication": "s3:GetReplicationConfiguration",
    "PutBucketReplication": "s3:PutReplicationConfiguration",
    "DeleteBucketReplication": "s3:PutReplicationConfiguration",
    "GetBucketTagging": "s3:GetBucketTagging",
    "DeleteBucketTagging": "s3:PutBucketTagging",
    "GetBucketWebsite": "s3:GetBucketWebsite",
    "DeleteBucketWebsite": "s3:DeleteBucketWebsite",
    "GetPublicAccessBlock": "s3:GetBucketPublicAccessBlock",
    "PutPublicAccessBlock": "s3:PutBucketPublicAccessBlock",
    "DeletePublicAccessBlock": "s3:PutBucketPublicAccessBlock",
    "GetBucketNotificationConfiguration": "s3:GetBucketNotification",
    "PutBucketNotificationConfiguration": "s3:PutBucketNotification",
    "GetObjectLockConfiguration": "s3:GetBucketObjectLockConfiguration",
    "PutObjectLockConfiguration": "s3:PutBucketObjectLockConfiguration",
    "GetBucketAccelerateConfiguration": "s3:GetAccelerateConfiguration",
    "PutBucketAccelerateConfiguration": "s3:PutAccelerateConfiguration",
    "GetBucketPolicyStatus": "s3:GetBucketPolicyStatus",
    "GetObjectLegalHold": "s3:GetObjectLegalHold",
    "DeleteBucketOwnershipControls": "s3:PutBucketOwnershipControls",
    # KMS, for the SSE-KMS key pickers
    "ListKeys": "kms:ListKeys",
    "ListAliases": "kms:ListAliases",
}

# How messages name what was being done: "listing bucket 'b'", "downloading 'k' from ...".
_PHRASES = {
    "ListBuckets": "listing the buckets",
    "ListObjects": "listing {bucket}",
    "ListObjectsV2": "listing {bucket}",
    "ListObjectVersions": "listing the versions in {bucket}",
    "ListMultipartUploads": "listing unfinished uploads in {bucket}",
    "HeadBucket": "opening {bucket}",
    "GetBucketLocation": "looking up the region of {bucket}",
    "CreateBucket": "creating {bucket}",
    "DeleteBucket": "deleting {bucket}",
    "GetObject": "downloading {object}",
    "HeadObject": "reading the details of {object}",
    "PutObject": "uploading {object}",
    "CreateMultipartUpload": "starting the upload of {object}",
    "UploadPart": "uploading a part of {object}",
    "UploadPartCopy": "copying a part into {object}",
    "CompleteMultipartUpload": "finishing the upload of {object}",
    "AbortMultipartUpload": "cancelling the upload of {object}",
    "ListParts": "listing the uploaded parts of {object}",
    "CopyObject": "copying into {object}",
    "DeleteObject": "deleting {object}",
    "DeleteObjects": "deleting objects in {bucket}",
    "RestoreObject": "restoring {object}",
    "GetObjectAcl": "reading the permissions of {object}",
    "PutObjectAcl": "changing the permissions of {object}",
    "GetBucketAcl": "reading the permissions of {bucket}",
    "PutBucketAcl": "changing the permissions of {bucket}",
    "GetObjectTagging": "reading the tags of {object}",
    "PutObjectTagging": "changing the tags of {object}",
    "DeleteObjectTagging": "removing the tags of {object}",
    "GetObjectRetention": "reading the retention of {object}",
    "GetObjectLegalHold": "reading the legal hold of {object}",
    "GetBucketTagging": "reading the tags of {bucket}",
    "PutBucketTagging": "changing the tags of {bucket}",
    "GetBucketPolicy": "reading the policy of {bucket}",
    "PutBucketPolicy": "saving the policy of {bucket}",
    "GetBucketLifecycleConfiguration": "reading the lifecycle rules of {bucket}",
    "PutBucketLifecycleConfiguration": "saving the lifecycle rules of {bucket}",
    "GetBucketCors": "reading the CORS rules of {bucket}",
    "PutBucketCors": "saving the CORS rules of {bucket}",
    "GetBucketWebsite": "reading the website settings of {bucket}",
    "PutBucketWebsite": "saving the website settings of {bucket}",
    "GetPublicAccessBlock": "reading the public access block of {bucket}",
    "PutPublicAccessBlock": "saving the public access block of {bucket}",
    "GetBucketLogging": "reading the access logging of {bucket}",
    "PutBucketLogging": "saving the access logging of {bucket}",
    "GetBucketEncryption": "reading the default encryption of {bucket}",
    "PutBucketEncryption": "saving the default encryption of {bucket}",
    "GetBucketVersioning": "reading the versioning of {bucket}",
    "PutBucketVersioning": "changing the versioning of {bucket}",
    "GetObjectLockConfiguration": "reading the Object Lock settings of {bucket}",
    "GetBucketRequestPayment": "reading the requester-pays setting of {bucket}",
    "PutBucketRequestPayment": "changing the requester-pays setting of {bucket}",
    "GetBucketAccelerateConfiguration": "reading the transfer acceleration of {bucket}",
    "PutBucketAccelerateConfiguration": "changing the transfer acceleration of {bucket}",
    "GetBucketOwnershipControls": "reading the object ownership of {bucket}",
    "ListKeys": "listing the account's KMS keys",
    "ListAliases": "listing the account's KMS key aliases",
}

_API_NAME = re.compile(r"^[A-Z][A-Za-z0-9]+$")
_WORDS = re.compile(r"[A-Z][a-z0-9]*|[a-z0-9]+")


def is_api_name(operation: str) -> bool:
    return bool(_API_NAME.match(operation))


def iam_action(operation: str) -> str | None:
    """The IAM action an S3 API operation needs, e.g. ListBuckets → s3:ListAllMyBuckets."""
    if not is_api_name(operation):
        return None
    return _ACTIONS.get(operation, f"s3:{operation}")


def target(bucket: str = "", key: str = "") -> str:
    if bucket and key:
        return f"'{key}' in bucket '{bucket}'"
    if bucket:
        return f"bucket '{bucket}'"
    if key:
        return f"'{key}'"
    return ""


def phrase(operation: str, bucket: str = "", key: str = "") -> str:
    """What was being done, e.g. "downloading 'a.txt' in bucket 'photos'"."""
    what = target(bucket, key)
    template = _PHRASES.get(operation)
    if template:
        in_bucket = f"an object in {target(bucket)}" if bucket else "the object"
        return template.format(
            bucket=target(bucket) or "the bucket", object=what if key else in_bucket
        )
    if is_api_name(operation):
        words = " ".join(w.lower() for w in _WORDS.findall(operation))
        return f"{words} on {what}" if what else words
    if operation:
        return f"{operation} of {what}" if what else operation
    return f"the request for {what}" if what else "the request"
