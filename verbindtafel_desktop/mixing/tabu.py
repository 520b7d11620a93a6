"""Tabu search over swaps (after Dotú & Van Hentenryck's social-golfer local search).

A move swaps two people who sit at different tables in the same round; at
least one of them must be *in conflict* (part of a pair that costs something
and that the search can change). Together-blocks move as a unit by exchanging
them with an equal number of people from another table; pinned people never
move. A person who just left a table may not return to it for a few
iterations (the tabu tenure) unless that would give a new best plan.

The random generator is the only source of variation, so the same seed gives
the same path; the clock only decides when to stop.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from itertools import combinations

from verbindtafel_desktop.mixing.state import SearchState, Seating


@dataclass
class Movers:
    """Who may move: free single people and free together-blocks (lists of people)."""

    singles: list[int]
    blocks: list[list[int]]
    fixed_partners: list[list[int]]


@dataclass
class SearchParams:
    tenure_min: int = 2
    tenure_max: int = 12
    stable_limit: int = 400  # iterations without a new best before perturbing
    perturb_swaps: int = 3
    perturbations_per_start: int = 12  # then throw the state away and start afresh


class Clock:
    """Stop conditions that must not influence the search path, only end it."""

    def __init__(self, should_stop: Callable[[], bool]) -> None:
        self.should_stop = should_stop
        self.stopped = False

    def tick(self) -> bool:
        if not self.stopped and self.should_stop():
            self.stopped = True
        return self.stopped


class TabuSearch:
    def __init__(
        self,
        state: SearchState,
        movers: Movers,
        rng: random.Random,
        make_start: Callable[[int], Seating],
        is_optimal: Callable[[Seating, int], bool],
        params: SearchParams | None = None,
    ) -> None:
        self.state = state
        self.movers = movers
        self.rng = rng
        self.make_start = make_start
        self.is_optimal = is_optimal
        self.params = params or SearchParams()
        self.movable = [False] * state.n
        for p in movers.singles:
            self.movable[p] = True
        self.fixed_leave = self._fixed_leave()
        self.block_index = {b[0]: b for b in movers.blocks}
        self.best = state.snapshot()
        self.best_cost = state.cost
        self.optimal = False
        self.iterations = 0
        self.starts = 1
        self._reset_tabu()

    def _fixed_leave(self) -> list[int]:
        # Fixed pairs meet in every round, so their share of leave[] never changes.
        inc, counts = self.state.inc, self.state.counts
        return [
            sum(inc[counts[p][q] - 1] for q in self.movers.fixed_partners[p])
            for p in range(self.state.n)
        ]

    def _reset_tabu(self) -> None:
        size = self.state.n * self.state.table_count
        self.tabu = [[0] * size for _ in range(self.state.rounds)]

    def adopt(self, seating: Seating) -> None:
        """Continue from another seating (e.g. a new design) if it beats the best so far."""
        previous = self.state
        self._restart(seating)
        if self.state.cost < self.best_cost:
            self._record_best()
        else:
            self.state = previous

    def run(self, clock: Clock, max_iterations: int | None = None) -> Seating:
        """Search until optimal, stopped or `max_iterations`; return the best seating."""
        if self._check_best():
            return self.best
        stable = 0
        perturbations = 0
        while not clock.tick():
            if max_iterations is not None and self.iterations >= max_iterations:
                break
            improved = self.step()
            if improved is None:
                return self.best  # nothing in conflict: every remaining cost is fixed
            if improved:
                stable = 0
                perturbations = 0
                if self._check_best():
                    return self.best
                continue
            stable += 1
            if stable >= self.params.stable_limit:
                stable = 0
                perturbations += 1
                if perturbations > self.params.perturbations_per_start:
                    perturbations = 0
                    self._restart(self.make_start(self.starts))
                    self.starts += 1
                else:
                    self._restart(self.best)
                    self._perturb(self.params.perturb_swaps)
                if self.state.cost < self.best_cost:
                    self._record_best()
                    if self._check_best():
                        return self.best
        return self.best

    def _check_best(self) -> bool:
        self.optimal = self.is_optimal(self.best, self.best_cost)
        return self.optimal

    def _record_best(self) -> None:
        self.best = self.state.snapshot()
        self.best_cost = self.state.cost

    def _restart(self, seating: Seating) -> None:
        self.state = SearchState(
            self.state.inc, self._base_counts(), self.state.table_count, seating
        )
        self._reset_tabu()

    def _base_counts(self) -> list[list[int]]:
        counts = [row[:] for row in self.state.counts]
        for members in self.state.members:
            for group in members:
                for i, a in enumerate(group):
                    for b in group[i + 1 :]:
                        counts[a][b] -= 1
                        counts[b][a] -= 1
        return counts

    def _perturb(self, swaps: int) -> None:
        singles = self.movers.singles
        state = self.state
        if len(singles) < 2:
            return
        for _ in range(swaps):
            r = self.rng.randrange(state.rounds)
            a, b = self.rng.sample(singles, 2)
            if state.table[r][a] != state.table[r][b]:
                state.swap(r, a, b)

    def step(self) -> bool | None:
        """Make the best admissible move. True if it gave a new best, None if nothing moves."""
        self.iterations += 1
        moves, found_conflict = self._single_moves()
        block_moves, block_conflict = self._block_moves(moves[0][0] if moves else None)
        if block_moves:
            if not moves or block_moves[0][0] < moves[0][0]:
                moves = block_moves
            elif block_moves[0][0] == moves[0][0]:
                moves = moves + block_moves
        if not found_conflict and not block_conflict:
            return None
        if not moves:
            self._perturb(1)
            return False
        _, r, xs, ys = moves[self.rng.randrange(len(moves))]
        self._apply(r, xs, ys)
        if self.state.cost < self.best_cost:
            self._record_best()
            return True
        return False

    def _apply(self, r: int, xs: list[int], ys: list[int]) -> None:
        state = self.state
        tab = state.table[r]
        ta, tb = tab[xs[0]], tab[ys[0]]
        if len(xs) == 1 and len(ys) == 1:
            state.swap(r, xs[0], ys[0])
        else:
            state.exchange(r, xs, ys)
        until = self.iterations + self.rng.randint(self.params.tenure_min, self.params.tenure_max)
        tabu = self.tabu[r]
        t_count = state.table_count
        for x in xs:
            tabu[x * t_count + ta] = until
        for y in ys:
            tabu[y * t_count + tb] = until

    def _single_moves(self) -> tuple[list[tuple[int, int, list[int], list[int]]], bool]:
        state = self.state
        inc, counts = state.inc, state.counts
        movable, fixed_leave = self.movable, self.fixed_leave
        t_count = state.table_count
        it = self.iterations
        threshold = self.best_cost - state.cost  # a delta below this is a new best
        best = None
        found: list[tuple[int, int, int]] = []
        conflict = False
        for r in range(state.rounds):
            tab, leave, join = state.table[r], state.leave[r], state.join[r]
            members, tabu = state.members[r], self.tabu[r]
            for a in self.movers.singles:
                la = leave[a]
                if la <= fixed_leave[a]:
                    continue
                conflict = True
                ta = tab[a]
                join_a = join[ta]
                row = counts[a]
                a_base = a * t_count
                for t in range(t_count):
                    if t == ta:
                        continue
                    base = join[t][a] - la
                    a_tabu = tabu[a_base + t] > it
                    for b in members[t]:
                        if not movable[b]:
                            continue
                        d = base + join_a[b] - leave[b] - 2 * inc[row[b]]
                        if best is not None and d > best:
                            continue
                        if (a_tabu or tabu[b * t_count + ta] > it) and d >= threshold:
                            continue
                        if best is None or d < best:
                            best = d
                            found = [(r, a, b)]
                        else:
                            found.append((r, a, b))
        return [(best, r, [a], [b]) for r, a, b in found] if best is not None else [], conflict

    def _block_moves(
        self, bound: int | None
    ) -> tuple[list[tuple[int, int, list[int], list[int]]], bool]:
        """Exchanges that move a together-block, keeping every table's size.

        Both directions matter: a block in conflict may leave, and a person in
        conflict may leave together with table-mates to make room for a block
        (the only way to bring a block to a table that needs one).
        """
        state = self.state
        if not self.movers.blocks:
            return [], False
        it = self.iterations
        threshold = self.best_cost - state.cost
        t_count = state.table_count
        best = bound
        found: list[tuple[int, int, list[int], list[int]]] = []
        conflict = False
        for r in range(state.rounds):
            tab, leave, tabu = state.table[r], state.leave[r], self.tabu[r]
            for xs, ys in self._block_exchanges(r):
                if not conflict and any(leave[x] > self.fixed_leave[x] for x in xs + ys):
                    conflict = True
                d = state.exchange_delta(r, xs, ys)
                if best is not None and d > best:
                    continue
                ta, tb = tab[xs[0]], tab[ys[0]]
                is_tabu = any(tabu[x * t_count + tb] > it for x in xs) or any(
                    tabu[y * t_count + ta] > it for y in ys
                )
                if is_tabu and d >= threshold:
                    continue
                if best is None or d < best or not found:
                    best = d
                    found = [(d, r, xs, ys)]
                else:
                    found.append((d, r, xs, ys))
        return [m for m in found if m[0] == best], conflict

    def _block_exchanges(self, r: int) -> list[tuple[list[int], list[int]]]:
        state = self.state
        tab, leave, members = state.table[r], state.leave[r], state.members[r]
        fixed = self.fixed_leave
        result: list[tuple[list[int], list[int]]] = []
        for xs in self.movers.blocks:
            ta = tab[xs[0]]
            block_conflict = any(leave[x] > fixed[x] for x in xs)
            for t, group in enumerate(members):
                if t == ta:
                    continue
                free = [p for p in group if self.movable[p]]
                if block_conflict:
                    result.extend((xs, list(c)) for c in combinations(free, len(xs)))
                    for p in group:
                        other = self.block_index.get(p)
                        if other is not None and len(other) == len(xs):
                            result.append((xs, other))
                for a in free:
                    if leave[a] <= fixed[a]:
                        continue
                    mates = [p for p in free if p != a]
                    result.extend((xs, [a, *c]) for c in combinations(mates, len(xs) - 1))
        return result
