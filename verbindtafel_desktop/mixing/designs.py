"""Zero-repeat schedules from finite geometry, used as starting points.

A schedule here is a list of rounds; each round is a list of groups of point
numbers 0..g*s-1, and no two points share a group twice.
"""

from __future__ import annotations

from verbindtafel_desktop.mixing.finite_field import field, prime_power

Schedule = list[list[list[int]]]


def affine_rounds(groups: int, size: int) -> int:
    """How many rounds affine_schedule can give for g groups of s (0 if none)."""
    if prime_power(groups) is None or not 1 <= size <= groups:
        return 0
    return groups + 1 if size == groups else groups


def affine_schedule(groups: int, size: int, rounds: int) -> Schedule:
    """Parallel classes of the affine plane AG(2, q), cut down to `size` rows.

    Point (i, j) with row i < size and j in GF(q) is number i*q + j. In the
    round with slope m the point lies on line j - m*i; two points in different
    rows share exactly one slope, points in the same row share none. With
    size == q the vertical lines (the rows) give one more round.
    """
    q = groups
    f = field(q)
    schedule: Schedule = []
    for m in range(min(rounds, affine_rounds(groups, size))):
        lines: list[list[int]] = [[] for _ in range(q)]
        for i in range(size):
            for j in range(q):
                line = f.sub(j, f.mul[m][i]) if m < q else i
                lines[line].append(i * q + j)
        schedule.append(lines)
    return schedule
