"""A browser window in a process of its own that renames a folder through its Rename action,
for the test that kills it halfway (`test_rename_survives_a_kill.py`).

Run as `python -m tests.gui.actions.rename_child CONFIG_JSON`: the server's address and keys,
the bucket, the folder and its new name, and a delay per CopyObject (a slower server) so the
parent can kill the process while the move runs. The engine runs one request at a time.
Prints "started <job id>" once the rename job exists; runs until killed.
"""

from __future__ import annotations

import asyncio
import functools
import json
import sys
import time
from typing import Any

import keyring
import qasync
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from app.core.s3.session import S3Session
from app.core.transfers.engine import TransferEngine
from app.ui.application import WindowSet
from app.ui.controllers import transfers as transfers_module
from app.ui.dialogs.name_prompt import NamePrompt
from app.ui.location import Location
from app.ui.main_window import MainWindow
from tests.conftest import connection_for
from tests.fixtures.memory_keyring import MemoryKeyring
from tests.fixtures.servers import RunningS3


def _rename_when_listed(window: MainWindow, folder: str, new_name: str, timer: QTimer) -> None:
    """Select `folder` in the list, then Rename… and type the new name (as a user would)."""
    model = window.controller.model
    actions = window.object_actions
    if isinstance(actions.dialog, NamePrompt) and actions.dialog.isVisible():
        actions.dialog.name_edit.setText(new_name)
        actions.dialog.ok_button.click()
        timer.stop()
        return
    if model.loading or actions.dialog is not None:
        return
    names = [model.index(r, 0).data() for r in range(model.rowCount())]
    if folder in names:
        window.object_list.setCurrentIndex(model.index(names.index(folder), 0))
        actions.actions["renameAction"].trigger()


def main(config: dict[str, Any]) -> None:
    keyring.set_keyring(MemoryKeyring())
    app = QApplication([])
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    connection = connection_for(RunningS3(**config["server"]))
    delay = float(config["copy_delay"])

    def session() -> S3Session:
        made = S3Session(connection)
        made.client().meta.events.register(
            "before-send.s3.CopyObject", lambda **_: time.sleep(delay)
        )
        return made

    transfers_module.TransferEngine = functools.partial(  # type: ignore[misc]
        TransferEngine, connections=1
    )
    window = WindowSet().open(session, Location(config["bucket"], ""))
    window.object_actions.transfers.jobEvent.connect(
        lambda event: (
            print(f"started {event.job.id}", flush=True) if event.type.value == "added" else None
        )
    )
    timer = QTimer()
    timer.timeout.connect(
        lambda: _rename_when_listed(window, config["folder"], config["new_name"], timer)
    )
    timer.start(50)
    with loop:
        loop.run_forever()


if __name__ == "__main__":
    main(json.loads(sys.argv[1]))
