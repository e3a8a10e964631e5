"""Fixtures for the rmos tests."""

from __future__ import annotations

import pytest

import rmos
from support import AT, example_job, pocket_job


@pytest.fixture
def ledger() -> rmos.Ledger:
    return rmos.Ledger.memory()


@pytest.fixture
def luthier() -> rmos.Actor:
    return rmos.Actor.human("luthier")


@pytest.fixture
def top() -> rmos.Job:
    return example_job("guitar_top")


@pytest.fixture
def approved_pocket(ledger: rmos.Ledger, luthier: rmos.Actor) -> rmos.Approved:
    return rmos.Session(pocket_job()).evaluate().approve(luthier, ledger, at=AT)
