"""The README's figures are the committed results file's, and the runner's results file says
when a benchmark broke (CI runs `python -m tests.benchmarks run --quick` as a step of its own)."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path

import pytest

from tests.benchmarks import readme_figures, suite
from tests.benchmarks.figures import Benchmark, Figure
from tests.benchmarks.measure import Run


def test_readme_table_is_the_latest_results_file() -> None:
    readme = readme_figures.README.read_text()
    assert readme_figures.section(readme) == readme_figures.render(
        readme_figures.latest_results()
    ), "README figures differ from results/latest.json: run `python -m tests.benchmarks readme`"


def test_latest_results_are_committed_runs_of_every_benchmark() -> None:
    results = readme_figures.latest_results()
    assert set(results["benchmarks"]) == set(suite.BENCHMARKS)
    for name, entry in results["benchmarks"].items():
        source = suite.RESULTS_DIR / entry["results_file"]
        assert source.exists(), f"{name}: {source.name} is not committed"
        run = json.loads(source.read_text())
        copied = {key: value for key, value in entry.items() if key != "results_file"}
        assert copied == run["benchmarks"][name], f"{name} is not {source.name}'s"
        assert name in results["sources"][source.name]["benchmarks"]
        assert results["sources"][source.name]["date"] == run["date"]
        assert "error" not in entry, name
        assert entry["figures"], name
        for figure in entry["figures"]:
            eider = figure["eider"]["seconds"]
            for peer in figure["peers"].values():
                assert peer["ratio"] == pytest.approx(eider / peer["seconds"], rel=1e-2, abs=1e-3)


def test_the_table_follows_the_results() -> None:
    results = readme_figures.latest_results()
    changed = copy.deepcopy(results)
    first = changed["benchmarks"]["transfers"]["figures"][0]
    first["eider"]["seconds"] += 1.0
    assert readme_figures.render(changed) != readme_figures.render(results)


def _tiny(quick: bool) -> Benchmark:
    eider, peer = Run(1.0, 0.5, 0.25), Run(2.0, 0.1, 0.2)
    return Benchmark("tiny", {"quick": quick}, [Figure("one", eider, {"peer": peer}, 10, "files")])


def _broken(quick: bool) -> Benchmark:
    raise RuntimeError("the benchmark broke")


def test_a_broken_benchmark_fails_the_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(suite, "BENCHMARKS", {"tiny": "", "broken": ""})
    monkeypatch.setattr(suite, "PEER_VERSION_COMMANDS", {})
    monkeypatch.setattr(suite, "_load", {"tiny": _tiny, "broken": _broken}.get)
    path, ok = suite.run([], quick=True, results_dir=tmp_path)
    assert not ok
    results = json.loads(path.read_text())
    assert "the benchmark broke" in results["benchmarks"]["broken"]["error"]
    assert results["benchmarks"]["tiny"]["figures"][0]["peers"]["peer"]["ratio"] == 0.5
    assert not (tmp_path / suite.LATEST).exists()  # a broken run never becomes the latest


def test_a_complete_run_becomes_the_latest(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(suite, "BENCHMARKS", {"tiny": ""})
    monkeypatch.setattr(suite, "PEER_VERSION_COMMANDS", {})
    monkeypatch.setattr(suite, "_load", {"tiny": _tiny}.get)
    path, ok = suite.run([], quick=False, results_dir=tmp_path)
    assert ok
    results = json.loads(path.read_text())
    latest = json.loads((tmp_path / suite.LATEST).read_text())
    tiny = results["benchmarks"]["tiny"]
    assert latest["benchmarks"]["tiny"] == {**tiny, "results_file": path.name}
    assert list(latest["sources"]) == [path.name]
    for key in ("date", "machine", "load_average_before", "load_average_after", "python"):
        assert results[key], key
    figure = results["benchmarks"]["tiny"]["figures"][0]
    assert figure["eider"] == {
        "seconds": 1.0,
        "rate": 10.0,
        "client_cpu_s": 0.5,
        "server_cpu_s": 0.25,
        "peak_rss_mib": None,
    }


def _other(quick: bool) -> Benchmark:
    eider, peer = Run(3.0, 1.5, 0.5), Run(1.5, 0.5, 0.5)
    return Benchmark("other", {}, [Figure("two", eider, {"peer": peer})])


def _run_at(
    minute: int, names: list[str], quick: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """A run that started at 10:`minute` UTC (each run its own results file)."""

    class _Clock(dt.datetime):
        @classmethod
        def now(cls, tz: dt.tzinfo | None = None) -> dt.datetime:
            return dt.datetime(2026, 12, 8, 10, minute, tzinfo=dt.UTC)

    monkeypatch.setattr(suite.dt, "datetime", _Clock)
    path, ok = suite.run(names, quick=quick, results_dir=tmp_path)
    assert ok
    return path


def test_a_run_of_some_benchmarks_replaces_only_their_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(suite, "BENCHMARKS", {"tiny": "", "other": ""})
    monkeypatch.setattr(suite, "PEER_VERSION_COMMANDS", {})
    monkeypatch.setattr(suite, "_load", {"tiny": _tiny, "other": _other}.get)
    first = _run_at(1, [], False, tmp_path, monkeypatch)
    second = _run_at(2, ["other"], False, tmp_path, monkeypatch)
    _run_at(3, ["tiny"], True, tmp_path, monkeypatch)  # a quick run of some: latest untouched
    latest = json.loads((tmp_path / suite.LATEST).read_text())
    assert list(latest["benchmarks"]) == ["tiny", "other"]  # the table keeps its order
    assert latest["benchmarks"]["tiny"]["results_file"] == first.name
    assert latest["benchmarks"]["tiny"]["parameters"] == {"quick": False}
    assert latest["benchmarks"]["other"]["results_file"] == second.name
    assert {name: s["benchmarks"] for name, s in latest["sources"].items()} == {
        first.name: ["tiny"],
        second.name: ["other"],
    }
    said = readme_figures.render(latest)
    assert "tiny from a full run of `python -m tests.benchmarks run` on 2026-12-08 10:01" in said
    assert "other from a full run of `python -m tests.benchmarks run` on 2026-12-08 10:02" in said
    assert "| other | two | 3.00 s | peer 2.00 |" in said


def test_the_readme_says_the_listing_hangs_and_the_start_up_targets() -> None:
    results = copy.deepcopy(readme_figures.latest_results())
    listing = results["benchmarks"]["listing"]["details"]
    listing["hangs"] = []
    assert "recorded no hang" in readme_figures.render(results)
    at = 'File "/somewhere/eider/app/ui/x.py", line 3, in f\n    time.sleep(0.2)'
    listing["hangs"] = [
        {"wall_ms": 240, "held_ms": 180, "at": at},
        {"wall_ms": 120, "held_ms": 20, "at": at},
    ]
    said = readme_figures.render(results)
    assert "recorded 2 hangs, 1 of them held by Eider over 100 ms" in said
    assert "180 ms held of 240 ms wall at `File app/ui/x.py, line 3, in f time.sleep(0.2)`" in said
    startup = results["benchmarks"]["startup"]
    startup["details"] = {"version_s": 0.2, "version_target_s": 0.15, "ls_s": 0.3}
    startup["details"]["ls_target_s"] = 0.5
    startup["figures"] = [
        {"name": "eider --version", "eider": {"client_cpu_s": 0.05}},
        {"name": "start, list 10 keys and exit", "eider": {"client_cpu_s": 0.25}},
    ]
    said = readme_figures._details("startup", startup)
    assert "`eider --version` 0.20 s (0.05 CPU-s), target < 0.15 s: **missed**" in said
    assert "`eider ls` of 10 keys 0.30 s (0.25 CPU-s), target < 0.5 s: met" in said
