"""Opening an Info window on a real server and driving its tabs."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.core.s3.info_context import InfoContext
from app.core.s3.session import S3Session
from app.ui.info.info_window import InfoWindow
from app.ui.info.target import InfoTarget
from tests.conftest import connection_for
from tests.fixtures.servers import RunningS3
from tests.gui.conftest import wait_for

OBJECT_TABS = (
    "infoGeneralTab",
    "infoPermissionsTab",
    "infoMetadataTab",
    "infoTagsTab",
    "infoStorageClassTab",
    "infoEncryptionTab",
)


def new_bucket(admin: Any, prefix: str = "iw") -> str:
    name = f"{prefix}-{uuid.uuid4().hex[:16]}"
    admin.create_bucket(Bucket=name)
    return name


def allow_acls(admin: Any, bucket: str) -> None:
    """SeaweedFS makes buckets with ACLs disabled; this turns them on (moto's default)."""
    admin.put_bucket_ownership_controls(
        Bucket=bucket, OwnershipControls={"Rules": [{"ObjectOwnership": "ObjectWriter"}]}
    )


@contextmanager
def info_window(
    qtbot: QtBot,
    server: RunningS3,
    target: InfoTarget,
    context: InfoContext | None = None,
    **extra: Any,
) -> Iterator[InfoWindow]:
    session = S3Session(connection_for(server))
    loader: Callable[[str | None], InfoContext] = lambda _id: context or InfoContext()  # noqa: E731
    window = InfoWindow(session, target, None, None, context_loader=loader, **extra)
    window.show()
    window.start()
    try:
        yield window
    finally:
        pool = window.bridge.pool
        window.close()
        pool.shutdown(wait=True)


def wait_loaded(qtbot: QtBot, window: InfoWindow, names: tuple[str, ...] = OBJECT_TABS) -> None:
    for name in names:
        tab = window.tab(name)
        wait_for(qtbot, lambda t=tab: not t.is_loading)  # type: ignore[attr-defined]


def confirm(qtbot: QtBot, window: InfoWindow) -> str:
    """Accept the window's question; answers its text (with the detail)."""
    wait_for(qtbot, lambda: window.confirm_button is not None and window.dialog is not None)
    dialog = window.dialog
    text = f"{dialog.text()} {dialog.informativeText()}"  # type: ignore[union-attr]
    button = window.confirm_button
    assert button is not None
    window.confirm_button = None
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    return text


def saved(qtbot: QtBot, window: InfoWindow, action: Callable[[], None]) -> str:
    with qtbot.waitSignal(window.changeFinished, timeout=30_000) as blocker:
        action()
    return str(blocker.args[0])
