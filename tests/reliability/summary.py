"""The campaigns' summary table: cases run, recovered, failed cleanly, lost.

A campaign case ends in one of three outcomes:

- recovered: the job finished and the result is byte-identical to what was asked;
- failed cleanly: the job stopped with a specific message (no traceback), nothing under a
  target name is corrupt or partial, and the journal still holds the job for a retry;
- lost: anything else (wrong bytes, a partial file under a target name, a source gone before
  its copy was complete, a traceback, an orphaned upload, an inconsistent journal).

Each test records its cases with `record_case(record_property, ...)`; the values travel to
the controlling process with the test report (also under pytest-xdist), where
`CampaignTally` adds them up and `render` prints them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum

PROPERTY = "reliability_case"


class Outcome(StrEnum):
    RECOVERED = "recovered"
    FAILED_CLEANLY = "failed cleanly"
    LOST = "lost"


@dataclass(frozen=True)
class CaseResult:
    campaign: str  # "faults", "crashes", "hostile server", ...
    group: str  # what a row of the table counts: a job kind, a fault, "upload/cli", ...
    case: str  # the case's own name, for the failure list
    outcome: Outcome
    detail: str = ""

    def to_property(self) -> dict[str, str]:
        return {
            "campaign": self.campaign,
            "group": self.group,
            "case": self.case,
            "outcome": self.outcome.value,
            "detail": self.detail,
        }

    @classmethod
    def from_property(cls, value: dict[str, str]) -> CaseResult:
        return cls(
            value["campaign"],
            value["group"],
            value["case"],
            Outcome(value["outcome"]),
            value.get("detail", ""),
        )


def record_case(record_property: Callable[[str, object], None], result: CaseResult) -> None:
    """Attach a case to the running test's report (pytest's `record_property` fixture)."""
    record_property(PROPERTY, result.to_property())


class CampaignTally:
    def __init__(self) -> None:
        self.results: list[CaseResult] = []

    def add(self, result: CaseResult) -> None:
        self.results.append(result)

    def add_properties(self, properties: Iterable[tuple[str, object]]) -> None:
        for name, value in properties:
            if name == PROPERTY and isinstance(value, dict):
                self.add(CaseResult.from_property(value))

    def campaigns(self) -> list[str]:
        return sorted({r.campaign for r in self.results})

    def render(self, campaign: str) -> str:
        return render(r for r in self.results if r.campaign == campaign)


_HEADERS = ("", "cases run", "recovered", "failed cleanly", "lost")


def render(results: Iterable[CaseResult]) -> str:
    """A Markdown table, one row per group and a total; then a line per lost case and per
    case that failed cleanly (with its message)."""
    counts: dict[str, Counter[Outcome]] = {}
    lost: list[CaseResult] = []
    failed: list[CaseResult] = []
    for result in results:
        counts.setdefault(result.group, Counter())[result.outcome] += 1
        if result.outcome is Outcome.LOST:
            lost.append(result)
        elif result.outcome is Outcome.FAILED_CLEANLY:
            failed.append(result)
    total: Counter[Outcome] = Counter()
    rows = []
    for group in sorted(counts):
        total.update(counts[group])
        rows.append(_row(group, counts[group]))
    rows.append(_row("total", total))
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(_HEADERS)]
    lines = [
        _line(_HEADERS, widths),
        _rule(widths),
        *(_line(r, widths) for r in rows),
    ]
    lines += [f"lost: {r.case}: {r.detail}" for r in lost]
    lines += [f"failed cleanly: {r.case}: {r.detail[:160]}" for r in failed]
    return "\n".join(lines)


def _row(name: str, counts: Counter[Outcome]) -> tuple[str, ...]:
    run = sum(counts.values())
    return (
        name,
        str(run),
        str(counts[Outcome.RECOVERED]),
        str(counts[Outcome.FAILED_CLEANLY]),
        str(counts[Outcome.LOST]),
    )


def _rule(widths: list[int]) -> str:
    """Markdown's header rule: the first column left-aligned, the counts right-aligned."""
    cells = ["-" * (w + 2) if i == 0 else "-" * (w + 1) + ":" for i, w in enumerate(widths)]
    return "|" + "|".join(cells) + "|"


def _line(cells: Iterable[str], widths: list[int]) -> str:
    pairs = enumerate(zip(cells, widths, strict=True))
    parts = [f" {c:<{w}} " if i == 0 else f" {c:>{w}} " for i, (c, w) in pairs]
    return "|" + "|".join(parts) + "|"
