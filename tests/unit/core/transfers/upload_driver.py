"""Runs one upload through the engine in its own process, for the crash tests to SIGKILL.

Usage: python -m tests.unit.core.transfers.upload_driver HOST PORT ACCESS SECRET BUCKET KEY FILE
       SENT_LOG

EIDER_HOME (inherited) puts the journal where the test can read it. Each UploadPart's part
number is appended to SENT_LOG as it goes on the wire. FILE may be a folder of small files.

With DRIVER_HOLD_AFTER=N, the driver sends N requests (UploadParts, or PutObjects for a
folder) and holds every later one until it is killed: the test kills it at a point it chose,
not in a window of time. Without it, each UploadPart is slowed by 0.2 s (DRIVER_PART_DELAY
seconds when set) and each PutObject by 0.05 s (test-harness hooks, so a process that must
stay busy for a while does).
"""

from __future__ import annotations

import itertools
import os
import sys
import threading
import time
from pathlib import Path
from typing import Any

import keyring

from app.core import secrets
from app.core.connection import AddressingStyle, Connection, Scheme
from app.core.credentials.spec import CredentialKind, CredentialSpec
from app.core.s3.session import S3Session
from app.core.transfers.engine import TransferEngine
from app.core.transfers.options import MIB, TransferOptions
from tests.fixtures.memory_keyring import MemoryKeyring

OPTIONS = TransferOptions(multipart_threshold=6 * MIB, part_size=5 * MIB)


def connection(host: str, port: int, access: str, secret: str) -> Connection:
    secrets.set_secret("driver", "secret-key", secret)
    return Connection(
        host=host,
        port=port,
        scheme=Scheme.HTTP,
        addressing_style=AddressingStyle.PATH,
        credentials=CredentialSpec(
            kind=CredentialKind.STATIC, access_key_id=access, secret_owner="driver"
        ),
    )


def main(argv: list[str]) -> int:
    host, port, access, secret, bucket, key, file, sent_log = argv
    keyring.set_keyring(MemoryKeyring())
    session = S3Session(connection(host, int(port), access, secret))

    hold_after = os.environ.get("DRIVER_HOLD_AFTER")
    delay = 0.0 if hold_after else float(os.environ.get("DRIVER_PART_DELAY", "0.2"))
    let_through = itertools.count()
    count_lock = threading.Lock()
    never = threading.Event()

    def gate(wait: float) -> None:
        with count_lock:
            n = next(let_through)
        if hold_after and n >= int(hold_after):
            never.wait(600)  # held until the test kills the process
        time.sleep(wait)

    def slow_and_log(params: dict[str, Any], **_: Any) -> None:
        gate(delay)
        with Path(sent_log).open("a") as log:
            log.write(f"{params['PartNumber']}\n")

    session.client().meta.events.register("before-parameter-build.s3.UploadPart", slow_and_log)
    # Small files take the lean path, which passes the client's before-send handlers.
    session.client().meta.events.register(
        "before-send.s3.PutObject", lambda **_: gate(0.0 if hold_after else 0.05)
    )
    engine = TransferEngine(session, connections=2)
    job = engine.upload(file, bucket, key, OPTIONS)
    snapshot = engine.wait(job)
    engine.close()
    return 0 if snapshot.state.value == "done" else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
