"""The constructed designs really are zero-repeat schedules."""

from __future__ import annotations

import itertools

import pytest

from verbindtafel_desktop.mixing.cyclic import cyclic_schedule
from verbindtafel_desktop.mixing.designs import Schedule, affine_rounds, affine_schedule
from verbindtafel_desktop.mixing.finite_field import FiniteField


def assert_zero_repeats(schedule: Schedule, groups: int, size: int, rounds: int) -> None:
    assert len(schedule) == rounds
    seen: set[frozenset[int]] = set()
    for tables in schedule:
        assert len(tables) == groups
        assert all(len(t) == size for t in tables)
        assert sorted(p for t in tables for p in t) == list(range(groups * size))
        for table in tables:
            for a, b in itertools.combinations(table, 2):
                pair = frozenset((a, b))
                assert pair not in seen
                seen.add(pair)


@pytest.mark.parametrize("q", [2, 3, 4, 5, 7, 8, 9])
def test_finite_field_axioms(q: int) -> None:
    f = FiniteField(q)
    for a in range(1, q):
        assert sum(1 for b in range(q) if f.mul[a][b] == 1) == 1  # an inverse exists
    for a, b, c in itertools.product(range(q), repeat=3):
        assert f.mul[a][f.add[b][c]] == f.add[f.mul[a][b]][f.mul[a][c]]


@pytest.mark.parametrize(("g", "s"), [(4, 4), (5, 3), (7, 6), (8, 4), (9, 3)])
def test_affine_schedules(g: int, s: int) -> None:
    rounds = affine_rounds(g, s)
    assert_zero_repeats(affine_schedule(g, s, rounds), g, s, rounds)


@pytest.mark.parametrize(("g", "s", "w"), [(5, 3, 7), (6, 4, 6), (6, 3, 8)])
def test_cyclic_schedules(g: int, s: int, w: int) -> None:
    schedule = cyclic_schedule(g, s, w, 200_000, lambda: False)
    assert schedule is not None
    assert_zero_repeats(schedule, g, s, w)
