"""The search state: a full multi-round seating with incrementally maintained costs.

For every round r, person p and table t the state keeps

* ``leave[r][p]``: what removing p from its table in round r would save, and
* ``join[r][t][p]``: what adding p to table t in round r would cost,

so the cost change of any swap is a handful of lookups. Moving one person
touches O(people) entries in its own round and O(table size) in every other
round (pair counts are shared by all rounds).
"""

from __future__ import annotations

Seating = list[list[int]]  # per round: person -> table


class SearchState:
    def __init__(
        self,
        increments: list[int],
        base_counts: list[list[int]],
        table_count: int,
        seating: Seating,
    ) -> None:
        self.inc = increments
        self.n = len(base_counts)
        self.table_count = table_count
        self.rounds = len(seating)
        self.counts = [row[:] for row in base_counts]
        self.table = [row[:] for row in seating]
        self.members: list[list[list[int]]] = []
        for tab in self.table:
            members: list[list[int]] = [[] for _ in range(table_count)]
            for p, t in enumerate(tab):
                members[t].append(p)
            self.members.append(members)
        self.cost = 0
        self._seat_counts()
        self._rebuild_tables()

    def _seat_counts(self) -> None:
        inc, counts = self.inc, self.counts
        for members in self.members:
            for group in members:
                for i, a in enumerate(group):
                    row = counts[a]
                    for b in group[i + 1 :]:
                        self.cost += inc[row[b]]
                        row[b] += 1
                        counts[b][a] += 1

    def _rebuild_tables(self) -> None:
        inc, counts, n = self.inc, self.counts, self.n
        self.leave = []
        self.join = []
        for members in self.members:
            leave = [0] * n
            for group in members:
                for p in group:
                    row = counts[p]
                    leave[p] = sum(inc[row[q] - 1] for q in group if q != p)
            self.leave.append(leave)
            self.join.append(
                [[sum(inc[counts[p][q]] for q in group) for p in range(n)] for group in members]
            )

    def _pair_changed(self, r: int, p: int, x: int, old: int, new: int) -> None:
        """Propagate a new count for pair (p, x) to every round except r."""
        self.counts[p][x] = new
        self.counts[x][p] = new
        inc = self.inc
        d_join = inc[new] - inc[old]
        d_leave = inc[new - 1] - inc[old - 1]
        for rr in range(self.rounds):
            if rr == r:
                continue
            tab = self.table[rr]
            tp = tab[p]
            tx = tab[x]
            if tp == tx:
                leave = self.leave[rr]
                leave[p] += d_leave
                leave[x] += d_leave
            else:
                join = self.join[rr]
                join[tx][p] += d_join
                join[tp][x] += d_join

    def remove(self, r: int, p: int) -> None:
        """Take p away from its table in round r (it is unseated until add())."""
        inc = self.inc
        tab = self.table[r]
        t = tab[p]
        group = self.members[r][t]
        group.remove(p)
        row = self.counts[p]
        leave = self.leave[r]
        self.cost -= leave[p]
        for x in group:
            leave[x] -= inc[row[x] - 1]
        join = self.join[r]
        join[t] = [v - inc[c] for v, c in zip(join[t], row, strict=True)]
        for x in group:
            c = row[x]
            self._pair_changed(r, p, x, c, c - 1)
        join[t][p] = sum(inc[row[x]] for x in group)
        leave[p] = 0
        tab[p] = -1

    def add(self, r: int, p: int, t: int) -> None:
        """Seat an unseated p at table t in round r."""
        inc = self.inc
        group = self.members[r][t]
        row = self.counts[p]
        for x in group:
            c = row[x]
            self._pair_changed(r, p, x, c, c + 1)
        leave = self.leave[r]
        total = 0
        for x in group:
            d = inc[row[x] - 1]
            leave[x] += d
            total += d
        leave[p] = total
        self.cost += total
        join = self.join[r]
        join[t] = [v + inc[c] for v, c in zip(join[t], row, strict=True)]
        group.append(p)
        self.table[r][p] = t

    def swap(self, r: int, a: int, b: int) -> None:
        tab = self.table[r]
        ta, tb = tab[a], tab[b]
        self.remove(r, a)
        self.remove(r, b)
        self.add(r, a, tb)
        self.add(r, b, ta)

    def exchange(self, r: int, xs: list[int], ys: list[int]) -> None:
        """Move the people xs (one table) and ys (another table) to each other's table."""
        tab = self.table[r]
        ta, tb = tab[xs[0]], tab[ys[0]]
        for p in xs + ys:
            self.remove(r, p)
        for p in xs:
            self.add(r, p, tb)
        for p in ys:
            self.add(r, p, ta)

    def swap_delta(self, r: int, a: int, b: int) -> int:
        tab = self.table[r]
        ta, tb = tab[a], tab[b]
        join, leave = self.join[r], self.leave[r]
        inc_ab = self.inc[self.counts[a][b]]
        return join[tb][a] + join[ta][b] - 2 * inc_ab - leave[a] - leave[b]

    def exchange_delta(self, r: int, xs: list[int], ys: list[int]) -> int:
        tab = self.table[r]
        ta, tb = tab[xs[0]], tab[ys[0]]
        join, leave, inc, counts = self.join[r], self.leave[r], self.inc, self.counts
        delta = 0
        for x in xs:
            row = counts[x]
            delta += join[tb][x] - leave[x]
            delta -= 2 * sum(inc[row[y]] for y in ys)
            delta += sum(inc[row[x2] - 1] for x2 in xs if x2 != x)
        for y in ys:
            row = counts[y]
            delta += join[ta][y] - leave[y]
            delta += sum(inc[row[y2] - 1] for y2 in ys if y2 != y)
        return delta

    def snapshot(self) -> Seating:
        return [row[:] for row in self.table]

    def full_cost(self) -> int:
        """Recompute the cost from scratch (used by tests to check the increments)."""
        check = SearchState.__new__(SearchState)
        check.inc = self.inc
        check.counts = [row[:] for row in self.counts]
        # Undo all plan meetings to get the base counts, then reseat.
        for members in self.members:
            for group in members:
                for i, a in enumerate(group):
                    for b in group[i + 1 :]:
                        check.counts[a][b] -= 1
                        check.counts[b][a] -= 1
        check.members = self.members
        check.cost = 0
        check._seat_counts()
        return check.cost
