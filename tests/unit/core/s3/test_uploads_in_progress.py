from __future__ import annotations

from app.core.s3.session import S3Session
from app.core.s3.uploads_in_progress import abort_upload, list_uploads, uploaded_so_far
from tests.conftest import connection_for
from tests.fixtures.servers import RunningS3

MIB = 1024 * 1024


def test_unfinished_uploads_are_listed_measured_and_aborted(
    seaweed: RunningS3, seaweed_admin: object, bucket: str
) -> None:
    admin: object = seaweed_admin
    started = admin.create_multipart_upload(Bucket=bucket, Key="up/big.bin")  # type: ignore[attr-defined]
    upload_id = started["UploadId"]
    for number, size in ((1, 5 * MIB), (2, 1234)):
        admin.upload_part(  # type: ignore[attr-defined]
            Bucket=bucket, Key="up/big.bin", UploadId=upload_id, PartNumber=number, Body=b"z" * size
        )
    other = admin.create_multipart_upload(Bucket=bucket, Key="elsewhere.bin")  # type: ignore[attr-defined]
    session = S3Session(connection_for(seaweed))

    uploads = [u for page in list_uploads(session, bucket, "up/") for u in page]

    assert [(u.key, u.upload_id) for u in uploads] == [("up/big.bin", upload_id)]
    assert uploads[0].initiated.startswith("20")
    assert uploaded_so_far(session, bucket, "up/big.bin", upload_id) == (2, 5 * MIB + 1234)

    abort_upload(session, bucket, "up/big.bin", upload_id)
    left = admin.list_multipart_uploads(Bucket=bucket).get("Uploads", [])  # type: ignore[attr-defined]
    assert [u["UploadId"] for u in left] == [other["UploadId"]]
