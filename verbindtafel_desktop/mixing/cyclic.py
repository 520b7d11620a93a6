"""Cyclic designs: find one base round whose shifts give a zero-repeat schedule.

Points are split into m orbits of length z plus f fixed points. Round k shifts
every orbit point (x, i) to (x + k mod z, i) and leaves fixed points alone, so
the whole schedule follows from round 0. Whether two points meet twice within
the first w shifts depends only on *differences* inside the base round, which
makes a backtracking search over one round (instead of w rounds) feasible.
This is the classical difference-family / 1-rotational technique from design
theory, searched for at run time instead of looked up in tables.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from verbindtafel_desktop.mixing.designs import Schedule


@dataclass(frozen=True)
class Orbits:
    z: int  # orbit length (shift period)
    m: int  # number of orbits
    f: int  # number of fixed points
    bases: int = 1  # base rounds; base b gives rounds b*z .. b*z + z - 1


def orbit_layouts(groups: int, size: int, rounds: int) -> list[Orbits]:
    """Candidate orbit structures: one base round (period >= rounds) first, then two."""
    n = groups * size
    layouts = []
    for bases in (1, 2):
        for z in range(max(-(-rounds // bases), 2), n + 1):
            if bases > 1 and z * (bases - 1) >= rounds:
                break
            m = n // z
            f = n - z * m
            # Two fixed points never part; each group holds at most one.
            if f <= groups:
                layouts.append(Orbits(z, m, f, bases))
    return layouts


class _BaseRoundSearch:
    def __init__(self, groups: int, size: int, rounds: int, orbits: Orbits, rng: random.Random):
        self.g, self.s, self.w = groups, size, rounds
        self.z, self.m, self.f = orbits.z, orbits.m, orbits.f
        self.bases = orbits.bases
        # How many shifts of each base round are used.
        self.windows = [min(self.z, rounds - b * self.z) for b in range(self.bases)]
        self.base = 0  # the base round being filled
        self.n = groups * size
        self.rng = rng
        self.used: dict[tuple[int, int, int], list[tuple[int, int]]] = {}
        self.nodes = 0
        # Fixed points first: they are the most constrained.
        fixed = list(range(self.z * self.m, self.n))
        self.order = fixed + list(range(self.z * self.m))

    def _far(self, a: int, wa: int, b: int, wb: int) -> bool:
        """Shifts a..a+wa-1 and b..b+wb-1 of one difference never give the same pair."""
        return (b - a) % self.z >= wa and (a - b) % self.z >= wb

    def _keys(self, p: int, q: int) -> list[tuple[tuple[int, int, int], int]] | None:
        """Difference keys (with start) that the pair p, q occupies; None if never allowed."""
        z, mz = self.z, self.m * self.z
        if p >= mz and q >= mz:
            return None  # two fixed points would meet every round
        if p >= mz or q >= mz:
            fixed, other = (p, q) if p >= mz else (q, p)
            return [((-1 - (fixed - mz), other // z, 0), other % z)]
        (i, x), (j, y) = divmod(p, z), divmod(q, z)
        if i > j or (i == j and x > y):
            (i, x), (j, y) = (j, y), (i, x)
        if i < j:
            return [((i, j, (y - x) % z), x)]
        return [((i, i, (y - x) % z), x), ((i, i, (x - y) % z), y)]

    def _try_add(self, group: list[int], p: int) -> list[tuple[int, int, int]] | None:
        added: list[tuple[int, int, int]] = []
        for q in group:
            keys = self._keys(p, q)
            if keys is None:
                self._undo(added)
                return None
            window = self.windows[self.base]
            for key, start in keys:
                starts = self.used.setdefault(key, [])
                if not all(self._far(start, window, x, wx) for x, wx in starts):
                    self._undo(added)
                    return None
                starts.append((start, window))
                added.append(key)
        return added

    def _undo(self, added: list[tuple[int, int, int]]) -> None:
        for key in reversed(added):
            self.used[key].pop()

    def run(self, node_limit: int, stop: Callable[[], bool]) -> list[list[int]] | None:
        self.nodes = 0
        assigned = [False] * self.n
        groups: list[list[int]] = []
        total = self.g * self.bases

        def extend(group: list[int], count_left: int) -> bool:
            self.nodes += 1
            if self.nodes > node_limit or (self.nodes & 1023 == 0 and stop()):
                return False
            if len(group) == self.s:
                groups.append(group[:])
                if start_group(count_left - 1):
                    return True
                groups.pop()
                return False
            last = group[-1]
            position = self.order.index(last)
            candidates = [p for p in self.order[position + 1 :] if not assigned[p]]
            self.rng.shuffle(candidates)
            for p in candidates:
                added = self._try_add(group, p)
                if added is None:
                    continue
                assigned[p] = True
                group.append(p)
                if extend(group, count_left):
                    return True
                group.pop()
                assigned[p] = False
                self._undo(added)
                if self.nodes > node_limit:
                    return False
            return False

        def start_group(count_left: int) -> bool:
            if count_left == 0:
                return True
            index = total - count_left
            self.base = index // self.g
            if index % self.g == 0:
                assigned[:] = [False] * self.n  # a new base round seats everyone again
            first = next(p for p in self.order if not assigned[p])
            assigned[first] = True
            found = extend([first], count_left)
            assigned[first] = False
            if not found and index % self.g == 0 and index > 0:
                # Back to the previous base round: restore who was seated there.
                self.base -= 1
                assigned[:] = [False] * self.n
                for group in groups[(index - self.g) : index]:
                    for p in group:
                        assigned[p] = True
            return found

        return groups if start_group(total) else None

    def develop(self, found: list[list[int]]) -> Schedule:
        z, mz, g = self.z, self.m * self.z, self.g

        def shift(p: int, k: int) -> int:
            return p if p >= mz else (p // z) * z + (p % z + k) % z

        schedule: Schedule = []
        for b, window in enumerate(self.windows):
            base = found[b * g : (b + 1) * g]
            schedule.extend([[shift(p, k) for p in group] for group in base] for k in range(window))
        return schedule


def cyclic_schedule(
    groups: int,
    size: int,
    rounds: int,
    node_budget: int,
    stop: Callable[[], bool],
    nodes_per_try: int = 12_000,
) -> Schedule | None:
    """A zero-repeat schedule of `rounds` rounds, or None within the node budget.

    Every layout gets a short try in turn (solutions, when they exist, tend to
    turn up within a few thousand nodes; hopeless layouts fail fast), then
    every layout gets another try with a different search order. Deterministic:
    the order depends only on the arguments, so a found schedule can be cached.
    """
    layouts = orbit_layouts(groups, size, rounds)
    spent = 0
    for attempt in range(1000):
        for orbits in layouts:
            search = _BaseRoundSearch(
                groups, size, rounds, orbits, random.Random(f"{orbits}-{attempt}")
            )
            base = search.run(min(nodes_per_try, node_budget - spent), stop)
            spent += search.nodes
            if base is not None:
                return search.develop(base)
            if stop() or spent >= node_budget:
                return None
    return None
