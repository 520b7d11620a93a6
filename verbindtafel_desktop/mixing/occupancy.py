"""How many people sit at each table: proportional fill that respects fixed seats.

The search keeps these occupancies fixed (it only swaps people), so they are
decided once here, before any round is built.
"""

from __future__ import annotations

from verbindtafel_desktop.mixing.errors import MixConflict
from verbindtafel_desktop.mixing.problem import Problem, names

# Bin packing of together-blocks is NP-hard in general; real inputs have a handful
# of small blocks, so a bounded depth-first search is plenty.
PACKING_NODE_LIMIT = 50_000


def apportion(n: int, capacities: list[int], lower: list[int] | None = None) -> list[int]:
    """Share n people over the tables in proportion to capacity (largest remainder).

    Equal capacities give sizes that differ by at most one. `lower` forces a
    minimum per table (people who are fixed there); the rest is shared in
    proportion among the other tables.
    """
    if lower is None:
        lower = [0] * len(capacities)
    sizes = [0] * len(capacities)
    free = list(range(len(capacities)))
    remaining = n
    while True:
        total = sum(capacities[t] for t in free)
        quota = _largest_remainder(remaining, capacities, free, total)
        below = [t for t in free if quota[t] < lower[t]]
        if not below:
            for t in free:
                sizes[t] = quota[t]
            return sizes
        for t in below:
            sizes[t] = lower[t]
            remaining -= lower[t]
            free.remove(t)


def _largest_remainder(
    n: int, capacities: list[int], tables: list[int], total: int
) -> dict[int, int]:
    if total == 0:
        return {t: 0 for t in tables}
    share = {t: n * capacities[t] // total for t in tables}
    left = n - sum(share.values())
    # Ties go to the lower table number so the result is deterministic.
    order = sorted(tables, key=lambda t: (-(n * capacities[t] % total), t))
    for t in order[:left]:
        share[t] += 1
    return share


def pack_blocks(sizes: list[int], room: list[int]) -> list[int] | None:
    """Place items of the given sizes into bins with the given room; None when impossible."""
    order = sorted(range(len(sizes)), key=lambda i: -sizes[i])
    placement = [-1] * len(sizes)
    room = list(room)
    nodes = 0

    def place(k: int) -> bool:
        nonlocal nodes
        if k == len(order):
            return True
        nodes += 1
        if nodes > PACKING_NODE_LIMIT:
            return False
        item = order[k]
        tried: set[int] = set()
        for t in sorted(range(len(room)), key=lambda t: (-room[t], t)):
            if room[t] < sizes[item] or room[t] in tried:
                continue
            tried.add(room[t])
            room[t] -= sizes[item]
            placement[item] = t
            if place(k + 1):
                return True
            room[t] += sizes[item]
        return False

    return placement if place(0) else None


def plan_occupancy(problem: Problem) -> tuple[list[int], dict[int, int]]:
    """Return the number of people per table and a feasible table for every free block.

    The block placement is a fallback for building rounds: it proves that the
    occupancies can be met with all together-blocks intact.
    """
    caps = problem.capacities
    fixed = [0] * len(caps)
    for b, members in enumerate(problem.blocks):
        if problem.block_table[b] >= 0:
            fixed[problem.block_table[b]] += len(members)
    free_blocks = [
        b
        for b, members in enumerate(problem.blocks)
        if len(members) > 1 and problem.block_table[b] < 0
    ]
    block_sizes = [len(problem.blocks[b]) for b in free_blocks]
    targets = apportion(problem.n, caps, fixed)
    placement = pack_blocks(block_sizes, [targets[t] - fixed[t] for t in range(len(caps))])
    if placement is None:
        placement = pack_blocks(block_sizes, [caps[t] - fixed[t] for t in range(len(caps))])
        if placement is None:
            groups = "; ".join(
                names(problem.name(p) for p in problem.blocks[b]) for b in free_blocks
            )
            raise MixConflict(
                f"De groepjes die samen moeten zitten passen niet aan de tafels ({groups})."
            )
        lower = list(fixed)
        for size, t in zip(block_sizes, placement, strict=True):
            lower[t] += size
        targets = apportion(problem.n, caps, lower)
    return targets, dict(zip(free_blocks, placement, strict=True))
