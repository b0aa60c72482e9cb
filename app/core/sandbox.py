"""The local sandbox: a SeaweedFS server on 127.0.0.1 with a demo bucket, for trying Eider.

Its data lives under `data_dir()/sandbox`. The credentials are made once: the access key id in
`sandbox/credentials.json`, the secret key in `sandbox/keys/secret-key`, a file only the user
can read (0600 in a 0700 folder). The key is made for this one local server and is as secret
as the server's own data folder beside it, so it needs no keyring: the sandbox works on a
machine without one. `start` blocks (~1 s): callers in the GUI run it on a worker thread.
"""

from __future__ import annotations

import json
import secrets as token_source
import threading
from pathlib import Path

from botocore.exceptions import ClientError

from app.core import paths
from app.core.connection import AddressingStyle, Connection, Scheme
from app.core.credentials.spec import CredentialKind, CredentialSpec
from app.core.s3.session import S3Session
from app.core.seaweed import SeaweedServer
from app.core.secrets.key_file import read_key_file, write_key_file

DEMO_BUCKET = "eider-demo"
_DEMO_OBJECTS: dict[str, bytes] = {
    "README.txt": b"This bucket lives on your computer: a local SeaweedFS started by Eider.\n"
    b"Create folders, upload and delete freely; nothing leaves this machine.\n",
    "photos/2026/eider-duck.txt": b"Somateria mollissima, the common eider.\n",
    "photos/2026/coast.txt": b"A stony coast, a grey sea.\n",
    "documents/notes.md": b"# Notes\n\n- buckets hold objects\n- folders are key prefixes\n",
    "documents/budget.csv": b"item,amount\nstorage,0\n",
    # Folder placeholders last: SeaweedFS 4.x stalls ~60 s on a PUT under a deeper path when
    # the placeholder `photos/` was written first (measured; the retry then succeeds).
    "photos/": b"",
    "empty folder/": b"",
}


def sandbox_dir() -> Path:
    return paths.data_dir() / "sandbox"


class Sandbox:
    """One local SeaweedFS; `start` is idempotent and thread-safe, `stop` ends the process."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = root or sandbox_dir()
        self._lock = threading.Lock()
        self._server: SeaweedServer | None = None
        self._connection: Connection | None = None

    @property
    def key_file(self) -> Path:
        return self.root / "keys" / "secret-key"

    @property
    def pid(self) -> int | None:
        return self._server.pid if self._server else None

    @property
    def running(self) -> bool:
        return self._server is not None and self._server.pid is not None

    def start(self) -> Connection:
        with self._lock:
            if self._connection is not None:
                return self._connection
            access_key, secret_key = self._credentials()
            server = SeaweedServer(self.root / "data", access_key, secret_key)
            server.start()
            self._server = server
            try:
                connection = Connection(
                    host=server.host,
                    port=server.ports["s3.port"],
                    scheme=Scheme.HTTP,
                    region="us-east-1",
                    addressing_style=AddressingStyle.PATH,
                    credentials=CredentialSpec(
                        kind=CredentialKind.STATIC,
                        access_key_id=access_key,
                        secret_file=str(self.key_file),
                    ),
                )
                _create_demo_bucket(connection)
            except BaseException:
                server.stop(timeout=3)
                self._server = None
                raise
            self._connection = connection
            return connection

    def stop(self, timeout: float = 5.0) -> None:
        with self._lock:
            server, self._server, self._connection = self._server, None, None
        if server is not None:
            server.stop(timeout=timeout)

    def _credentials(self) -> tuple[str, str]:
        """The sandbox's keys: made on first start, then reused (the server keeps its data)."""
        self.root.mkdir(parents=True, exist_ok=True)
        path = self.root / "credentials.json"
        access_key = ""
        if path.exists():
            try:
                access_key = str(json.loads(path.read_text(encoding="utf-8"))["access_key_id"])
            except (ValueError, KeyError, TypeError):
                access_key = ""  # unreadable: make new keys below
        secret_key = read_key_file(self.key_file) if access_key else None
        if access_key and secret_key:
            return access_key, secret_key
        access_key = "EIDERSANDBOX" + token_source.token_hex(4).upper()
        secret_key = token_source.token_urlsafe(30)
        write_key_file(self.key_file, secret_key)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps({"access_key_id": access_key}) + "\n", encoding="utf-8")
        tmp.replace(path)
        return access_key, secret_key


def _create_demo_bucket(connection: Connection) -> None:
    """On first start only: the demo bucket and its few objects."""
    client = S3Session(connection).client()
    try:
        client.create_bucket(Bucket=DEMO_BUCKET)
    except ClientError as exc:
        code = exc.response.get("Error", {}).get("Code")
        if code in ("BucketAlreadyOwnedByYou", "BucketAlreadyExists"):
            return
        raise
    for key, body in _DEMO_OBJECTS.items():
        client.put_object(Bucket=DEMO_BUCKET, Key=key, Body=body)
