"""A command loads only what it uses: `eider --version` neither botocore nor Qt nor the keyring,
`eider ls` not the transfer engine's journal (SQLite), client-side encryption or Qt.

Each command runs in a fresh interpreter (`python -c`, the same `main` as `python -m app`),
which then prints the names of the modules it had loaded; tests/benchmarks/README.md says
what each of these cost at start-up.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.cli.conftest import ROOT, _child_env

# Runs `main(argv)`, keeps its output apart, then prints the loaded modules as the last line.
PROBE = """
import contextlib, io, json, sys
from app.cli.main import main
argv = json.loads(sys.argv[1])
out = io.StringIO()
with contextlib.redirect_stdout(out):
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse's --version exits
        code = exc.code
print(json.dumps({"code": code, "out": out.getvalue(), "modules": sorted(sys.modules)}))
"""


def loaded_by(argv: list[str], env: dict[str, str] | None = None) -> tuple[int, str, set[str]]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(argv)],
        cwd=ROOT,
        env=_child_env(env),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    return report["code"], report["out"], set(report["modules"])


def packages(modules: set[str], *names: str) -> list[str]:
    """Those of `names` (packages or modules) of which something is loaded."""
    return [n for n in names if any(m == n or m.startswith(n + ".") for m in modules)]


def test_version_loads_no_botocore_boto3_qt_or_keyring() -> None:
    code, out, modules = loaded_by(["--version"])
    assert code == 0
    assert out.strip() == f"eider {__import__('app').__version__}"
    heavy = ("boto3", "botocore", "s3transfer", "urllib3", "PySide6", "shiboken6", "qasync")
    assert packages(modules, *heavy, "keyring", "cryptography") == []
    assert packages(modules, "app.core") == []  # nothing of the core at all


def test_the_probe_sees_what_a_command_loads(aws_env: dict[str, str], bucket: str) -> None:
    """The same probe on `eider ls` does see botocore: an empty list above means something."""
    code, _out, modules = loaded_by(["ls", f"s3://{bucket}/"], aws_env)
    assert code == 0
    assert packages(modules, "botocore") == ["botocore"]


def test_ls_loads_neither_the_journal_nor_encryption_nor_qt(
    aws_env: dict[str, str], seaweed_admin: object, bucket: str
) -> None:
    for key in ("a.txt", "b.txt"):
        seaweed_admin.put_object(Bucket=bucket, Key=key, Body=b"x")  # type: ignore[attr-defined]
    code, out, modules = loaded_by(["ls", f"s3://{bucket}/"], aws_env)
    assert code == 0
    assert out.split() == ["a.txt", "b.txt"]
    unneeded = (
        "sqlite3",  # the transfer journal's
        "app.core.transfers.journal",
        "app.core.transfers.engine",
        "app.core.cse.keys",  # client-side encryption beyond its error type
        "app.core.sse_c.reads",
        "boto3",
        "s3transfer",
        "PySide6",
    )
    assert packages(modules, *unneeded) == []


@pytest.mark.parametrize("command", ["cp", "rm", "sync", "stat"])
def test_the_other_commands_still_register(command: str) -> None:
    """Moving the imports into `main` left every command's parser whole."""
    code, out, _modules = loaded_by([command, "--help"])
    assert code == 0
    assert f"usage: eider {command}" in out
