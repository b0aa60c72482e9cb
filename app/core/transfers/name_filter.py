"""`--exclude` / `--include` rules, as the AWS CLI reads them.

Every name is included unless a rule says otherwise; rules apply in the order given and the
last one that matches decides. Patterns are shell wildcards over the whole relative name
('/'-separated, so `*` also matches across folders): `*.tmp`, `logs/*`, `*/cache/*`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from fnmatch import fnmatchcase


class Rule(StrEnum):
    EXCLUDE = "exclude"
    INCLUDE = "include"


@dataclass(frozen=True)
class NameFilter:
    rules: tuple[tuple[Rule, str], ...] = ()

    def includes(self, name: str) -> bool:
        included = True
        for rule, pattern in self.rules:
            if fnmatchcase(name, pattern):
                included = rule is Rule.INCLUDE
        return included
