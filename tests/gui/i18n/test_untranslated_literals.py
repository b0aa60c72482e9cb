"""No user-visible literal in app/ui skips Qt's translation (issue 17)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.gui.i18n.literal_scan import Finding, ui_helpers, untranslated

UI = Path(__file__).resolve().parents[3] / "app" / "ui"

# (file under app/ui, the literal, why it stays as written). Keep this short.
EXEMPT = {
    ("info/bucket/object_lock_tab.py", "days", "the unit box's text is read back as the value"),
    ("info/bucket/object_lock_tab.py", "years", "the unit box's text is read back as the value"),
    ("info/bucket/website_tab.py", "https", "a protocol name, the same in every language"),
    ("info/bucket/website_tab.py", "http", "a protocol name, the same in every language"),
}


def findings() -> list[Finding]:
    helpers = ui_helpers(UI)
    exempt = {(path, text) for path, text, _why in EXEMPT}
    return [
        finding
        for path in sorted(UI.rglob("*.py"))
        for finding in untranslated(path, helpers)
        if (path.relative_to(UI).as_posix(), finding.text) not in exempt
    ]


def test_every_user_visible_literal_in_app_ui_goes_through_translation() -> None:
    found = findings()
    assert not found, (
        "Wrap these in self.tr(...) or translate(...) (app/ui/translation.py); an f-string "
        "becomes self.tr('... {0} ...').format(value):\n" + "\n".join(map(str, found))
    )


def test_the_exemptions_are_still_there() -> None:
    """An exemption whose literal is gone (or now translated) is removed from the list."""
    helpers = ui_helpers(UI)
    for path, text, _why in EXEMPT:
        assert any(f.text == text for f in untranslated(UI / path, helpers)), (path, text)


@pytest.mark.parametrize(
    ("source", "flagged"),
    [
        ('label.setText("Saved.")', ["Saved."]),
        ('QLabel("Name:", parent)', ["Name:"]),
        ('QMessageBox.warning(parent, "Eider", "It failed")', ["Eider", "It failed"]),
        ('box.addRow("&Region:", combo)', ["&Region:"]),
        ('button.setToolTip(f"Delete {name}")', ["f'Delete {name}'"]),
        ('action.setText("Open" if one else "Open All")', ["Open", "Open All"]),
        ('say(text="Reload the list")', ["Reload the list"]),
        ('say("listed")', ["listed"]),  # a helper of this file whose parameter is `text`
        ('label.setText(self.tr("Saved."))', []),
        ('label.setText(translate("Ctx", "Saved."))', []),
        ('label.setObjectName("savedLabel")', []),
        ('label.setText("42 %")', []),  # no word in it
        ("label.setText(name)", []),
    ],
)
def test_the_check_flags_literals_and_passes_translated_ones(
    tmp_path: Path, source: str, flagged: list[str]
) -> None:
    module = tmp_path / "sample.py"
    module.write_text(f"def say(text):\n    pass\n\n\ndef f():\n    {source}\n", encoding="utf-8")
    assert [f.text for f in untranslated(module, {})] == flagged
