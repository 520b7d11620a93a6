"""Counting lower bounds on the number of repeats no seating can avoid."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence

from verbindtafel_desktop.mixing.occupancy import plan_occupancy
from verbindtafel_desktop.mixing.problem import Problem, build_problem, pair_key


def fixed_pairs(problem: Problem) -> set[tuple[int, int]]:
    """Pairs that share a table every round: one together-block, or pinned to one table."""
    pairs: set[tuple[int, int]] = set()
    by_table: dict[int, list[int]] = {}
    for b, members in enumerate(problem.blocks):
        t = problem.block_table[b]
        if t >= 0:
            by_table.setdefault(t, []).extend(members)
        else:
            pairs.update(_all_pairs(members))
    for group in by_table.values():
        pairs.update(_all_pairs(group))
    return pairs


def _all_pairs(group: list[int]) -> list[tuple[int, int]]:
    return [pair_key(a, b) for i, a in enumerate(group) for b in group[i + 1 :]]


def lower_bound(problem: Problem, occupancy: list[int]) -> int:
    """Repeats that every plan with these table occupancies must contain.

    Fixed pairs repeat in every round after their first meeting. The other
    meetings are bounded two ways, and the larger bound wins:

    * globally: a round seats sum(C(size, 2)) pairs; beyond the number of pairs
      that never met, every meeting is a repeat;
    * per person: someone who must meet k people per round over w rounds but
      has fewer than w*k strangers left repeats the difference; each repeat is
      counted by both people, hence the halving.
    """
    rounds = problem.rounds
    fixed = fixed_pairs(problem)
    known = set(problem.history)
    fixed_repeats = sum(max(0, rounds - 1 + (1 if pair in known else 0)) for pair in fixed)
    n = problem.n
    meetings = rounds * sum(s * (s - 1) // 2 for s in occupancy) - rounds * len(fixed)
    strangers = n * (n - 1) // 2 - len(fixed) - len(known - fixed)
    global_bound = max(0, meetings - strangers)

    partners = [0] * n
    acquainted = [0] * n
    for a, b in fixed:
        partners[a] += 1
        partners[b] += 1
    for a, b in known - fixed:
        acquainted[a] += 1
        acquainted[b] += 1
    seated = [s for s in occupancy if s > 0]
    excess = 0
    for p in range(n):
        pinned = problem.pinned_table(p)
        block = len(problem.blocks[problem.block_of[p]])
        options = [occupancy[pinned]] if pinned >= 0 else [s for s in seated if s >= block]
        smallest = min(options, default=1)
        per_round = smallest - 1 - partners[p]
        left = n - 1 - partners[p] - acquainted[p]
        excess += max(0, rounds * per_round - left)
    counting = fixed_repeats + max(global_bound, (excess + 1) // 2)
    return max(counting, per_round_bound(problem, occupancy, fixed))


def spread_collisions(people: int, tables: int) -> int:
    """Fewest pairs sharing a table when `people` are spread over `tables` tables."""
    if tables <= 0:
        return 0
    low, extra = divmod(people, tables)
    # `extra` tables get low+1 people, the others get low.
    return extra * (low + 1) * low // 2 + (tables - extra) * low * (low - 1) // 2


def per_round_bound(problem: Problem, occupancy: list[int], fixed: set[tuple[int, int]]) -> int:
    """Sum over rounds of the best of two pigeonhole arguments for that round.

    * History cliques: people who all know each other (an old table) spread
      over the tables still leave some of them together, and fixed pairs
      repeat from their second meeting on; these pair sets are disjoint.
    * Previous round: from round two on, a table of s people draws them from
      the T tables of the round before, so some of them just met.
    """
    tables = sum(1 for s in occupancy if s > 0)
    cliques = history_cliques(problem, fixed)
    clique_part = sum(spread_collisions(len(c), tables) for c in cliques)
    previous = sum(spread_collisions(s, tables) for s in occupancy)
    known_fixed = sum(1 for pair in fixed if pair in problem.history)
    total = 0
    for r in range(problem.rounds):
        fixed_part = known_fixed if r == 0 else len(fixed)
        total += max(fixed_part + clique_part, previous if r > 0 else 0)
    return total


def history_cliques(problem: Problem, fixed: set[tuple[int, int]]) -> list[list[int]]:
    """Split people greedily into groups that all met before (any split gives a valid bound).

    Fixed pairs are left out so the clique count and the fixed-pair count never
    count the same pair twice.
    """
    known = set(problem.history) - fixed
    neighbours: list[set[int]] = [set() for _ in range(problem.n)]
    for a, b in known:
        neighbours[a].add(b)
        neighbours[b].add(a)
    placed = [False] * problem.n
    cliques = []
    for p in range(problem.n):
        if placed[p]:
            continue
        clique = [p]
        placed[p] = True
        for q in sorted(neighbours[p]):
            if not placed[q] and all(q in neighbours[c] for c in clique):
                clique.append(q)
                placed[q] = True
        if len(clique) > 1:
            cliques.append(clique)
    return cliques


def repeats_lower_bound(
    people: int | Sequence[Hashable],
    table_sizes: Sequence[int],
    rounds: int = 1,
    *,
    history: Mapping[tuple[Hashable, Hashable], int] | None = None,
    together: Iterable[tuple[Hashable, Hashable]] = (),
    pinned: Mapping[Hashable, int] | None = None,
) -> int:
    """A counting lower bound on the repeats of any plan `mix` could return.

    `people` is either the list of person ids or just how many there are (then
    the ids are 0..n-1). `table_sizes` are capacities, filled exactly as `mix`
    fills them. The bound holds for every plan with those occupancies; when
    `mix` reaches it, `plan.optimal` is True. Raises MixConflict on the same
    contradictions as `mix`.
    """
    ids = list(range(people)) if isinstance(people, int) else list(people)
    problem = build_problem(ids, table_sizes, rounds, history, together, (), pinned, ())
    occupancy, _ = plan_occupancy(problem)
    return lower_bound(problem, occupancy)
