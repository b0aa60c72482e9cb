"""`eider bookmark ...`: secrets come from a prompt or stdin, never from an argument."""

from __future__ import annotations

import io
import json
import logging
import plistlib
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli.main import main
from app.core import paths, secrets

SECRET = "cli-secret-value-0123456789"


def _add(monkeypatch: pytest.MonkeyPatch, *extra: str, stdin: str = SECRET + "\n") -> int:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    return main(
        [
            "bookmark",
            "add",
            "--profile",
            "minio",
            "--nickname",
            "Lab MinIO",
            "--host",
            "minio.lab.example",
            "--port",
            "9000",
            "--access-key",
            "labkey",
            "--secret-stdin",
            *extra,
        ]
    )


def test_add_show_list_remove(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    assert _add(monkeypatch, "--region", "eu-1", "--storage-class", "STANDARD") == 0
    bookmark_id = capsys.readouterr().out.strip()
    assert secrets.get_secret(f"bookmark:{bookmark_id}", "secret-key") == SECRET
    stored = (paths.config_dir() / "bookmarks.json").read_text()
    assert SECRET not in stored and SECRET not in caplog.text

    assert main(["bookmark", "show", "Lab MinIO"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["bookmark"]["id"] == bookmark_id
    assert shown["connection"]["endpoint_url"] == "https://minio.lab.example:9000"
    assert shown["connection"]["addressing_style"] == "path"
    assert shown["secret_key_stored"] is True
    assert SECRET not in json.dumps(shown)

    assert main(["bookmark", "list"]) == 0
    assert "Lab MinIO" in capsys.readouterr().out

    assert main(["bookmark", "remove", bookmark_id[:8]]) == 0
    assert "Removed bookmark 'Lab MinIO'" in capsys.readouterr().out
    assert secrets.get_secret(f"bookmark:{bookmark_id}", "secret-key") is None
    assert main(["bookmark", "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_secret_from_the_prompt(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("getpass.getpass", lambda prompt="": "prompted-secret")
    code = main(["bookmark", "add", "--profile", "wasabi", "--nickname", "W", "--access-key", "K"])
    assert code == 0
    bookmark_id = capsys.readouterr().out.strip()
    assert secrets.get_secret(f"bookmark:{bookmark_id}", "secret-key") == "prompted-secret"


def test_a_secret_argument_does_not_exist() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "app",
            "bookmark",
            "add",
            "--profile",
            "wasabi",
            "--nickname",
            "W",
            "--secret",
            "oops",
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2 and "unrecognized arguments: --secret" in result.stderr


def test_add_errors(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("x\n"))
    assert main(["bookmark", "add", "--profile", "nope", "--nickname", "N"]) == 1
    assert "profile 'nope', which is not installed" in capsys.readouterr().err
    assert main(["bookmark", "add", "--profile", "cloudflare-r2", "--nickname", "R"]) == 1
    assert "needs a server host name" in capsys.readouterr().err
    assert main(["bookmark", "add", "--profile", "wasabi", "--nickname", "W"]) == 1
    assert "needs --access-key" in capsys.readouterr().err
    assert _add(monkeypatch, stdin="\n") == 1
    assert "No secret key was given" in capsys.readouterr().err
    assert not (paths.config_dir() / "bookmarks.json").exists()


def test_anonymous_and_instance_metadata_need_no_secret(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["bookmark", "add", "--profile", "s3-instance-metadata", "--nickname", "EC2"]) == 0
    assert (
        main(
            [
                "bookmark",
                "add",
                "--profile",
                "amazon-s3",
                "--nickname",
                "Open data",
                "--credentials",
                "anonymous",
            ]
        )
        == 0
    )
    capsys.readouterr()
    assert main(["bookmark", "show", "Open data"]) == 0
    assert json.loads(capsys.readouterr().out)["connection"]["credential_kind"] == "anonymous"


def test_import_and_export_duck(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    duck = tmp_path / "Team.duck"
    duck.write_bytes(
        plistlib.dumps(
            {
                "Protocol": "s3",
                "Provider": "digitalocean-spaces",
                "Nickname": "Team space",
                "UUID": "4f1b6a8e-2b1c-4e0e-9a8e-0d3c2b1a0f9e",
                "Hostname": "fra1.digitaloceanspaces.com",
                "Username": "DO00EXAMPLE",
            }
        )
    )
    assert main(["bookmark", "import", str(duck)]) == 0
    assert "Team space" in capsys.readouterr().out
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    assert main(["bookmark", "export", "Team space", "-o", str(out_dir)]) == 0
    written = out_dir / "Team space.duck"
    data = plistlib.loads(written.read_bytes())
    assert data["UUID"] == "4f1b6a8e-2b1c-4e0e-9a8e-0d3c2b1a0f9e"
    assert data["Hostname"] == "fra1.digitaloceanspaces.com"

    bad = tmp_path / "bad.duck"
    bad.write_text("not xml")
    assert main(["bookmark", "import", str(bad)]) == 1
    assert "bad.duck: not a valid XML property list" in capsys.readouterr().err


def test_corrupt_store_warns_once_and_keeps_the_file(
    capsys: pytest.CaptureFixture[str],
) -> None:
    (paths.config_dir() / "bookmarks.json").write_text("{broken")
    assert main(["bookmark", "list"]) == 0
    err = capsys.readouterr().err
    assert err.startswith("eider: warning: The bookmarks file could not be read")
    assert len(list(paths.config_dir().glob("bookmarks.corrupt-*.json"))) == 1
