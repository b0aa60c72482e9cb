"""Copying or moving between two connections that cannot copy on the server (two servers, or
two accounts): streamed through Eider as a chain of ordinary engine jobs.

A relay moves one object or folder: (1) the source's engine downloads it into
`$cache/eider/relay/<relay id>/`, (2) the target's engine uploads what arrived, (3) for a move
the source's engine deletes exactly the keys that were uploaded. Each step is a journaled,
resumable, cancellable job of the one `TransferService` (the Transfers window lists it); the
chain itself is kept in `relays.json` in the state folder, written before each step is
submitted, so a killed Eider picks the chain up at the step it was in (`resume`): a step whose
job is still in the journal goes on when that job is resumed, a step whose job left the journal
(it finished) moves on, a step that was never submitted is submitted. A source is deleted only
after its upload is complete; a failed step keeps the chain, and retrying its job continues
it; a cancelled step ends the chain and removes its local copy.

A relay started without bookmarks (an unsaved connection) runs on the sessions it was given and
cannot be continued after a restart; it says so.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import threading
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, replace
from enum import StrEnum
from pathlib import Path

from app.core import paths
from app.core.atomic_file import write_atomically
from app.core.s3.session import S3Session
from app.core.transfers.engine import JobNotFound, TransferEngine
from app.core.transfers.jobs import EventType, JobEvent, JobState
from app.core.transfers.listeners import Listeners
from app.core.transfers.options import ConflictPolicy, TransferOptions
from app.core.transfers.service import TransferService

log = logging.getLogger(__name__)

ASK = TransferOptions(conflict=ConflictPolicy.ASK)
NO_SESSION = (
    "This copy between connections was started on a connection without a bookmark; it cannot "
    "be continued after Eider restarted. Start it again."
)


class Step(StrEnum):
    DOWNLOAD = "download"
    UPLOAD = "upload"
    DELETE = "delete"  # a move only: the source keys that were uploaded
    DONE = "done"
    FAILED = "failed"  # the current job failed: retrying it continues the chain
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class Relay:
    id: str
    source_bookmark: str | None
    source_bucket: str
    source_key: str  # an object, or a folder ending in '/'
    target_bookmark: str | None
    target_bucket: str
    target_prefix: str
    move: bool
    step: Step = Step.DOWNLOAD
    job_id: str | None = None  # the job of the step in progress
    error: str | None = None

    @property
    def is_folder(self) -> bool:
        return self.source_key.endswith("/")

    @property
    def name(self) -> str:
        return self.source_key.rstrip("/").rsplit("/", 1)[-1] or self.source_bucket

    @property
    def target_key(self) -> str:
        return self.target_prefix + self.name + ("/" if self.is_folder else "")

    @property
    def finished(self) -> bool:
        return self.step in (Step.DONE, Step.CANCELLED)


RelayListener = Callable[[Relay], None]


class Relays:
    def __init__(
        self, service: TransferService, store: Path | None = None, folder: Path | None = None
    ) -> None:
        self._service = service
        self._store = store or paths.state_dir() / "relays.json"
        self._folder = folder or paths.cache_dir() / "relay"
        self._lock = threading.RLock()
        self._relays: dict[str, Relay] = {}
        self._sessions: dict[str, tuple[S3Session | None, S3Session | None]] = {}
        self._listeners: Listeners[Relay] = Listeners()
        # Ends of jobs heard before their submit returned (a small job can finish first).
        self._early: dict[str, JobEvent] = {}
        self._worker = ThreadPoolExecutor(1, thread_name_prefix="eider-relay")
        self._load()
        self._unsubscribe = service.subscribe(self._on_event)

    @staticmethod
    def left_by_earlier_run(store: Path | None = None) -> bool:
        """Whether the relay list holds chains (cheap: no service needed)."""
        store = store or paths.state_dir() / "relays.json"
        try:
            return bool(json.loads(store.read_text(encoding="utf-8")).get("relays"))
        except (OSError, ValueError, AttributeError):
            return False

    # -- starting ------------------------------------------------------------------------------

    def start(
        self,
        source: S3Session,
        source_bookmark: str | None,
        bucket: str,
        key: str,
        target: S3Session,
        target_bookmark: str | None,
        target_bucket: str,
        target_prefix: str,
        move: bool,
    ) -> Relay:
        """Start copying (or moving) one object or folder; returns the relay with its first
        job's id. Blocking: call it off the GUI thread."""
        relay = Relay(
            uuid.uuid4().hex,
            source_bookmark,
            bucket,
            key,
            target_bookmark,
            target_bucket,
            target_prefix,
            move,
        )
        with self._lock:
            self._sessions[relay.id] = (source, target)
        return self._submit(relay)

    def subscribe(self, listener: RelayListener) -> Callable[[], None]:
        """`listener(relay)` hears each step (with its job id) and the end; on any thread."""
        return self._listeners.subscribe(listener)

    def relays(self) -> list[Relay]:
        with self._lock:
            return list(self._relays.values())

    def relay_of_job(self, job_id: str) -> Relay | None:
        with self._lock:
            return next((r for r in self._relays.values() if r.job_id == job_id), None)

    def local_folder(self, relay: Relay) -> Path:
        return self._folder / relay.id

    def resume(self) -> list[str]:
        """Continue the chains a killed run left (see the module's docstring); returns their
        ids. Blocking."""
        continued = []
        for relay in self.relays():
            if relay.finished or relay.step is Step.FAILED:
                continue
            if relay.job_id is not None:
                try:
                    self._service.job(relay.job_id)
                    continue  # still journaled: it goes on when its job is resumed
                except JobNotFound:
                    pass
                if relay.step is not Step.DOWNLOAD or self._arrived(relay):
                    self._advance(relay)
                    continued.append(relay.id)
                    continue
            self._submit(replace(relay, job_id=None))
            continued.append(relay.id)
        return continued

    # -- the chain -----------------------------------------------------------------------------

    def _engine(self, relay: Relay, side: str) -> TransferEngine:
        with self._lock:
            sessions = self._sessions.get(relay.id, (None, None))
        session = sessions[0] if side == "source" else sessions[1]
        bookmark = relay.source_bookmark if side == "source" else relay.target_bookmark
        if session is None and not bookmark:
            raise LookupError(NO_SESSION)
        return self._service.engine_for(bookmark, session)

    def _local(self, relay: Relay) -> Path:
        return self.local_folder(relay) / relay.name

    def _arrived(self, relay: Relay) -> bool:
        local = self._local(relay)
        return local.is_dir() if relay.is_folder else local.is_file()

    def _submit(self, relay: Relay) -> Relay:
        """Record the step, then submit its job and record the job's id."""
        self._save(replace(relay, job_id=None))
        try:
            job_id = self._submit_job(relay)
        except Exception as exc:
            log.warning("Relay %s could not start its %s step: %s", relay.id, relay.step, exc)
            failed = replace(relay, step=Step.FAILED, job_id=None, error=str(exc))
            self._save(failed)
            self._announce(failed)
            raise
        submitted = replace(relay, job_id=job_id, error=None)
        self._save(submitted)
        self._announce(submitted)
        with self._lock:
            early = self._early.pop(job_id, None)
        if early is not None:
            self._on_event(early)
        return submitted

    def _submit_job(self, relay: Relay) -> str:
        local = self._local(relay)
        if relay.step is Step.DOWNLOAD:
            local.parent.mkdir(parents=True, exist_ok=True)
            engine = self._engine(relay, "source")
            return engine.download(relay.source_bucket, relay.source_key, local, ASK)
        if relay.step is Step.UPLOAD:
            if relay.is_folder:
                local.mkdir(parents=True, exist_ok=True)  # an empty folder still arrives
            engine = self._engine(relay, "target")
            return engine.upload(local, relay.target_bucket, relay.target_key, ASK)
        engine = self._engine(relay, "source")
        keys = self._uploaded_keys(relay)
        title = f"Delete s3://{relay.source_bucket}/{relay.source_key} (moved)"
        return engine.delete_chosen(
            relay.source_bucket,
            [(key, None) for key in keys],
            TransferOptions(conflict=ConflictPolicy.OVERWRITE),
            title,
            prefix=relay.source_key if relay.is_folder else "",
        )

    def _uploaded_keys(self, relay: Relay) -> list[str]:
        """The source keys of what was copied: every file downloaded, and the folder markers
        of every folder on the way (deleting a marker that does not exist is harmless)."""
        if not relay.is_folder:
            return [relay.source_key]
        local = self._local(relay)
        keys = [relay.source_key]
        for root, dirs, files in os.walk(local):
            below = Path(root).relative_to(local).as_posix()
            base = relay.source_key + ("" if below == "." else below + "/")
            keys += [base + d + "/" for d in dirs]
            keys += [base + f for f in files]
        return keys

    def _on_event(self, event: JobEvent) -> None:  # engine thread: hand the work over
        if event.type is not EventType.FINISHED:
            return
        with self._lock:
            relay = self.relay_of_job(event.job.id)
            if relay is None:
                self._early[event.job.id] = event
                while len(self._early) > 256:  # other jobs' ends: keep only the latest
                    self._early.pop(next(iter(self._early)))
                return
        state = event.job.state
        if state is JobState.DONE:
            self._worker.submit(self._advance_logged, relay)
        elif state is JobState.CANCELLED:
            self._worker.submit(self._cancelled, relay)
        else:
            failed = replace(relay, error=event.job.error or "the step failed")
            self._save(failed)
            self._announce(failed)

    def _advance_logged(self, relay: Relay) -> None:
        try:
            self._advance(relay)
        except Exception:
            log.exception("Relay %s could not go on", relay.id)

    def _advance(self, relay: Relay) -> None:
        if relay.step is Step.DOWNLOAD:
            self._submit(replace(relay, step=Step.UPLOAD, error=None))
        elif relay.step is Step.UPLOAD and relay.move:
            self._submit(replace(relay, step=Step.DELETE, error=None))
        else:
            self._end(replace(relay, step=Step.DONE, job_id=None, error=None))

    def _cancelled(self, relay: Relay) -> None:
        self._end(replace(relay, step=Step.CANCELLED, job_id=None))

    def _end(self, relay: Relay) -> None:
        shutil.rmtree(self.local_folder(relay), ignore_errors=True)
        with self._lock:
            self._relays.pop(relay.id, None)
            self._sessions.pop(relay.id, None)
            self._write()
        self._announce(relay)

    # -- records -------------------------------------------------------------------------------

    def _announce(self, relay: Relay) -> None:
        self._listeners.notify(relay, "A relay listener failed")

    def _save(self, relay: Relay) -> None:
        with self._lock:
            self._relays[relay.id] = relay
            self._write()

    def _write(self) -> None:
        rows = [asdict(r) for r in self._relays.values()]
        write_atomically(self._store, json.dumps({"version": 1, "relays": rows}))

    def _load(self) -> None:
        try:
            data = json.loads(self._store.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return
        except (OSError, ValueError) as exc:
            log.warning("The relay list %s is unreadable (%s); it starts empty", self._store, exc)
            return
        for row in data.get("relays", []):
            try:
                relay = Relay(**{**row, "step": Step(row["step"])})
            except (TypeError, ValueError, KeyError):
                continue
            self._relays[relay.id] = relay

    def close(self) -> None:
        self._unsubscribe()
        self._worker.shutdown(wait=True)
