"""The summary table adds cases up per group and names every lost one."""

from __future__ import annotations

from tests.reliability.summary import CampaignTally, CaseResult, Outcome, render


def test_the_table_counts_each_outcome_per_group_and_in_total() -> None:
    results = [
        CaseResult("faults", "upload", "u1", Outcome.RECOVERED),
        CaseResult("faults", "upload", "u2", Outcome.FAILED_CLEANLY),
        CaseResult("faults", "download", "d1", Outcome.LOST, "bytes differ"),
    ]
    lines = render(results).splitlines()
    cells = [[c.strip() for c in line.strip("|").split("|")] for line in lines[:5]]
    assert cells[0] == ["", "cases run", "recovered", "failed cleanly", "lost"]
    assert cells[2] == ["download", "1", "0", "0", "1"]
    assert cells[3] == ["upload", "2", "1", "1", "0"]
    assert cells[4] == ["total", "3", "1", "1", "1"]
    assert lines[5] == "lost: d1: bytes differ"


def test_cases_travel_as_report_properties() -> None:
    tally = CampaignTally()
    case = CaseResult("crashes", "sync", "s7", Outcome.RECOVERED)
    tally.add_properties([("other", {"x": 1}), ("reliability_case", case.to_property())])
    assert tally.results == [case]
    assert tally.campaigns() == ["crashes"]
