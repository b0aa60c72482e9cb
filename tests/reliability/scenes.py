"""One job of each kind, set up on SeaweedFS, run from the CLI or the transfer service, and
judged afterwards: is the end state the one asked for, byte for byte, and is nothing partial,
corrupt or lost under a target name when it is not?

A `Scene` is made per case in a fresh bucket and a fresh local folder:

- upload: an 11 MiB file to one key (multipart, 5 MiB parts);
- download: an 11 MiB object uploaded in 5 MiB parts, fetched by ranges to a local file;
- copy: that object copied on the server (multipart copy from 5 MiB);
- sync: a folder of three files (one multipart) to a prefix holding a stale file and an older
  copy of one of them, with --delete;
- delete: a prefix of six objects, beside one object that must stay;
- move: a folder of four objects (one multipart) moved to another prefix (`eider mv -r`).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from boto3.s3.transfer import TransferConfig

from app.core import paths
from app.core.preferences.sections import (
    ConnectionPreferences,
    Preferences,
    TransferPreferencesSection,
)
from app.core.settings import SettingsStore
from app.core.transfers.engine import TransferEngine
from app.core.transfers.journal import default_path
from app.core.transfers.options import MIB, TransferOptions
from app.core.transfers.sync import Direction, SyncOptions, plan_sync, run_sync
from tests.reliability.journal_check import journal_problems, orphaned_uploads, server_uploads

ROOT = Path(__file__).resolve().parents[2]
KINDS = ("upload", "download", "copy", "sync", "delete")
BIG = 11 * MIB
OPTIONS = TransferOptions(
    multipart_threshold=5 * MIB, part_size=5 * MIB, copy_threshold=5 * MIB, connections=2
)
_MULTIPART = TransferConfig(multipart_threshold=5 * MIB, multipart_chunksize=5 * MIB)


def save_preferences(read_timeout: float, max_attempts: int) -> None:
    """The CLI child reads these (same EIDER_HOME): the scenes' sizes, short timeouts."""
    store = SettingsStore()
    store.set_preferences(
        replace(
            Preferences(),
            transfers=TransferPreferencesSection(
                multipart_threshold=5 * MIB, part_size=5 * MIB, multipart_copy_threshold=5 * MIB
            ),
            connection=ConnectionPreferences(
                read_timeout=read_timeout, connect_timeout=2.0, max_attempts=max_attempts
            ),
        )
    )
    store.flush()


def child_env(endpoint_url: str, access_key: str, secret_key: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        AWS_ACCESS_KEY_ID=access_key,
        AWS_SECRET_ACCESS_KEY=secret_key,
        AWS_ENDPOINT_URL=endpoint_url,
        AWS_REGION="us-east-1",
        PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring",
    )
    return env


def eider_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "app", *args]


def run_cli(args: list[str], env: dict[str, str], timeout: float = 180) -> tuple[int, str]:
    """Exit code and stderr of `eider ARGS`."""
    done = subprocess.run(
        eider_command(*args),
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    return done.returncode, done.stderr


_RAW = ("botocore.exceptions", "urllib3.exceptions", " object at 0x", "Exception(")
# A programming error's name before its text: the failure reached the user unexplained.
_BUG = re.compile(
    r"\b(KeyError|TypeError|AttributeError|IndexError|NameError|AssertionError"
    r"|UnboundLocalError|ZeroDivisionError|RecursionError)\b"
)


def clean_message(text: str) -> str | None:
    """Why `text` is not a specific error message (None when it is one)."""
    if "Traceback" in text:
        return "a traceback: " + text.strip().splitlines()[-1][:200]
    bug = _BUG.search(text)
    if bug:
        return f"a programming error shown as the message ({bug.group(1)}): {text.strip()[:200]}"
    raw = [r for r in _RAW if r in text]
    if raw:
        return f"a raw exception, not words ({raw[0]}): {text.strip()[:200]}"
    if len(text.strip()) < 12:
        return f"no specific message: {text.strip()!r}"
    return None


@dataclass
class Scene:
    kind: str
    admin: Any
    bucket: str
    folder: Path  # this case's local folder
    expected: dict[str, bytes] = field(default_factory=dict)  # target -> bytes, when done
    sources: dict[str, bytes] = field(default_factory=dict)  # source objects (move, delete)

    # -- set up --------------------------------------------------------------------------

    @classmethod
    def make(cls, kind: str, admin: Any, bucket: str, folder: Path, seed: int) -> Scene:
        scene = cls(kind, admin, bucket, folder)
        rng = _bytes(seed)
        folder.mkdir(parents=True, exist_ok=True)
        if kind == "upload":
            data = rng(BIG)
            (folder / "big.bin").write_bytes(data)
            scene.expected["s3:up/big.bin"] = data
        elif kind in ("download", "copy"):
            data = rng(BIG)
            scene._put_multipart("src/obj.bin", data)
            (folder / "dl").mkdir()
            target = "file:dl/obj.bin" if kind == "download" else "s3:copy/obj.bin"
            scene.expected[target] = data
            scene.sources["src/obj.bin"] = data
        elif kind == "sync":
            tree = folder / "tree"
            files = {"a.bin": rng(7 * MIB), "b.txt": rng(100_000), "c/d.txt": rng(10_000)}
            for name, data in files.items():
                (tree / name).parent.mkdir(parents=True, exist_ok=True)
                (tree / name).write_bytes(data)
                scene.expected[f"s3:sync/{name}"] = data
            admin.put_object(Bucket=bucket, Key="sync/stale.txt", Body=b"stale")
            admin.put_object(Bucket=bucket, Key="sync/b.txt", Body=b"older b")
            scene.expected["s3:sync/stale.txt"] = b""  # must be gone
        elif kind == "delete":
            for i in range(6):
                data = rng(1000 + i)
                admin.put_object(Bucket=bucket, Key=f"del/{i}.txt", Body=data)
                scene.sources[f"del/{i}.txt"] = data
                scene.expected[f"s3:del/{i}.txt"] = b""
            admin.put_object(Bucket=bucket, Key="keep.txt", Body=b"keep me")
            scene.expected["s3:keep.txt"] = b"keep me"
        elif kind == "move":
            objects = {"mv/big.bin": rng(BIG), **{f"mv/f{i}.txt": rng(5000 + i) for i in range(3)}}
            for key, data in objects.items():
                scene._put_multipart(key, data)
                scene.sources[key] = data
                scene.expected[f"s3:moved/{key[3:]}"] = data
                scene.expected[f"s3:{key}"] = b""
        else:
            raise ValueError(kind)
        return scene

    def _put_multipart(self, key: str, data: bytes) -> None:
        import io

        self.admin.upload_fileobj(io.BytesIO(data), self.bucket, key, Config=_MULTIPART)

    # -- the job -------------------------------------------------------------------------

    def cli_args(self) -> list[str]:
        b, f = self.bucket, self.folder
        return {
            "upload": ["cp", str(f / "big.bin"), f"s3://{b}/up/big.bin"],
            "download": ["cp", f"s3://{b}/src/obj.bin", str(f / "dl" / "obj.bin")],
            "copy": ["cp", f"s3://{b}/src/obj.bin", f"s3://{b}/copy/obj.bin"],
            "sync": ["sync", str(f / "tree"), f"s3://{b}/sync/", "--delete"],
            "delete": ["rm", f"s3://{b}/del/", "--recursive"],
            "move": ["mv", f"s3://{b}/mv/", f"s3://{b}/moved/", "--recursive"],
        }[self.kind] + (["--no-progress"] if self.kind != "delete" else [])

    def start(self, engine: TransferEngine, options: TransferOptions = OPTIONS) -> str:
        """Submit the job to an engine of the transfer service; returns its id."""
        b, f = self.bucket, self.folder
        if self.kind == "upload":
            return engine.upload(f / "big.bin", b, "up/big.bin", options)
        if self.kind == "download":
            return engine.download(b, "src/obj.bin", f / "dl" / "obj.bin", options)
        if self.kind == "copy":
            return engine.copy(b, "src/obj.bin", b, "copy/obj.bin", options)
        if self.kind == "delete":
            return engine.delete(b, "del/", options=options)
        if self.kind == "move":
            return engine.copy(b, "mv/", b, "moved/", options, move=True)
        if self.kind == "sync":
            plan = plan_sync(
                engine.session, Direction.UPLOAD, f / "tree", b, "sync/", SyncOptions(delete=True)
            )
            started: list[str] = []
            # run_sync waits for the job; the campaign waits on the service instead.
            run_sync(engine, plan, options, on_job=started.append, timeout=0.001)
            return started[0]
        raise ValueError(self.kind)

    # -- judging -------------------------------------------------------------------------

    def _actual(self, target: str) -> bytes | None:
        where, _, name = target.partition(":")
        if where == "file":
            path = self.folder / name
            return path.read_bytes() if path.exists() else None
        try:
            return self.admin.get_object(Bucket=self.bucket, Key=name)["Body"].read()
        except self.admin.exceptions.NoSuchKey:
            return None

    def finished_problems(self) -> list[str]:
        """What differs from the finished job's end state (empty: byte-identical)."""
        problems = []
        for target, data in self.expected.items():
            got = self._actual(target)
            if data == b"" and target != "s3:keep.txt":
                if got is not None:
                    problems.append(f"{target} should be gone")
            elif got != data:
                problems.append(f"{target} is {_describe(got)}, not the {len(data)} bytes asked")
        problems += self._leftovers()
        return problems

    def interrupted_problems(self) -> list[str]:
        """What is corrupt, partial or lost while the job is unfinished: each target holds
        nothing or the right bytes (an overwritten one may still hold its old bytes), and
        every source of a move or delete is intact until its copy is complete."""
        problems = []
        for target, data in self.expected.items():
            got = self._actual(target)
            if data == b"":
                continue  # to be deleted: present or not, both are fine midway
            if got is not None and got != data and not self._old_bytes(target, got):
                problems.append(f"{target} holds {_describe(got)} midway: partial or corrupt")
        for key, data in self.sources.items():
            got = self._actual(f"s3:{key}")
            if got is None:
                if self.kind == "move":
                    copy = self._actual(f"s3:moved/{key[3:]}")
                    if copy != data:
                        problems.append(f"source {key} gone before its copy was complete")
            elif got != data:
                problems.append(f"source {key} changed: {_describe(got)}")
        return problems

    def _old_bytes(self, target: str, got: bytes) -> bool:
        return self.kind == "sync" and target == "s3:sync/b.txt" and got == b"older b"

    def _leftovers(self) -> list[str]:
        if self.kind in ("download",):
            extra = sorted(p.name for p in (self.folder / "dl").iterdir() if p.name != "obj.bin")
            if extra:
                return [f"left in the download folder: {extra}"]
        return []

    def uploads_problems(self, finished: bool) -> list[str]:
        """Multipart uploads: none left once finished; none unknown to the journal before."""
        if finished:
            left = server_uploads(self.admin, self.bucket)
            return [f"multipart upload left open: {k} ({u})" for k, u in left]
        return [
            f"orphaned multipart upload: {o}"
            for o in orphaned_uploads(self.admin, self.bucket, journal_path())
        ]


def journal_path() -> Path:
    return default_path()


def journal_issues(idle: bool = True) -> list[str]:
    return journal_problems(journal_path(), idle=idle)


def state_dir() -> Path:
    return paths.state_dir()


def _describe(data: bytes | None) -> str:
    return "missing" if data is None else f"{len(data)} other bytes"


def _bytes(seed: int) -> Any:
    import random

    rng = random.Random(seed)

    def make(size: int) -> bytes:
        return rng.randbytes(size)

    return make
