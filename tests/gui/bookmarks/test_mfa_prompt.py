"""The MFA prompt: a credential callback on a worker thread asks, the GUI thread shows the
dialog, the user answers, the worker continues with the code."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from app.core.credentials.errors import CredentialError
from app.core.credentials.mfa import ask_code
from app.ui.dialogs.mfa_prompt import GuiMfaPrompt, MfaDialog
from tests.gui.bookmarks.conftest import WAIT_MS

pytestmark = pytest.mark.gui

SERIAL = "arn:aws:iam::123456789012:mfa/alice"


@pytest.fixture
def worker() -> Iterator[ThreadPoolExecutor]:
    with ThreadPoolExecutor(1, thread_name_prefix="test-credentials") as pool:
        yield pool


def fake_credential_refresh(prompt: Callable[[str], str]) -> tuple[str, str]:
    """Stands in for a role-session renewal: runs on a worker, asks the prompt as the core
    does (through `ask_code`), and reports which thread it ran on."""
    code = ask_code(prompt, SERIAL)
    return code, threading.current_thread().name


def wait_for_dialog(qtbot: QtBot, prompt: GuiMfaPrompt) -> MfaDialog:
    qtbot.waitUntil(
        lambda: prompt.dialog is not None and prompt.dialog.isVisible(), timeout=WAIT_MS
    )
    assert prompt.dialog is not None
    return prompt.dialog


def test_worker_blocks_until_the_code_is_entered(qtbot: QtBot, worker: ThreadPoolExecutor) -> None:
    prompt = GuiMfaPrompt()
    future: Future[tuple[str, str]] = worker.submit(fake_credential_refresh, prompt)
    dialog = wait_for_dialog(qtbot, prompt)
    assert SERIAL in dialog.findChild(QLabel, "mfaMessage").text()
    assert not future.done()  # the worker waits for the answer

    qtbot.keyClicks(dialog.code_edit, "123456")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    code, thread_name = future.result(timeout=WAIT_MS / 1000)
    assert code == "123456"
    assert thread_name.startswith("test-credentials")
    assert prompt.dialog is None


def test_cancel_reaches_the_worker_as_a_credential_error(
    qtbot: QtBot, worker: ThreadPoolExecutor
) -> None:
    prompt = GuiMfaPrompt()
    future = worker.submit(fake_credential_refresh, prompt)
    dialog = wait_for_dialog(qtbot, prompt)
    qtbot.keyClicks(dialog.code_edit, "999")
    dialog.buttons.rejected.emit()
    with pytest.raises(CredentialError, match="No MFA code was given"):
        future.result(timeout=WAIT_MS / 1000)


def test_closing_the_prompt_releases_a_waiting_worker(
    qtbot: QtBot, worker: ThreadPoolExecutor
) -> None:
    prompt = GuiMfaPrompt()
    future = worker.submit(fake_credential_refresh, prompt)
    wait_for_dialog(qtbot, prompt)
    prompt.close()
    with pytest.raises(CredentialError):
        future.result(timeout=WAIT_MS / 1000)
    # Once closed, the prompt answers "cancelled" at once, without a dialog.
    assert worker.submit(prompt, "later").result(timeout=WAIT_MS / 1000) == ""
    assert prompt.dialog is None


def test_the_prompt_refuses_the_gui_thread() -> None:
    prompt = GuiMfaPrompt()
    with pytest.raises(RuntimeError, match="GUI thread"):
        prompt(SERIAL)
