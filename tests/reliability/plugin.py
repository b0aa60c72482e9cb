"""pytest hooks of the reliability campaigns, imported by `tests/conftest.py` so that they run
in every process (the xdist controller loads only the initial conftests): the `--full` and
`--reliability-seed` options, and the summary tables at the end of the run."""

from __future__ import annotations

import os

import pytest

from tests.reliability.summary import CampaignTally

FULL_ENV = "EIDER_RELIABILITY"  # "full" selects the full form
SEED_ENV = "EIDER_RELIABILITY_SEED"
DEFAULT_SEED = 19


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("reliability", "reliability campaigns (tests/reliability)")
    group.addoption(
        "--full",
        action="store_true",
        dest="reliability_full",
        help="run the reliability campaigns in their full form (default: the reduced form)",
    )
    group.addoption(
        "--reliability-seed",
        type=int,
        dest="reliability_seed",
        help=f"seed of the campaigns' random choices (default {DEFAULT_SEED}, or ${SEED_ENV})",
    )


def is_full(config: pytest.Config) -> bool:
    return bool(config.getoption("reliability_full", False)) or os.environ.get(FULL_ENV) == "full"


def seed_of(config: pytest.Config) -> int:
    given = config.getoption("reliability_seed", None)
    if given is not None:
        return int(given)
    return int(os.environ.get(SEED_ENV, DEFAULT_SEED))


# One run per process; pytest_runtest_logreport has no config to hang it on.
_tally = CampaignTally()


def pytest_configure(config: pytest.Config) -> None:
    _tally.results.clear()


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.when == "call" and report.user_properties:
        _tally.add_properties(report.user_properties)


def pytest_terminal_summary(
    terminalreporter: pytest.TerminalReporter, config: pytest.Config
) -> None:
    if not _tally.results:
        return
    form = "full" if is_full(config) else "reduced"
    for campaign in _tally.campaigns():
        terminalreporter.section(
            f"reliability: {campaign} ({form} form, seed {seed_of(config)})", sep="-"
        )
        terminalreporter.write_line(_tally.render(campaign))
