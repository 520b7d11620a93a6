"""The incremental cost bookkeeping must agree with a recount after every move."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from verbindtafel_desktop.mixing.costs import build_pair_costs
from verbindtafel_desktop.mixing.occupancy import apportion, plan_occupancy
from verbindtafel_desktop.mixing.problem import build_problem
from verbindtafel_desktop.mixing.starts import StartBuilder
from verbindtafel_desktop.mixing.state import SearchState


@settings(max_examples=30, deadline=None)
@given(st.integers(2, 5), st.integers(2, 5), st.integers(1, 4), st.integers(0, 10_000))
def test_swap_delta_matches_recount(tables: int, size: int, rounds: int, seed: int) -> None:
    rng = random.Random(seed)
    people = list(range(tables * size))
    history = {(a, b): 1 for a in people for b in people if a < b and rng.random() < 0.2}
    apart = [(0, 1)]
    together = [(2, 3)] if len(people) > 3 else []
    problem = build_problem(
        people, [size] * tables, rounds, history, together, apart, {}, [people[::3]]
    )
    targets, fallback = plan_occupancy(problem)
    costs = build_pair_costs(problem)
    builder = StartBuilder(problem, targets, fallback, costs.increments, costs.base_counts)
    state = SearchState(costs.increments, costs.base_counts, tables, builder.greedy(rng))
    assert state.cost == state.full_cost()
    for _ in range(20):
        r = rng.randrange(rounds)
        a, b = rng.sample(people, 2)
        if state.table[r][a] == state.table[r][b]:
            continue
        before = state.cost
        delta = state.swap_delta(r, a, b)
        assert delta == state.exchange_delta(r, [a], [b])
        state.swap(r, a, b)
        assert state.cost == before + delta == state.full_cost()
    fresh = SearchState(costs.increments, costs.base_counts, tables, state.snapshot())
    assert fresh.leave == state.leave
    for r in range(rounds):
        for t in range(tables):
            for p in people:
                if state.table[r][p] != t:  # own-table entries are not maintained
                    assert fresh.join[r][t][p] == state.join[r][t][p]


def test_block_exchange_delta_matches_recount() -> None:
    rng = random.Random(3)
    people = list(range(12))
    problem = build_problem(people, [4, 4, 4], 3, {(0, 5): 1}, [(0, 1)], [], {}, [])
    targets, fallback = plan_occupancy(problem)
    costs = build_pair_costs(problem)
    builder = StartBuilder(problem, targets, fallback, costs.increments, costs.base_counts)
    state = SearchState(costs.increments, costs.base_counts, 3, builder.greedy(rng))
    for r in range(3):
        t0 = state.table[r][0]
        others = [p for p in people if state.table[r][p] not in (t0,)][:12]
        t1 = state.table[r][others[0]]
        ys = [p for p in others if state.table[r][p] == t1][:2]
        delta = state.exchange_delta(r, [0, 1], ys)
        before = state.cost
        state.exchange(r, [0, 1], ys)
        assert state.cost == before + delta == state.full_cost()


def test_apportion_is_proportional_and_respects_minimums() -> None:
    assert apportion(20, [6, 6, 6, 5]) == [5, 5, 5, 5]
    assert apportion(37, [6] * 7) == [6, 6, 5, 5, 5, 5, 5]
    assert apportion(8, [6, 6], [5, 0]) == [5, 3]
    assert apportion(0, [3, 3]) == [0, 0]
    assert apportion(5, [0, 6]) == [0, 5]


def test_fairness_polish_keeps_cost_and_never_lowers_the_minimum() -> None:
    from verbindtafel_desktop.mixing.fairness import FairnessPolish

    for seed in range(5):
        rng = random.Random(seed)
        people = list(range(23))
        history = {(a, b): 1 for a in people for b in people if a < b and rng.random() < 0.15}
        problem = build_problem(people, [5, 5, 5, 5, 5], 2, history, [], [], {}, [])
        targets, fallback = plan_occupancy(problem)
        costs = build_pair_costs(problem)
        builder = StartBuilder(problem, targets, fallback, costs.increments, costs.base_counts)
        state = SearchState(costs.increments, costs.base_counts, 5, builder.greedy(rng))
        polish = FairnessPolish(state, costs.base_counts, set(problem.history))
        before_cost, before_min = state.cost, min(polish.new)
        polish.run(people, lambda: False)
        assert state.cost == before_cost == state.full_cost()
        assert min(polish.new) >= before_min
        fresh = FairnessPolish(state, costs.base_counts, set(problem.history))
        assert fresh.new == polish.new  # the incremental counts match a recount
