"""Starting seatings that already obey every hard rule.

Two kinds: a greedy round-by-round build that seats each person where it costs
least, and a *template* start that copies a zero-repeat design (finite
geometry) and repairs it around pinned people, together-blocks and table sizes.
Both keep the table occupancies exactly at the planned targets, which the
swap-only search then preserves.
"""

from __future__ import annotations

import random

from verbindtafel_desktop.mixing.designs import Schedule
from verbindtafel_desktop.mixing.problem import Problem
from verbindtafel_desktop.mixing.state import Seating


class StartBuilder:
    def __init__(
        self,
        problem: Problem,
        targets: list[int],
        fallback_blocks: dict[int, int],
        increments: list[int],
        base_counts: list[list[int]],
    ) -> None:
        self.problem = problem
        self.targets = targets
        self.fallback_blocks = fallback_blocks
        self.inc = increments
        self.base_counts = base_counts
        self.free_blocks = [
            b for b, m in enumerate(problem.blocks) if len(m) > 1 and problem.block_table[b] < 0
        ]
        self.singles = [
            m[0] for b, m in enumerate(problem.blocks) if len(m) == 1 and problem.block_table[b] < 0
        ]

    def greedy(self, rng: random.Random) -> Seating:
        counts = [row[:] for row in self.base_counts]
        seating = []
        for _ in range(self.problem.rounds):
            seating.append(self._build_round(counts, None, rng))
        return seating

    def from_template(self, schedule: Schedule, points: int, rng: random.Random) -> Seating:
        """Copy the design rounds (people on random points), then greedy for the rest."""
        n = self.problem.n
        point_of = rng.sample(range(points), n)
        person_at = {pt: p for p, pt in enumerate(point_of)}
        counts = [row[:] for row in self.base_counts]
        seating = []
        for r in range(self.problem.rounds):
            preferred = None
            if r < len(schedule):
                groups = [[person_at[pt] for pt in g if pt in person_at] for g in schedule[r]]
                preferred = self._groups_to_tables(groups)
            seating.append(self._build_round(counts, preferred, rng))
        return seating

    def _groups_to_tables(self, groups: list[list[int]]) -> list[int]:
        """Give each design group a table: pinned people first, then by size."""
        problem = self.problem
        table_count = problem.table_count
        free_tables = set(range(table_count))
        free_groups = set(range(len(groups)))
        group_table: dict[int, int] = {}
        wants = [[0] * table_count for _ in groups]
        for g, members in enumerate(groups):
            for p in members:
                t = problem.pinned_table(p)
                if t >= 0:
                    wants[g][t] += 1
        pairs = sorted(
            ((wants[g][t], g, t) for g in range(len(groups)) for t in range(table_count)),
            key=lambda x: (-x[0], x[1], x[2]),
        )
        for count, g, t in pairs:
            if count == 0:
                break
            if g in free_groups and t in free_tables:
                group_table[g] = t
                free_groups.discard(g)
                free_tables.discard(t)
        rest_groups = sorted(free_groups, key=lambda g: (-len(groups[g]), g))
        rest_tables = sorted(free_tables, key=lambda t: (-self.targets[t], t))
        group_table.update(zip(rest_groups, rest_tables, strict=False))
        preferred = [-1] * problem.n
        for g, members in enumerate(groups):
            for p in members:
                preferred[p] = group_table.get(g, -1)
        return preferred

    def _build_round(
        self, counts: list[list[int]], preferred: list[int] | None, rng: random.Random
    ) -> list[int]:
        table = self._seat_round(counts, preferred, rng, use_fallback=False)
        if table is None:
            table = self._seat_round(counts, preferred, rng, use_fallback=True)
        if table is None:
            raise AssertionError("the fallback block placement always fits")
        for members in _members(table, self.problem.table_count):
            for i, a in enumerate(members):
                for b in members[i + 1 :]:
                    counts[a][b] += 1
                    counts[b][a] += 1
        return table

    def _seat_round(
        self,
        counts: list[list[int]],
        preferred: list[int] | None,
        rng: random.Random,
        use_fallback: bool,
    ) -> list[int] | None:
        problem = self.problem
        seats = _Round(problem.n, self.targets, counts, self.inc)
        for b, members in enumerate(problem.blocks):
            if problem.block_table[b] >= 0:
                seats.place(members, problem.block_table[b])
        blocks = self.free_blocks[:]
        rng.shuffle(blocks)
        blocks.sort(key=lambda b: -len(problem.blocks[b]))
        for b in blocks:
            members = problem.blocks[b]
            if use_fallback:
                t = self.fallback_blocks[b]
            else:
                wish = preferred[members[0]] if preferred else -1
                t = seats.choose(members, wish, rng)
                if t < 0:
                    return None
            seats.place(members, t)
        singles = self.singles[:]
        rng.shuffle(singles)
        if preferred is None:
            # People who already know many others have the fewest good tables: seat them first.
            known = [sum(1 for c in row if c) for row in counts]
            singles.sort(key=lambda p: -known[p])
        else:
            later = []
            for p in singles:
                t = preferred[p]
                if t >= 0 and seats.room(t) >= 1:
                    seats.place([p], t)
                else:
                    later.append(p)
            singles = later
        for p in singles:
            seats.place([p], seats.choose([p], -1, rng))
        return seats.table


class _Round:
    """One round being filled: who sits where and how much room is left."""

    def __init__(self, n: int, targets: list[int], counts: list[list[int]], inc: list[int]) -> None:
        self.table = [-1] * n
        self.members: list[list[int]] = [[] for _ in targets]
        self.targets = targets
        self.counts = counts
        self.inc = inc

    def room(self, t: int) -> int:
        return self.targets[t] - len(self.members[t])

    def place(self, people: list[int], t: int) -> None:
        for p in people:
            self.table[p] = t
        self.members[t].extend(people)

    def choose(self, people: list[int], wish: int, rng: random.Random) -> int:
        """The preferred table if it has room, else the cheapest table with room (-1: none)."""
        size = len(people)
        if wish >= 0 and self.room(wish) >= size:
            return wish
        best: tuple[int, int, float] | None = None
        choice = -1
        for t in range(len(self.targets)):
            room = self.room(t)
            if room < size:
                continue
            cost = sum(self.inc[self.counts[p][q]] for p in people for q in self.members[t])
            key = (cost, -room, rng.random())
            if best is None or key < best:
                best, choice = key, t
        return choice


def _members(table: list[int], table_count: int) -> list[list[int]]:
    members: list[list[int]] = [[] for _ in range(table_count)]
    for p, t in enumerate(table):
        members[t].append(p)
    return members
