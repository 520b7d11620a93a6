"""Fairness polish: lift the person who meets the fewest new people.

Runs after the tabu search and only makes swaps that leave the search cost
(rules, repeats, third meetings) exactly unchanged, so it can never make a plan
worse on the first objective. It improves, in this order, the minimum number of
new acquaintances and then how many people sit at that minimum.
"""

from __future__ import annotations

from collections.abc import Callable

from verbindtafel_desktop.mixing.state import SearchState

MAX_PASSES = 20


class FairnessPolish:
    def __init__(
        self, state: SearchState, base_counts: list[list[int]], known: set[tuple[int, int]]
    ) -> None:
        self.state = state
        n = state.n
        # known[a][b]: met before the plan, so meeting again is not a new acquaintance.
        self.known = [[False] * n for _ in range(n)]
        for a, b in known:
            self.known[a][b] = self.known[b][a] = True
        self.base = base_counts
        self.new = [
            sum(
                1
                for q in range(n)
                if q != p and state.counts[p][q] > base_counts[p][q] and not self.known[p][q]
            )
            for p in range(n)
        ]

    def _meetings(self, a: int, b: int) -> int:
        return self.state.counts[a][b] - self.base[a][b]

    def _changes(self, r: int, a: int, b: int) -> dict[int, int]:
        """Change in new acquaintances per person if a and b swap tables in round r."""
        state = self.state
        tab = state.table[r]
        changes: dict[int, int] = {}

        def bump(p: int, q: int, d: int) -> None:
            changes[p] = changes.get(p, 0) + d
            changes[q] = changes.get(q, 0) + d

        for mover, old, new in ((a, tab[a], tab[b]), (b, tab[b], tab[a])):
            for x in state.members[r][old]:
                if x != mover and not self.known[mover][x] and self._meetings(mover, x) == 1:
                    bump(mover, x, -1)  # their only meeting disappears
            for y in state.members[r][new]:
                if y not in (a, b) and not self.known[mover][y] and self._meetings(mover, y) == 0:
                    bump(mover, y, 1)
        return changes

    def _score(self, values: list[int]) -> tuple[int, int]:
        low = min(values, default=0)
        return low, -values.count(low)

    def run(self, movable: list[int], stop: Callable[[], bool]) -> None:
        for _ in range(MAX_PASSES):
            if min(self.new, default=0) == max(self.new, default=0):
                return  # everybody already meets equally many new people
            if not self._improve_once(movable, stop) or stop():
                return

    def _improve_once(self, movable: list[int], stop: Callable[[], bool]) -> bool:
        state = self.state
        score = self._score(self.new)
        low = score[0]
        worst = [p for p in movable if self.new[p] == low]
        for p in worst:
            for r in range(state.rounds):
                if stop():
                    return False
                tab = state.table[r]
                for q in movable:
                    if tab[q] == tab[p] or state.swap_delta(r, p, q) != 0:
                        continue
                    changes = self._changes(r, p, q)
                    trial = self.new[:]
                    for person, d in changes.items():
                        trial[person] += d
                    if self._score(trial) > score:
                        state.swap(r, p, q)
                        self.new = trial
                        return True
        return False
