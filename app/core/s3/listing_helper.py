"""The listing helper process: `python -m app.core.s3.listing_helper`.

Fetches and parses the pages of one listing and writes them, packed, to stdout (see
`listing_frames`), so that none of that CPU work holds the GUI process's GIL. Reads its
request, with the signing keys, from stdin: never from its arguments, environment or a file.
Builds its client, says READY, then waits for the continuation token to start from; ends
after the last page, on a failure (sent back as the exception), or when Eider stops reading.
Temporary keys are renewed by asking Eider for the ones its session holds (RENEW, KEYS).
"""

from __future__ import annotations

import contextlib
import gc
import pickle
import sys
from dataclasses import replace
from typing import BinaryIO

from app.core.credentials.spec import CredentialSpec
from app.core.errors.redact import remember_secrets
from app.core.s3 import listing_frames as frames
from app.core.s3.session import S3Session


def serve(requests: BinaryIO, out: BinaryIO) -> None:
    first = frames.read_frame(requests)
    if first is None or first[0] != frames.REQUEST:
        return
    request: frames.HelperRequest = pickle.loads(first[1])  # noqa: S301 - from Eider itself
    try:
        # The signing keys came with the request: nothing is resolved again here (no keyring,
        # no profile files, no second MFA prompt).
        connection = replace(request.connection, credentials=CredentialSpec())
        session = S3Session(
            connection, credentials=request.credentials(lambda: _renewed_keys(requests, out))
        )
        session.remember_bucket_region(request.bucket, request.bucket_region)
        session.client_for_bucket(request.bucket, raw_timestamps=True)  # built before READY
        # What exists now (modules, botocore's service model) lives as long as the helper:
        # full garbage-collector passes need not rescan it for every page.
        gc.freeze()
        frames.write_frame(out, frames.READY)
        start = frames.read_frame(requests)
        if start is None or start[0] != frames.START:
            return  # Eider listed everything itself, or stopped
        token = start[1].decode()
        for page in session.list_prefix(
            request.bucket, request.prefix, request.delimiter, start_token=token
        ):
            frames.write_frame(out, frames.PAGE, frames.encode_page(page))
    except BrokenPipeError:
        return  # Eider stopped reading: the listing was cancelled
    except Exception as exc:
        frames.write_frame(out, frames.FAILED, frames.encode_failure(exc))


def _renewed_keys(requests: BinaryIO, out: BinaryIO) -> dict[str, str]:
    frames.write_frame(out, frames.RENEW)
    reply = frames.read_frame(requests)
    if reply is None or reply[0] != frames.KEYS:
        raise frames.HelperFailure("Eider sent no renewed keys for the listing")
    keys: dict[str, str] = pickle.loads(reply[1])  # noqa: S301 - from Eider itself
    remember_secrets(keys["secret_key"], keys["token"])
    return keys


def main() -> int:
    with contextlib.suppress(BrokenPipeError):  # Eider stopped reading
        serve(sys.stdin.buffer, sys.stdout.buffer)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
