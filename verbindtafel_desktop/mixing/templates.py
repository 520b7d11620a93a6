"""Pick a zero-repeat design that fits the table occupancies, if one is known."""

from __future__ import annotations

from dataclasses import dataclass

from verbindtafel_desktop.mixing.designs import Schedule, affine_rounds, affine_schedule


@dataclass
class Template:
    schedule: Schedule  # rounds of groups of points; may cover fewer rounds than asked
    points: int  # groups * size; points beyond the number of people stay empty


def find_template(targets: list[int], rounds: int) -> Template | None:
    """A design with one group per occupied table and the largest table's size."""
    groups = sum(1 for t in targets if t > 0)
    size = max(targets, default=0)
    if rounds < 2 or groups < 2 or size < 2:
        return None  # a single round never repeats by itself; nothing to gain
    if affine_rounds(groups, size) > 0:
        return Template(affine_schedule(groups, size, rounds), groups * size)
    return None
