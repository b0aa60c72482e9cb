"""`--exclude` / `--include` rules: everything by default, the last matching rule decides."""

from __future__ import annotations

from app.core.transfers.name_filter import NameFilter, Rule


def test_no_rules_include_everything() -> None:
    assert NameFilter().includes("any/name.txt")


def test_the_last_matching_rule_wins() -> None:
    names = NameFilter(
        ((Rule.EXCLUDE, "*.tmp"), (Rule.EXCLUDE, "logs/*"), (Rule.INCLUDE, "logs/keep*"))
    )
    assert names.includes("a.txt")
    assert not names.includes("a.tmp")
    assert not names.includes("deep/down/b.tmp")  # '*' crosses folders, as in the AWS CLI
    assert not names.includes("logs/x.log")
    assert names.includes("logs/keep.log")
    assert not NameFilter(((Rule.INCLUDE, "*.txt"), (Rule.EXCLUDE, "*"))).includes("a.txt")


def test_patterns_are_case_sensitive_whatever_the_os() -> None:
    assert NameFilter(((Rule.EXCLUDE, "*.TMP"),)).includes("a.tmp")
