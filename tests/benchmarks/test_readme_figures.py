"""The README's figures are the committed results file's, and the runner's results file says
when a benchmark broke (CI runs `python -m tests.benchmarks run --quick` as a step of its own)."""

from __future__ import annotations

import copy
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


def test_latest_results_are_a_committed_complete_run() -> None:
    latest = (suite.RESULTS_DIR / suite.LATEST).read_text()
    results = json.loads(latest)
    if "sources" in results:  # later runs of single benchmarks merged in
        for name, source in results["sources"].items():
            run = json.loads((suite.RESULTS_DIR / source["file"]).read_text())
            assert run["benchmarks"][name] == results["benchmarks"][name], name
    else:
        dated = [p for p in suite.RESULTS_DIR.glob("*.json") if p.name != suite.LATEST]
        assert latest in [p.read_text() for p in dated], "latest.json is no run's results file"
    assert set(results["benchmarks"]) == set(suite.BENCHMARKS)
    for name, entry in results["benchmarks"].items():
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
    assert (tmp_path / suite.LATEST).read_text() == path.read_text()
    results = json.loads(path.read_text())
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


def test_a_run_of_some_benchmarks_is_merged_into_the_latest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(suite, "BENCHMARKS", {"tiny": "", "other": ""})
    monkeypatch.setattr(suite, "PEER_VERSION_COMMANDS", {})
    monkeypatch.setattr(suite, "_load", {"tiny": _tiny, "other": _tiny}.get)
    first, ok = suite.run([], quick=False, results_dir=tmp_path)
    assert ok
    later = tmp_path / "later"
    later.mkdir()
    (later / suite.LATEST).write_text((tmp_path / suite.LATEST).read_text())
    earlier = later / "2026-01-01T0000Z.json"  # both runs may start in the same minute
    earlier.write_text(first.read_text())
    monkeypatch.setattr(suite, "_load", {"tiny": _other_tiny}.get)
    second, ok = suite.run(["tiny"], quick=False, results_dir=later)
    merged = json.loads((later / suite.LATEST).read_text())
    assert merged["benchmarks"]["tiny"] == json.loads(second.read_text())["benchmarks"]["tiny"]
    assert merged["benchmarks"]["other"] == json.loads(first.read_text())["benchmarks"]["other"]
    assert merged["sources"]["tiny"]["file"] == second.name
    assert merged["sources"]["other"]["file"] == earlier.name
    assert f"tiny from `{second.name}`" in readme_figures.render(merged)


def _other_tiny(quick: bool) -> Benchmark:
    eider, peer = Run(3.0, 0.5, 0.25), Run(2.0, 0.1, 0.2)
    return Benchmark("tiny", {"quick": quick}, [Figure("one", eider, {"peer": peer}, 10, "files")])
