"""`results/latest.json`: the newest finished figures of every benchmark, each from the run that
measured it. A run of all benchmarks replaces it; a full run of some benchmarks replaces only
theirs and keeps the others' entries, each still naming its results file, date and commit.

The file has a run's top-level fields (those of the newest run merged in), `sources` (per results
file: its date, commit, quick or not, load averages and the benchmarks taken from it) and, per
benchmark, `results_file`: the dated file its entry is a copy of.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

SOURCE_FIELDS = ("date", "eider_commit", "quick", "load_average_before", "load_average_after")


def results_file_name(date: str, quick: bool) -> str:
    """The dated file a run that started at `date` (ISO 8601, UTC) writes."""
    started = dt.datetime.fromisoformat(date)
    return started.strftime("%Y-%m-%dT%H%MZ") + ("-quick" if quick else "") + ".json"


def with_sources(results: dict[str, Any], name: str) -> dict[str, Any]:
    """A run's results, marked as all coming from its own results file `name`."""
    marked = {**results, "benchmarks": {}}
    for benchmark, entry in results["benchmarks"].items():
        marked["benchmarks"][benchmark] = {**entry, "results_file": name}
    marked["sources"] = {
        name: {
            **{key: results.get(key) for key in SOURCE_FIELDS},
            "benchmarks": list(results["benchmarks"]),
        }
    }
    return marked


def merged(previous: dict[str, Any] | None, run: dict[str, Any], name: str) -> dict[str, Any]:
    """`previous` latest results with `run`'s benchmarks (from file `name`) in place of theirs."""
    newest = with_sources(run, name)
    if previous is None:
        return newest
    if "sources" not in previous:  # written before latest.json named its sources: one run
        previous = with_sources(previous, results_file_name(previous["date"], previous["quick"]))
    benchmarks = dict(previous["benchmarks"])
    benchmarks.update(newest["benchmarks"])
    sources: dict[str, Any] = {}
    for benchmark, entry in benchmarks.items():
        source = entry["results_file"]
        known = newest["sources"].get(source) or previous["sources"][source]
        sources.setdefault(source, {**known, "benchmarks": []})["benchmarks"].append(benchmark)
    return {**newest, "benchmarks": benchmarks, "sources": sources}


def write_latest(path: Path, run: dict[str, Any], name: str, replace_all: bool) -> None:
    previous = None if replace_all or not path.exists() else json.loads(path.read_text())
    path.write_text(json.dumps(merged(previous, run, name), indent=2) + "\n")
