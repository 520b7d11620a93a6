"""mix(): plan mixed tables for one or more rounds."""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from verbindtafel_desktop.mixing.bounds import lower_bound
from verbindtafel_desktop.mixing.costs import PairCosts, build_pair_costs
from verbindtafel_desktop.mixing.errors import MixConflict
from verbindtafel_desktop.mixing.evaluation import count_meetings
from verbindtafel_desktop.mixing.fairness import FairnessPolish
from verbindtafel_desktop.mixing.occupancy import plan_occupancy
from verbindtafel_desktop.mixing.problem import Problem, build_problem, names
from verbindtafel_desktop.mixing.starts import StartBuilder
from verbindtafel_desktop.mixing.state import SearchState, Seating
from verbindtafel_desktop.mixing.tabu import Clock, Movers, TabuSearch
from verbindtafel_desktop.mixing.templates import (
    Template,
    affine_template,
    covers,
    cyclic_template,
)

# How often (seconds) on_progress is called at most.
PROGRESS_INTERVAL = 0.1
# Most real inputs are solved within a few hundred iterations; only then is it
# worth spending time on constructing a cyclic design.
DESIGN_AFTER_ITERATIONS = 1500
# The tabu search may use this share of the time limit; the fairness polish the rest.
SEARCH_SHARE = 0.95


@dataclass
class MixPlan:
    """The planned rounds and how good they are.

    rounds[r][t] lists the ids at table t (0-based) in round r. `repeats`
    counts meetings between people who met before (history or an earlier
    round). `optimal` is True when `repeats` equals `lower_bound`, so no plan
    with these table occupancies has fewer repeats.
    """

    rounds: list[list[list[Hashable]]]
    repeats: int
    lower_bound: int
    optimal: bool
    new_acquaintances: dict[Hashable, int]
    new_acquaintances_min: int
    table_sizes: list[int]
    elapsed: float
    seed: int
    iterations: int
    timed_out: bool


class _Progress:
    """Combines the deadline, the caller's stop button and progress reports."""

    def __init__(
        self,
        time_limit: float,
        on_progress: Callable[[float], None] | None,
        should_stop: Callable[[], bool] | None,
    ) -> None:
        self.start = time.perf_counter()
        self.time_limit = time_limit
        self.on_progress = on_progress
        self.user_stop = should_stop
        self.next_report = self.start
        self.timed_out = False

    def __call__(self) -> bool:
        return self.check(SEARCH_SHARE)

    def check(self, share: float) -> bool:
        """True when the user stopped us or `share` of the time limit is used."""
        now = time.perf_counter()
        if now >= self.next_report:
            self.next_report = now + PROGRESS_INTERVAL
            if self.on_progress is not None:
                self.on_progress(min(1.0, self.fraction(now)))
            if self.user_stop is not None and self.user_stop():
                self.timed_out = True
                return True
        if now - self.start >= share * self.time_limit:
            self.timed_out = True
            return True
        return False

    def fraction(self, now: float) -> float:
        return (now - self.start) / self.time_limit if self.time_limit > 0 else 1.0

    def elapsed(self) -> float:
        return time.perf_counter() - self.start


def mix(
    people: Sequence[Hashable],
    table_sizes: Sequence[int],
    rounds: int = 1,
    *,
    history: Mapping[tuple[Hashable, Hashable], int] | None = None,
    together: Iterable[tuple[Hashable, Hashable]] = (),
    apart: Iterable[tuple[Hashable, Hashable]] = (),
    pinned: Mapping[Hashable, int] | None = None,
    spread: Iterable[Iterable[Hashable]] = (),
    seed: int | None = None,
    time_limit: float = 5.0,
    on_progress: Callable[[float], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> MixPlan:
    """Seat `people` at tables for `rounds` rounds so that few pairs meet again.

    Hard rules (never broken): capacities, `together` (transitive), `apart`,
    `pinned` (table index, 0-based). Then, in order: fewest repeats, fair
    spread of new acquaintances, `spread` groups evenly over the tables
    (within one per table, treated as hard where feasible).

    Raises MixConflict (a ValueError) with a Dutch message when the rules
    contradict each other. The same `seed` and input give the same plan
    whenever the search finishes before `time_limit` seconds; otherwise the
    best plan found so far is returned. `on_progress(fraction)` is called now
    and then from the calling thread; `should_stop()` returning True ends the
    search early with the best plan so far.
    """
    if not isinstance(time_limit, int | float) or time_limit < 0:
        raise MixConflict(f"De tijdslimiet moet een positief getal zijn (nu: {time_limit!r}).")
    progress = _Progress(float(time_limit), on_progress, should_stop)
    problem = build_problem(people, table_sizes, rounds, history, together, apart, pinned, spread)
    if seed is None:
        seed = random.SystemRandom().randrange(2**63)
    targets, fallback = plan_occupancy(problem)
    bound = lower_bound(problem, targets)
    costs = build_pair_costs(problem)
    search = _search(problem, costs, targets, fallback, bound, random.Random(seed), Clock(progress))
    best = _polish(problem, costs, search.best, lambda: progress.check(1.0))
    return _finish(problem, best, targets, bound, progress, seed, search.iterations)


def _polish(
    problem: Problem, costs: PairCosts, seating: Seating, stop: Callable[[], bool]
) -> Seating:
    """Even out new acquaintances without changing repeats or rules."""
    if stop():
        return seating
    state = SearchState(costs.increments, costs.base_counts, problem.table_count, seating)
    movable = [
        m[0] for b, m in enumerate(problem.blocks) if len(m) == 1 and problem.block_table[b] < 0
    ]
    FairnessPolish(state, costs.base_counts, set(problem.history)).run(movable, stop)
    return state.snapshot()


class _Starts:
    """Produces starting seatings: greedy ones and, when known, copies of designs."""

    def __init__(self, builder: StartBuilder, rng: random.Random) -> None:
        self.builder = builder
        self.rng = rng
        self.templates: list[Template] = []

    def __call__(self, k: int) -> Seating:
        choice = k % (len(self.templates) + 1)
        if choice < len(self.templates):
            template = self.templates[choice]
            return self.builder.from_template(template.schedule, template.points, self.rng)
        return self.builder.greedy(self.rng)


def _search(
    problem: Problem,
    costs: PairCosts,
    targets: list[int],
    fallback: dict[int, int],
    bound: int,
    rng: random.Random,
    clock: Clock,
) -> TabuSearch:
    builder = StartBuilder(problem, targets, fallback, costs.increments, costs.base_counts)
    starts = _Starts(builder, rng)
    affine = affine_template(targets, problem.rounds)
    if affine is not None:
        starts.templates.append(affine)
    first = [starts(k) for k in range(len(starts.templates) + 1)]
    states = [SearchState(costs.increments, costs.base_counts, len(targets), s) for s in first]
    movers = Movers(
        singles=[
            m[0] for b, m in enumerate(problem.blocks) if len(m) == 1 and problem.block_table[b] < 0
        ],
        blocks=[
            m for b, m in enumerate(problem.blocks) if len(m) > 1 and problem.block_table[b] < 0
        ],
        fixed_partners=costs.fixed_partners,
    )

    def is_optimal(seating: Seating, cost: int) -> bool:
        return _is_optimal(problem, seating, bound)

    search = TabuSearch(min(states, key=lambda s: s.cost), movers, rng, starts, is_optimal)
    search.run(clock, max_iterations=DESIGN_AFTER_ITERATIONS)
    if search.optimal or clock.stopped or covers(affine, problem.rounds):
        return search
    # The quick search did not finish: a cyclic design (a short backtracking search)
    # often gives a far better start for golfer-like instances.
    cyclic = cyclic_template(targets, problem.rounds, clock.tick)
    if cyclic is not None:
        starts.templates.insert(0, cyclic)
        search.adopt(starts(0))
    search.run(clock)
    return search


def _tables(seating: Seating, table_count: int) -> list[list[list[int]]]:
    result = []
    for tab in seating:
        members: list[list[int]] = [[] for _ in range(table_count)]
        for p, t in enumerate(tab):
            members[t].append(p)
        result.append(members)
    return result


def _is_optimal(problem: Problem, seating: Seating, bound: int) -> bool:
    rounds = _tables(seating, problem.table_count)
    repeats, _ = count_meetings(rounds, problem.history)
    return repeats <= bound and not _apart_broken(problem, seating) and _spread_ok(problem, rounds)


def _apart_broken(problem: Problem, seating: Seating) -> list[tuple[int, int, int]]:
    return [
        (r, a, b)
        for r, tab in enumerate(seating)
        for a, b in sorted(problem.apart)
        if tab[a] == tab[b]
    ]


def _spread_ok(problem: Problem, rounds: list[list[list[int]]]) -> bool:
    for tables in rounds:
        for group in problem.spread:
            members = set(group)
            # Empty tables do not count: nobody can be spread onto them.
            per_table = [sum(1 for p in m if p in members) for m in tables if m]
            if per_table and max(per_table) - min(per_table) > 1:
                return False
    return True


def _finish(
    problem: Problem,
    seating: Seating,
    targets: list[int],
    bound: int,
    progress: _Progress,
    seed: int,
    iterations: int,
) -> MixPlan:
    broken = _apart_broken(problem, seating)
    if broken:
        pairs = sorted({(a, b) for _, a, b in broken})
        listed = "; ".join(names([problem.name(a), problem.name(b)]) for a, b in pairs)
        raise MixConflict(
            "Er is geen indeling gevonden waarin iedereen die uit elkaar moet zitten ook "
            f"uit elkaar zit ({listed}). Er zijn te veel regels voor uit elkaar zitten "
            "voor deze tafels."
        )
    internal = _tables(seating, problem.table_count)
    repeats, new = count_meetings(internal, problem.history)
    ids = problem.ids
    return MixPlan(
        rounds=[[[ids[p] for p in members] for members in tables] for tables in internal],
        repeats=repeats,
        lower_bound=bound,
        optimal=repeats <= bound,
        new_acquaintances={ids[p]: new.get(p, 0) for p in range(problem.n)},
        new_acquaintances_min=min((new.get(p, 0) for p in range(problem.n)), default=0),
        table_sizes=targets,
        elapsed=progress.elapsed(),
        seed=seed,
        iterations=iterations,
        timed_out=progress.timed_out,
    )
