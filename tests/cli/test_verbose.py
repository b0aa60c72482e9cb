"""`--verbose` prints one transcript line per request on stderr, with no secret in it."""

from __future__ import annotations

from pathlib import Path

from tests.cli.conftest import run_eider


def test_verbose_prints_each_request_without_secrets(
    aws_env: dict[str, str], bucket: str, tmp_path: Path
) -> None:
    (tmp_path / "a.txt").write_text("hello")
    quiet = run_eider("cp", str(tmp_path / "a.txt"), f"s3://{bucket}/v/a.txt", env=aws_env)
    assert quiet.returncode == 0, quiet.stderr
    assert "PutObject" not in quiet.stderr  # nothing without --verbose

    done = run_eider(
        "cp", "--verbose", f"s3://{bucket}/v/a.txt", str(tmp_path / "b.txt"), env=aws_env
    )
    assert done.returncode == 0, done.stderr
    lines = [line for line in done.stderr.splitlines() if " GetObject " in line]
    assert lines and f"GET {bucket}/v/a.txt GetObject 200" in lines[0]
    assert "ms ↑0 ↓5" in lines[0]
    assert aws_env["AWS_SECRET_ACCESS_KEY"] not in done.stderr
    assert "Signature" not in done.stderr and "Credential=" not in done.stderr
