"""Reliability campaigns: seeded faults, crashes and hostile inputs against real servers.

`conftest.py` chooses the reduced form (the normal test run) or the full form (`--full`,
`EIDER_RELIABILITY=full` or `python -m tests.reliability`) and prints every campaign's
summary table (`summary.py`) at the end of the run. See README.md in this folder.
"""
