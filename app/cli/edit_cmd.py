"""`eider edit s3://bucket/key [--with COMMAND]`: edit an object in an editor; each save is
uploaded (as a transfer job) until the editor exits."""

from __future__ import annotations

import argparse
import subprocess
import sys
import threading
from datetime import datetime
from pathlib import Path

from app.cli import exit_codes
from app.cli.connection_args import (
    add_connection_arguments,
    bookmark_id_from_args,
    open_session,
)
from app.cli.job_runner import make_engine
from app.cli.s3_paths import parse_s3
from app.cli.setup_errors import SETUP_CONNECTION_ERRORS, SETUP_USAGE_ERRORS, setup_failure
from app.cli.transfer_args import TransferArgsError, sse_c_ref
from app.core.edit.conflict import ConflictAnswer, ConflictChoice, ServerChanged
from app.core.edit.editor import choose_editor
from app.core.edit.record import OpenEdit
from app.core.edit.session import EditNotice, EditSession
from app.core.edit.store import EditStore

_PROMPT_LOCK = threading.Lock()


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "edit",
        help="edit an object in an editor; each save is uploaded",
        description=(
            "Download the object to a private folder, open it in an editor (--with, else "
            "$VISUAL or $EDITOR, else the desktop's default application) and upload every "
            "save, keeping the object's metadata, tags, ACL, storage class and encryption. "
            "If the object changed on the server meanwhile, you are asked whether to "
            "overwrite it, save under a new name or discard your save. Returns when the "
            "editor exits. An edit of the object that an earlier run left open (a crash, a "
            "kill) is continued: its copy opens again and is uploaded."
        ),
        epilog=exit_codes.EPILOG,
    )
    parser.add_argument("path", help="s3://bucket/key")
    parser.add_argument(
        "--with",
        dest="editor",
        metavar="COMMAND",
        help='the editor to run, e.g. "code --wait" ({} stands for the file, else it goes last)',
    )
    parser.add_argument("--sse-c-key-file", type=Path, metavar="FILE", help="for SSE-C objects")
    parser.add_argument(
        "--settle",
        type=float,
        default=0.5,
        metavar="SECONDS",
        help="upload a save once the file has not changed for this long (default 0.5)",
    )
    add_connection_arguments(parser)
    parser.set_defaults(func=exit_codes.interruptible(_run))


def _say(text: str) -> None:
    print(f"eider: {text}", file=sys.stderr, flush=True)


def _notice(notice: EditNotice) -> None:
    if notice.failed:
        exit_codes.say_error(notice.message)
    else:
        _say(notice.message)


def ask_on_terminal(question: ServerChanged) -> ConflictAnswer:
    """Ask on stdin/stderr; no answer (end of input) keeps the server's object untouched."""
    with _PROMPT_LOCK:
        _say(question.describe())
        while True:
            print(
                "[o]verwrite it with your save, [s]ave yours as a new name, "
                "or [d]iscard your save? ",
                end="",
                file=sys.stderr,
                flush=True,
            )
            line = sys.stdin.readline()
            if not line:
                return ConflictAnswer(ConflictChoice.SAVE_AS, question.suggested_key)
            word = line.strip().lower()
            if word in ("o", "overwrite"):
                return ConflictAnswer(ConflictChoice.OVERWRITE)
            if word in ("d", "discard"):
                return ConflictAnswer(ConflictChoice.DISCARD)
            if word in ("s", "save", "save as"):
                print(f"New name [{question.suggested_key}]: ", end="", file=sys.stderr, flush=True)
                name = sys.stdin.readline().strip()
                return ConflictAnswer(ConflictChoice.SAVE_AS, name or question.suggested_key)


def _left_behind(store: EditStore, bucket: str, key: str) -> OpenEdit | None:
    for edit in store.left_behind():
        if edit.bucket == bucket and edit.key == key:
            return edit
    return None


def _run(args: argparse.Namespace) -> int:
    try:
        path = parse_s3(args.path)
        session = open_session(args)
        bookmark_id = bookmark_id_from_args(args)
        key_ref = sse_c_ref(args) if args.sse_c_key_file is not None else None
    except (*SETUP_USAGE_ERRORS, *SETUP_CONNECTION_ERRORS, TransferArgsError) as exc:
        return setup_failure(exc)
    if path.is_prefix:
        return exit_codes.usage(f"{path} names no object")
    store = EditStore()
    engine = make_engine(session, bookmark_id=bookmark_id)
    edit: EditSession | None = None
    try:
        earlier = _left_behind(store, path.bucket, path.key)
        if earlier is not None:
            edit = EditSession(session, lambda: engine, store, earlier, ask_on_terminal, _notice)
            when = datetime.fromtimestamp(earlier.opened_at).strftime("%Y-%m-%d %H:%M")
            _say(f"Continuing the edit of {path} left open since {when}: {earlier.local_path}")
            edit.refresh()  # nothing unsaved in it: the object as it is now
        else:
            edit = EditSession.open(
                session,
                lambda: engine,
                store,
                path.bucket,
                path.key,
                ask_on_terminal,
                _notice,
                bookmark_id=bookmark_id,
                customer_key_ref=key_ref,
            )
        editor = choose_editor(args.editor, edit.path)
        edit.start_watching(settle=args.settle)
        try:
            finished = subprocess.run(editor.argv, check=False)
        except OSError as exc:
            edit.release()
            return exit_codes.usage(f"The editor {editor.argv[0]} cannot be started: {exc}")
        if not editor.waits:
            _say("Opened in the desktop's default application; press Enter when you are done.")
            sys.stdin.readline()
        edit.stop()
        edit.flush()
        if edit.has_unsaved():
            kept = edit.edit.local_path
            edit.release()
            exit_codes.say_error(f"The last save was not uploaded; it is kept at {kept}")
            return exit_codes.PARTIAL
        if editor.waits and finished.returncode != 0:
            _say(f"The editor exited with status {finished.returncode}.")
        edit.close()
        return exit_codes.OK
    except ValueError as exc:
        if edit is not None:
            edit.release()
        return exit_codes.usage(str(exc))
    except Exception as exc:
        if edit is not None:
            edit.release()
        return exit_codes.fail(exc, "GetObject", path.bucket, path.key)
    finally:
        engine.close()
        store.close()
