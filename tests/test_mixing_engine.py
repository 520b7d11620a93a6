"""Behaviour of the public mixing API: rules, conflicts, determinism, quality."""

from __future__ import annotations

import itertools
from collections.abc import Hashable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from verbindtafel_desktop.mixing import MixConflict, evaluate, mix, repeats_lower_bound

Plan = list[list[list[Hashable]]]


def recount_repeats(rounds: Plan, history: dict[tuple[Hashable, Hashable], int] | None) -> int:
    """Independent recount: a meeting is a repeat when the pair met before."""
    met = {frozenset(pair) for pair, n in (history or {}).items() if n > 0}
    repeats = 0
    for tables in rounds:
        this_round = []
        for table in tables:
            for a, b in itertools.combinations(table, 2):
                pair = frozenset((a, b))
                repeats += pair in met
                this_round.append(pair)
        met.update(this_round)
    return repeats


def table_of(tables: list[list[Hashable]]) -> dict[Hashable, int]:
    return {p: t for t, table in enumerate(tables) for p in table}


def golfer(groups: int, size: int, rounds: int, seed: int, time_limit: float = 10.0):
    return mix(
        list(range(groups * size)), [size] * groups, rounds, seed=seed, time_limit=time_limit
    )


# --- conflicts ---------------------------------------------------------------------------


def test_too_many_pinned_names_table_and_people() -> None:
    people = ["Ahmed", "Fatma", "Joke", "Piet", "Sanne", "Ali", "Kees", "Mo"]
    pinned = {p: 0 for p in people[:7]}
    with pytest.raises(MixConflict) as err:
        mix(people, [6, 6], pinned=pinned, seed=1)
    message = str(err.value)
    assert "tafel 1" in message
    assert "Ahmed" in message and "Fatma" in message
    assert "6 plaatsen" in message
    assert "7 mensen" in message


def test_together_chain_larger_than_any_table() -> None:
    people = [f"p{i}" for i in range(10)]
    chain = [(people[i], people[i + 1]) for i in range(4)]  # p0..p4: five people
    with pytest.raises(MixConflict) as err:
        mix(people, [4, 4, 4], together=chain, seed=1)
    assert "p0" in str(err.value) and "p4" in str(err.value)
    assert "4 plaatsen" in str(err.value)


def test_together_and_apart_on_same_pair() -> None:
    with pytest.raises(MixConflict) as err:
        mix(["a", "b", "c", "d"], [2, 2], together=[("a", "b")], apart=[("b", "a")], seed=1)
    assert "a en b" in str(err.value) or "b en a" in str(err.value)


def test_together_group_pinned_to_different_tables() -> None:
    with pytest.raises(MixConflict) as err:
        mix(
            ["a", "b", "c", "d"],
            [2, 2],
            together=[("a", "b"), ("b", "c")],
            pinned={"a": 0, "c": 1},
            seed=1,
        )
    message = str(err.value)
    assert "a" in message and "c" in message
    assert "tafel 1" in message and "tafel 2" in message


def test_more_people_than_seats() -> None:
    with pytest.raises(MixConflict, match=r"7 mensen.*6 plaatsen"):
        mix(list(range(7)), [3, 3], seed=1)


def test_pinned_index_out_of_range() -> None:
    with pytest.raises(MixConflict, match=r"Ahmed.*tafel 4.*3 tafels"):
        mix(["Ahmed", "b", "c"], [2, 2, 2], pinned={"Ahmed": 3}, seed=1)


def test_unknown_person_in_rule() -> None:
    with pytest.raises(MixConflict, match="Zoë"):
        mix(["a", "b", "c"], [2, 2], together=[("a", "Zoë")], seed=1)
    with pytest.raises(MixConflict, match="Zoë"):
        mix(["a", "b", "c"], [2, 2], pinned={"Zoë": 0}, seed=1)
    with pytest.raises(MixConflict, match="Zoë"):
        mix(["a", "b", "c"], [2, 2], spread=[["a", "Zoë"]], seed=1)


def test_apart_both_pinned_to_same_table() -> None:
    with pytest.raises(MixConflict, match=r"a en b.*tafel 2"):
        mix(["a", "b", "c", "d"], [2, 2], apart=[("a", "b")], pinned={"a": 1, "b": 1}, seed=1)


def test_apart_impossible_by_counting() -> None:
    # Three people who must all sit apart, but only two tables.
    with pytest.raises(MixConflict, match="uit elkaar"):
        mix(["a", "b", "c"], [2, 2], apart=[("a", "b"), ("b", "c"), ("a", "c")], time_limit=0.2)


def test_blocks_that_cannot_be_packed() -> None:
    people = list("abcdef")
    together = [("a", "b"), ("b", "c"), ("d", "e"), ("e", "f")]
    with pytest.raises(MixConflict, match="passen niet"):
        mix(people, [4, 2], together=together, seed=1)


@pytest.mark.parametrize(
    ("people", "sizes", "rounds", "pattern"),
    [
        (["a", "b"], [2, -1], 1, "negatieve"),
        (["a", "b", "a"], [2, 2], 1, "meer dan één keer.*a"),
        (["a", "b"], [2, 2], 0, "minstens 1"),
        (["a", "b"], [], 1, "geen enkele tafel"),
    ],
)
def test_invalid_input(people: list[str], sizes: list[int], rounds: int, pattern: str) -> None:
    with pytest.raises(ValueError, match=pattern):
        mix(people, sizes, rounds, seed=1)


# --- hard rules and shape ----------------------------------------------------------------


def test_empty_seats_are_shared() -> None:
    plan = mix(list(range(20)), [6, 6, 6, 6], rounds=2, seed=3, time_limit=1)
    for tables in plan.rounds:
        assert sorted(len(t) for t in tables) == [5, 5, 5, 5]
    plan = mix(list(range(21)), [6, 6, 6, 6], rounds=1, seed=3, time_limit=1)
    assert sorted(len(t) for t in plan.rounds[0]) == [5, 5, 5, 6]


def test_verbindtafel_case_meets_all_rules_and_only_unavoidable_repeats() -> None:
    people: list[str] = []
    history: dict[tuple[Hashable, Hashable], int] = {}
    facilitators = []
    for t in range(5):
        table = [f"T{t}R{i}" for i in range(6)] + [f"F{t}"]
        facilitators.append(f"F{t}")
        people += table
        history.update({pair: 1 for pair in itertools.combinations(table, 2)})
    people += ["G1", "G2"]
    rules = dict(
        history=history,
        together=[("G1", "T0R1"), ("G2", "T3R2")],
        apart=[("T1R1", "T2R2")],
        pinned={"T4R0": 0},
        spread=[facilitators],
    )
    sizes = [6, 6, 5, 5, 5, 5, 5]
    plan = mix(people, sizes, rounds=2, seed=11, time_limit=5, **rules)  # type: ignore[arg-type]
    result = evaluate(plan.rounds, table_sizes=sizes, **rules)  # type: ignore[arg-type]
    assert result.broken == []
    assert plan.repeats == 2 == plan.lower_bound  # each guest meets their host again
    assert plan.optimal
    assert plan.elapsed < 1.0


# --- determinism ---------------------------------------------------------------------------


def test_same_seed_same_plan() -> None:
    args = (list(range(18)), [3] * 6, 4)
    first = mix(*args, seed=42, time_limit=5)
    second = mix(*args, seed=42, time_limit=5)
    assert not first.timed_out and not second.timed_out
    assert first.rounds == second.rounds


def test_different_seeds_may_differ() -> None:
    args = (list(range(18)), [3] * 6, 4)
    plans = {str(mix(*args, seed=s, time_limit=5).rounds) for s in range(5)}
    assert len(plans) > 1


# --- quality -------------------------------------------------------------------------------


@pytest.mark.parametrize(("g", "s", "w"), [(4, 4, 5), (5, 3, 7), (6, 4, 5)])
def test_small_golfer_instances_reach_zero_repeats(g: int, s: int, w: int) -> None:
    plan = golfer(g, s, w, seed=7)
    assert plan.repeats == 0
    assert plan.optimal
    assert recount_repeats(plan.rounds, None) == 0


def test_repeats_equal_independent_recount_with_history() -> None:
    people = list(range(12))
    history: dict[tuple[Hashable, Hashable], int] = {(0, 1): 2, (2, 3): 1, (4, 5): 1, (0, 6): 1}
    plan = mix(people, [4, 4, 4], rounds=4, history=history, seed=5, time_limit=0.5)
    assert plan.repeats == recount_repeats(plan.rounds, history)
    assert plan.repeats == evaluate(plan.rounds, history=history).repeats
    assert plan.repeats > 0  # 4 rounds of 4 at 3 tables: pigeonhole forces repeats


def test_lower_bound_never_above_achieved() -> None:
    cases = [(4, 4, 5), (5, 3, 7), (3, 3, 4), (2, 4, 3), (4, 3, 6)]
    for g, s, w in cases:
        plan = golfer(g, s, w, seed=1, time_limit=2)
        bound = repeats_lower_bound(g * s, [s] * g, w)
        assert bound == plan.lower_bound
        assert bound <= plan.repeats
    # Tables larger than the number of tables: repeats are unavoidable from round two on.
    assert repeats_lower_bound(16, [8, 8], 2) == 2 * 2 * 6  # 4+4 from each old table
    plan = golfer(3, 6, 2, seed=1, time_limit=2)
    assert plan.repeats == plan.lower_bound == 9
    assert plan.optimal


def test_lower_bound_counts_together_pairs_and_history() -> None:
    assert repeats_lower_bound(["a", "b", "c", "d"], [2, 2], 3, together=[("a", "b")]) >= 2
    assert repeats_lower_bound(["a", "b", "c", "d"], [2, 2], 1, history={("a", "b"): 1}) == 0
    everyone_met = {pair: 1 for pair in itertools.combinations("abcd", 2)}
    assert repeats_lower_bound(list("abcd"), [2, 2], 1, history=everyone_met) == 2


def test_history_cliques_make_repeats_provably_unavoidable() -> None:
    # Four old tables of seven, one guest tied to a host, re-seated at six tables:
    # every table of five regulars from four old tables repeats at least once.
    people: list[Hashable] = []
    history: dict[tuple[Hashable, Hashable], int] = {}
    for t in range(4):
        table = [f"T{t}P{i}" for i in range(7)]
        people += table
        history.update({pair: 1 for pair in itertools.combinations(table, 2)})
    people.append("G")
    rules = dict(history=history, together=[("G", "T0P1")])
    sizes = [5, 5, 5, 5, 5, 4]
    bound = repeats_lower_bound(people, sizes, 2, **rules)  # type: ignore[arg-type]
    assert bound == 9
    plan = mix(people, sizes, 2, seed=2, time_limit=5, **rules)  # type: ignore[arg-type]
    assert plan.repeats == 9 and plan.optimal and not plan.timed_out


# --- evaluate ------------------------------------------------------------------------------


def test_evaluate_reports_broken_rules_in_dutch() -> None:
    rounds: Plan = [[["a", "b"], ["c", "d"]], [["a", "c"], ["b", "d"]]]
    result = evaluate(
        rounds,
        together=[("a", "b")],
        apart=[("c", "d")],
        pinned={"d": 0},
        table_sizes=[2, 1],
        history={("a", "c"): 1},
    )
    kinds = {rule.kind for rule in result.broken}
    assert kinds == {"samen", "uit_elkaar", "vaste_tafel", "capaciteit"}
    reasons = " ".join(rule.reason for rule in result.broken)
    assert "moeten samen zitten" in reasons
    assert "moeten uit elkaar zitten" in reasons
    assert "hoort vast aan tafel 1" in reasons
    assert result.repeats == 1
    assert result.new_acquaintances["a"] == 1  # b only; c was already known
    assert not result.ok


def test_evaluate_reports_missing_and_double_seats() -> None:
    result = evaluate([[["a", "b"], ["c"]], [["a", "a"], ["b"]]])
    reasons = [rule.reason for rule in result.broken]
    assert any("c heeft in ronde 2 geen plaats" in r for r in reasons)
    assert any("a zit in ronde 2 twee keer" in r for r in reasons)


def test_evaluate_spread() -> None:
    result = evaluate([[["f1", "f2", "x"], ["y", "z"]]], spread=[["f1", "f2"]])
    assert [rule.kind for rule in result.broken] == ["verspreiden"]


# --- progress and stopping -----------------------------------------------------------------


def test_should_stop_returns_best_so_far() -> None:
    calls: list[float] = []
    plan = mix(
        list(range(32)),
        [4] * 8,
        10,
        seed=1,
        time_limit=30,
        on_progress=calls.append,
        should_stop=lambda: len(calls) >= 2,
    )
    assert plan.timed_out
    assert plan.elapsed < 5
    assert all(0 <= f <= 1 for f in calls)
    assert sum(len(t) for t in plan.rounds[0]) == 32


# --- properties ----------------------------------------------------------------------------


@st.composite
def instances(draw: st.DrawFn) -> dict[str, object]:
    table_count = draw(st.integers(1, 5))
    caps = draw(st.lists(st.integers(0, 6), min_size=table_count, max_size=table_count))
    seats = sum(caps)
    n = draw(st.integers(0, max(0, seats)))
    people = [f"p{i}" for i in range(n)]
    pair = st.tuples(st.sampled_from(people), st.sampled_from(people)) if people else st.nothing()
    together = draw(st.lists(pair, max_size=3)) if people else []
    apart = draw(st.lists(pair, max_size=3)) if people else []
    pinned = (
        draw(st.dictionaries(st.sampled_from(people), st.integers(0, table_count - 1), max_size=3))
        if people
        else {}
    )
    spread = [draw(st.lists(st.sampled_from(people), max_size=4, unique=True))] if people else []
    return dict(
        people=people,
        table_sizes=caps,
        rounds=draw(st.integers(1, 3)),
        together=[(a, b) for a, b in together if a != b],
        apart=[(a, b) for a, b in apart if a != b],
        pinned=pinned,
        spread=spread,
        seed=draw(st.integers(0, 1000)),
    )


def check_hard_rules(case: dict[str, object], rounds: Plan) -> None:
    people = case["people"]
    caps = case["table_sizes"]
    assert isinstance(people, list) and isinstance(caps, list)
    for tables in rounds:
        assert len(tables) == len(caps)
        seated = [p for t in tables for p in t]
        assert sorted(seated) == sorted(people)
        where = table_of(tables)
        for t, table in enumerate(tables):
            assert len(table) <= caps[t]
        for a, b in case["together"]:  # type: ignore[attr-defined]
            assert where[a] == where[b]
        for a, b in case["apart"]:  # type: ignore[attr-defined]
            assert where[a] != where[b]
        for p, t in case["pinned"].items():  # type: ignore[attr-defined]
            assert where[p] == t


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_random_instances_keep_every_hard_rule(case: dict[str, object]) -> None:
    try:
        plan = mix(time_limit=0.05, **case)  # type: ignore[arg-type]
    except MixConflict as conflict:
        assert str(conflict)
        return
    check_hard_rules(case, plan.rounds)
    assert plan.repeats == recount_repeats(plan.rounds, None)
    evaluation = evaluate(
        plan.rounds,
        together=case["together"],  # type: ignore[arg-type]
        apart=case["apart"],  # type: ignore[arg-type]
        pinned=case["pinned"],  # type: ignore[arg-type]
        table_sizes=case["table_sizes"],  # type: ignore[arg-type]
    )
    assert [r for r in evaluation.broken if r.kind != "verspreiden"] == []


@settings(max_examples=40, deadline=None)
@given(
    st.integers(1, 5),
    st.integers(2, 6),
    st.integers(0, 30),
    st.integers(1, 3),
    st.integers(0, 99),
)
def test_sizes_balanced_with_equal_capacities(
    tables: int, capacity: int, n: int, rounds: int, seed: int
) -> None:
    n = min(n, tables * capacity)
    plan = mix(list(range(n)), [capacity] * tables, rounds, seed=seed, time_limit=0.05)
    for round_tables in plan.rounds:
        sizes = [len(t) for t in round_tables]
        assert max(sizes) - min(sizes) <= 1


@settings(max_examples=30, deadline=None)
@given(st.integers(2, 5), st.integers(2, 5), st.integers(1, 12), st.integers(0, 99))
def test_spread_group_within_one(tables: int, size: int, group_size: int, seed: int) -> None:
    people = list(range(tables * size))
    group = people[: min(group_size, len(people))]
    plan = mix(people, [size] * tables, 2, spread=[group], seed=seed, time_limit=0.1)
    for round_tables in plan.rounds:
        counts = [sum(1 for p in t if p in group) for t in round_tables]
        assert max(counts) - min(counts) <= 1
