"""Pair costs: every soft and hard rule is expressed as a cost per pair meeting.

Each pair of people carries one small integer, its *effective count*: the number
of plan rounds they share a table, plus one if they met before (history), plus
a fixed *offset* that selects the pair's cost table. The cost of adding one more
meeting to a pair with effective count ``c`` is ``increments[c]``; removing one
costs ``increments[c - 1]``. Folding `apart` and `spread` into per-pair offsets
keeps the inner loop of the search a single list lookup per pair.
"""

from __future__ import annotations

from dataclasses import dataclass

from verbindtafel_desktop.mixing.problem import Problem, pair_key

# Weights are chosen so that the weighted sum orders plans lexicographically
# for any realistic size: apart >> spread >> repeats >> third meetings.
W_TRIPLE = 1
W_REPEAT = 1 << 12
W_SPREAD = 1 << 24
W_APART = 1 << 40


@dataclass
class PairCosts:
    """The effective-count matrix and the increment table that prices it."""

    increments: list[int]
    counts: list[list[int]]  # n x n, symmetric, zero on the diagonal
    base_counts: list[list[int]]  # the same before any plan round is seated
    fixed_partners: list[list[int]]  # people who share every table with this person


def normal_increments(length: int) -> list[int]:
    """Cost of the (c+1)-th meeting given c earlier ones (history counts as one)."""
    result = []
    for c in range(length):
        if c == 0:
            result.append(0)
        else:
            # Convex: a third meeting costs more than a second, spreading repeats.
            result.append(W_REPEAT + W_TRIPLE * (c - 1))
    return result


def build_pair_costs(problem: Problem) -> PairCosts:
    n = problem.n
    region_length = problem.rounds + 3
    regions: dict[tuple[int, bool], int] = {}
    increments: list[int] = []

    def region(spread_multiplicity: int, apart: bool) -> int:
        key = (spread_multiplicity, apart)
        if key not in regions:
            regions[key] = len(increments)
            extra = spread_multiplicity * W_SPREAD + (W_APART if apart else 0)
            increments.extend(v + extra for v in normal_increments(region_length))
        return regions[key]

    region(0, False)
    spread_count: dict[tuple[int, int], int] = {}
    for group in problem.spread:
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                key = pair_key(a, b)
                spread_count[key] = spread_count.get(key, 0) + 1
    special = set(spread_count) | problem.apart
    counts = [[0] * n for _ in range(n)]
    for a, b in special:
        offset = region(spread_count.get((a, b), 0), (a, b) in problem.apart)
        counts[a][b] = counts[b][a] = offset
    for a, b in problem.history:
        counts[a][b] += 1
        counts[b][a] += 1
    return PairCosts(
        increments=increments,
        counts=counts,
        base_counts=[row[:] for row in counts],
        fixed_partners=fixed_partners(problem),
    )


def fixed_partners(problem: Problem) -> list[list[int]]:
    """Pairs that share a table in every round whatever the search does."""
    partners: list[list[int]] = [[] for _ in range(problem.n)]
    by_table: dict[int, list[int]] = {}
    for b, members in enumerate(problem.blocks):
        t = problem.block_table[b]
        if t >= 0:
            by_table.setdefault(t, []).extend(members)
        else:
            for p in members:
                partners[p].extend(q for q in members if q != p)
    for members in by_table.values():
        for p in members:
            partners[p].extend(q for q in members if q != p)
    return partners
