"""What a provider charges per request class and per gigabyte moved, where it is known.

A price left as None is unknown: an estimate that needs it says "unknown" rather than guess.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class RequestClass(StrEnum):
    LIST = "LIST"
    HEAD = "HEAD"
    GET = "GET"
    PUT = "PUT"  # PutObject, each part, and creating and completing a multipart upload
    COPY = "COPY"
    DELETE = "DELETE"


# botocore operation name -> the class a provider bills it as
OPERATION_CLASSES: dict[str, RequestClass] = {
    "ListObjectsV2": RequestClass.LIST,
    "ListObjects": RequestClass.LIST,
    "ListObjectVersions": RequestClass.LIST,
    "ListMultipartUploads": RequestClass.LIST,
    "ListParts": RequestClass.LIST,
    "HeadObject": RequestClass.HEAD,
    "HeadBucket": RequestClass.HEAD,
    "GetObject": RequestClass.GET,
    "PutObject": RequestClass.PUT,
    "UploadPart": RequestClass.PUT,
    "CreateMultipartUpload": RequestClass.PUT,
    "CompleteMultipartUpload": RequestClass.PUT,
    "CopyObject": RequestClass.COPY,
    "UploadPartCopy": RequestClass.COPY,
    "DeleteObject": RequestClass.DELETE,
    "DeleteObjects": RequestClass.DELETE,
    "AbortMultipartUpload": RequestClass.DELETE,
}


@dataclass(frozen=True)
class PriceTable:
    name: str
    per_thousand: dict[RequestClass, float | None]  # US dollars per 1,000 requests
    per_gb_out: float | None  # downloads (to the internet)
    per_gb_in: float | None  # uploads

    def request_price(self, kind: RequestClass) -> float | None:
        return self.per_thousand.get(kind)


# us-east-1, S3 Standard, as published by AWS (December 2026): PUT, COPY, POST and LIST
# $0.005 per 1,000; GET, HEAD and the rest $0.0004 per 1,000; DELETE free; data in free;
# data out to the internet $0.09 per GB (the first tier; the monthly free 100 GB left out).
AWS_S3_STANDARD = PriceTable(
    name="AWS S3 Standard (us-east-1)",
    per_thousand={
        RequestClass.LIST: 0.005,
        RequestClass.PUT: 0.005,
        RequestClass.COPY: 0.005,
        RequestClass.GET: 0.0004,
        RequestClass.HEAD: 0.0004,
        RequestClass.DELETE: 0.0,
    },
    per_gb_out=0.09,
    per_gb_in=0.0,
)

UNKNOWN_PRICES = PriceTable(name="no price table", per_thousand={}, per_gb_out=None, per_gb_in=None)

PRICE_TABLES: dict[str, PriceTable] = {"aws-s3-standard": AWS_S3_STANDARD, "none": UNKNOWN_PRICES}
DEFAULT_PRICE_TABLE = "aws-s3-standard"
