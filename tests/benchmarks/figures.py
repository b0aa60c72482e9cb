"""One benchmark's figures as the results file holds them: Eider's run and each peer's, the
ratio of Eider's time to each peer's (below 1: Eider was faster), CPU seconds on both sides."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from typing import Any

from tests.benchmarks.measure import Run


@dataclass(frozen=True)
class Figure:
    name: str
    eider: Run
    peers: dict[str, Run] = field(default_factory=dict)
    amount: float | None = None  # what the rate counts per second (MB, files, keys, objects)
    amount_unit: str = ""

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "amount": self.amount,
            "amount_unit": self.amount_unit,
            "eider": self._run(self.eider),
            "peers": {
                tool: {**self._run(run), "ratio": _round(self.eider.seconds / run.seconds)}
                for tool, run in self.peers.items()
            },
        }

    def _run(self, run: Run) -> dict[str, Any]:
        rate = self.amount / run.seconds if self.amount and run.seconds > 0 else None
        return {
            "seconds": _round(run.seconds),
            "rate": _round(rate),
            "client_cpu_s": _round(run.client_cpu_s),
            "server_cpu_s": _round(run.server_cpu_s),
            "peak_rss_mib": _round(run.peak_rss_mib),
        }


@dataclass(frozen=True)
class Benchmark:
    name: str
    parameters: dict[str, Any]
    figures: list[Figure]
    details: dict[str, Any] = field(default_factory=dict)  # benchmark-specific measures

    def as_json(self) -> dict[str, Any]:
        return {
            "parameters": self.parameters,
            "figures": [figure.as_json() for figure in self.figures],
            "details": self.details,
        }


def median_run(runs: list[Run]) -> Run:
    """The median of each measure over several rounds of one tool."""

    def middle(values: list[float | None]) -> float | None:
        known = [v for v in values if v is not None]
        return statistics.median(known) if known else None

    seconds = statistics.median(run.seconds for run in runs)
    return Run(
        seconds=seconds,
        client_cpu_s=statistics.median(run.client_cpu_s for run in runs),
        server_cpu_s=middle([run.server_cpu_s for run in runs]),
        peak_rss_mib=middle([run.peak_rss_mib for run in runs]),
    )


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)
