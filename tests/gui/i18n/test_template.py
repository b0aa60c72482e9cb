"""The translation template holds every translatable UI text, and is up to date (issue 17)."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
TEMPLATE = ROOT / "resources" / "translations" / "eider.ts"

Message = tuple[str, str, str, bool]  # context, source, comment, has plural forms


def messages(ts_file: Path) -> set[Message]:
    tree = ET.parse(ts_file)  # noqa: S314 (the repository's own file and one lupdate wrote)
    return {
        (
            context.findtext("name") or "",
            message.findtext("source") or "",
            message.findtext("comment") or "",
            message.get("numerus") == "yes",
        )
        for context in tree.getroot().iter("context")
        for message in context.iter("message")
    }


def extracted(tmp_path: Path) -> set[Message]:
    """What packaging/update_translations.sh extracts from app/ui now."""
    fresh = tmp_path / "eider.ts"
    subprocess.run(
        [str(ROOT / "packaging" / "update_translations.sh"), sys.executable, str(fresh)],
        check=True,
        cwd=ROOT,
    )
    return messages(fresh)


def test_the_template_is_up_to_date_with_app_ui(tmp_path: Path) -> None:
    now = extracted(tmp_path)
    stored = messages(TEMPLATE)
    assert now == stored, (
        "resources/translations/eider.ts is out of date: run packaging/update_translations.sh\n"
        f"new: {sorted(now - stored)[:20]}\ngone: {sorted(stored - now)[:20]}"
    )


def test_the_template_holds_the_windows_texts_menus_tooltips_and_plurals() -> None:
    stored = messages(TEMPLATE)
    assert len(stored) > 800
    assert ("MainWindow", "&Window", "", False) in stored
    assert ("", "New &Bucket…", "", False) in stored  # a menu entry of window_actions.ENTRIES
    assert ("", "Create a bucket", "", False) in stored  # and its tooltip
    assert ("DeleteConfirmDialog", "Delete {0}?\nThis deletes %Ln object(s).", "", True) in stored
    assert (
        "TlsWarning",
        "TLS certificates of {0} are not verified: anyone on the network path "
        "could read and change this connection's data.",
        "",
        False,
    ) in stored
