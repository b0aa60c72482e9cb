"""A command's log records go to its log file; stderr holds only its own `eider:` lines."""

from __future__ import annotations

from pathlib import Path

from app.cli.log_file import LOG_NAME
from tests.cli.conftest import run_eider


def test_a_failed_item_is_reported_once_on_stderr_and_logged_to_the_file(
    aws_env, bucket: str, tmp_path: Path, isolated_environment: Path
) -> None:
    (tmp_path / "f.txt").write_bytes(b"f")
    # SeaweedFS refuses an unknown storage class (HTTP 400): the item fails on the server.
    done = run_eider(
        "cp", str(tmp_path / "f.txt"), f"s3://{bucket}/f.txt", "--storage-class", "BOGUS"
    )
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert lines and all(line.startswith("eider: ") for line in lines), done.stderr
    assert sum("InvalidStorageClass" in line for line in lines) == 1
    logged = (isolated_environment / "log" / LOG_NAME).read_text(encoding="utf-8")
    assert "Transfer of f.txt failed" in logged and "InvalidStorageClass" in logged
    assert aws_env["AWS_SECRET_ACCESS_KEY"] not in logged


def test_a_second_command_in_one_process_logs_to_its_own_home(tmp_path: Path, monkeypatch) -> None:
    import logging

    from app.cli.log_file import send_logs_to_file

    monkeypatch.setenv("EIDER_HOME", str(tmp_path / "one"))
    first = send_logs_to_file()
    monkeypatch.setenv("EIDER_HOME", str(tmp_path / "two"))
    second = send_logs_to_file()
    assert send_logs_to_file() == second != first
    ours = [
        h
        for h in logging.getLogger().handlers
        if getattr(h, "baseFilename", "") in (str(first), str(second))
    ]
    assert [h.baseFilename for h in ours] == [str(second)]  # type: ignore[attr-defined]
    for handler in ours:
        logging.getLogger().removeHandler(handler)
        handler.close()


def test_a_log_that_cannot_be_written_stays_out_of_the_output(
    aws_env, bucket: str, tmp_path: Path, isolated_environment: Path
) -> None:
    (isolated_environment / "log" / LOG_NAME).mkdir(parents=True)  # the file cannot be opened
    (tmp_path / "f.txt").write_bytes(b"f")
    done = run_eider(
        "cp", str(tmp_path / "f.txt"), f"s3://{bucket}/f.txt", "--storage-class", "BOGUS"
    )
    assert done.returncode == 1
    assert all(line.startswith("eider: ") for line in done.stderr.splitlines()), done.stderr

    not_a_folder = tmp_path / "home-is-a-file"
    not_a_folder.write_text("")
    listed = run_eider("ls", f"s3://{bucket}/", env={"EIDER_HOME": str(not_a_folder)})
    assert listed.returncode == 0, listed.stderr
    assert listed.stderr == ""


def test_no_secret_reaches_the_log_file(tmp_path: Path, monkeypatch) -> None:
    import logging

    from app.cli.log_file import send_logs_to_file
    from app.core.errors.redact import remember_secrets

    secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
    remember_secrets(secret)
    monkeypatch.setenv("EIDER_HOME", str(tmp_path))
    path = send_logs_to_file()
    assert path is not None
    log = logging.getLogger("botocore.test")
    try:
        log.warning("signing with %s failed", secret)
        log.warning("GET /b/k?X-Amz-Security-Token=FQoGZXIvYXdzEBYaDEXAMPLETOKEN&x=1")
        try:
            raise ValueError(f"SecretAccessKey={secret}")
        except ValueError:
            log.exception("a library's traceback")
        log.warning("ETag 9b2cf535f27731c974343645a3985328 kept")
    finally:
        for handler in list(logging.getLogger().handlers):
            if getattr(handler, "baseFilename", "") == str(path):
                handler.close()
                logging.getLogger().removeHandler(handler)
    logged = path.read_text(encoding="utf-8")
    assert secret not in logged
    assert "FQoGZXIvYXdzEBYaDEXAMPLETOKEN" not in logged
    assert "X-Amz-Security-Token=[redacted]" in logged
    assert "a library's traceback" in logged and "ValueError" in logged
    assert "9b2cf535f27731c974343645a3985328" in logged  # what a reader needs stays
