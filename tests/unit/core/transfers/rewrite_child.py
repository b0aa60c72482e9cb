"""An engine in a process of its own that rewrites a folder, for the test that kills it halfway
(`test_rewrite_survives_a_kill.py`).

Run as `python -m tests.unit.core.transfers.rewrite_child CONFIG_JSON`: the server's address
and keys, the bucket, the folder, the change (its journal form) and a delay per CopyObject (a
slower server) so the parent can kill the process while the job runs. The engine runs one
request at a time. Prints "started <job id>" once the job exists; runs until killed.
"""

from __future__ import annotations

import json
import sys
import threading
import time
from typing import Any

import keyring

from app.core.s3.session import S3Session
from app.core.transfers.engine import TransferEngine
from app.core.transfers.object_change import ObjectChange
from tests.conftest import connection_for
from tests.fixtures.memory_keyring import MemoryKeyring
from tests.fixtures.servers import RunningS3


def main(config: dict[str, Any]) -> None:
    keyring.set_keyring(MemoryKeyring())
    session = S3Session(connection_for(RunningS3(**config["server"])))
    delay = float(config["copy_delay"])
    session.client().meta.events.register(
        "before-send.s3.CopyObject", lambda **_: time.sleep(delay)
    )
    engine = TransferEngine(session, connections=1)
    change = ObjectChange.from_json(config["change"])
    job_id = engine.rewrite(config["bucket"], config["folder"], change)
    print(f"started {job_id}", flush=True)
    threading.Event().wait()


if __name__ == "__main__":
    main(json.loads(sys.argv[1]))
