"""`eider restore-to` against SeaweedFS: the dry run prints the plan and changes nothing; the
run prints the same plan, then leaves exactly the state of the moment."""

from __future__ import annotations

from typing import Any

from app.cli.main import main
from tests.unit.core.s3.history import current_state, make_history


def test_restore_to_prints_the_plan_then_restores_that_moment(
    capsys: Any, aws_env: dict[str, str], seaweed_admin: Any, bucket: str
) -> None:
    moment, then = make_history(seaweed_admin, bucket)
    at = moment.isoformat()
    before = current_state(seaweed_admin, bucket, "f/")

    assert main(["restore-to", f"s3://{bucket}/f", "--at", at, "--dryrun"]) == 0
    preview = capsys.readouterr().out.splitlines()
    assert current_state(seaweed_admin, bucket, "f/") == before  # the dry run changed nothing
    assert all(line.startswith("(dryrun) ") for line in preview)
    steps = [line.removeprefix("(dryrun) ") for line in preview[:-1]]
    assert len(steps) == 5
    assert sum(s.startswith(f"restore {bucket}") or s.startswith("restore f/") for s in steps) == 2
    assert "2 restored, 1 delete markers removed, 2 delete markers added" in preview[-1]
    assert "2 of 7 keys unchanged" in preview[-1]

    assert main(["restore-to", f"s3://{bucket}/f", "--at", at, "--no-progress"]) == 0
    ran = capsys.readouterr().out.splitlines()
    assert ran[: len(steps)] == steps  # the job ran the plan it showed
    assert current_state(seaweed_admin, bucket, "f/") == then


def test_restore_to_refuses_a_bad_moment_and_an_unversioned_bucket(
    capsys: Any, aws_env: dict[str, str], bucket: str
) -> None:
    assert main(["restore-to", f"s3://{bucket}", "--at", "last tuesday"]) == 2
    assert "ISO 8601" in capsys.readouterr().err
    assert main(["restore-to", f"s3://{bucket}", "--at", "2026-01-01T00:00:00Z"]) == 2
    assert "never kept versions" in capsys.readouterr().err
