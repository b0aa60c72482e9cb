"""Fixtures shared by the reliability campaigns.

A campaign module defines `campaign(full: bool, seed: int) -> list[Case]` (each case with an
`id`) and tests taking a `case` argument; `pytest_generate_tests` below parametrizes them with
the reduced or the full list. The options and the summary tables live in `plugin.py`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.reliability.plugin import is_full, seed_of

_HERE = Path(__file__).parent


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if _HERE in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.reliability)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    build = getattr(metafunc.module, "campaign", None)
    if build is None or "case" not in metafunc.fixturenames:
        return
    cases = build(is_full(metafunc.config), seed_of(metafunc.config))
    metafunc.parametrize("case", cases, ids=[case.id for case in cases])


@pytest.fixture(scope="session")
def full_form(pytestconfig: pytest.Config) -> bool:
    return is_full(pytestconfig)


@pytest.fixture(scope="session")
def campaign_seed(pytestconfig: pytest.Config) -> int:
    return seed_of(pytestconfig)
