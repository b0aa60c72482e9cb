"""`--exclude PATTERN` / `--include PATTERN`, shared by sync, cp, mv and rm."""

from __future__ import annotations

import argparse

from app.core.transfers.name_filter import NameFilter, Rule


def add_name_filter_arguments(parser: argparse.ArgumentParser) -> None:
    for rule in Rule:
        parser.add_argument(
            f"--{rule.value}",
            dest="name_rules",
            action="append",
            type=lambda pattern, rule=rule: (rule, pattern),
            default=[],
            metavar="PATTERN",
            help=f"{rule.value} names matching PATTERN (e.g. '*.tmp', 'logs/*'), relative to "
            "the folder or prefix; repeatable, the last matching rule wins"
            if rule is Rule.EXCLUDE
            else f"{rule.value} names matching PATTERN again after an --exclude",
        )


def name_filter_from_args(args: argparse.Namespace) -> NameFilter | None:
    """The rules given, or None when there are none (every name is included)."""
    return NameFilter(tuple(args.name_rules)) if args.name_rules else None
