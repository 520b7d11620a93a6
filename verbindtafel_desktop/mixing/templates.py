"""Pick zero-repeat designs that fit the table occupancies, when one is known.

Designs only depend on (groups, size, rounds), so cyclic ones, which cost a
search, are cached for the life of the process.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from verbindtafel_desktop.mixing.cyclic import cyclic_schedule
from verbindtafel_desktop.mixing.designs import Schedule, affine_rounds, affine_schedule

# Nodes of backtracking spent looking for a cyclic design (roughly 0.1 s per 10k).
CYCLIC_NODE_BUDGET = 100_000

_cyclic_cache: dict[tuple[int, int, int], Schedule | None] = {}


@dataclass
class Template:
    schedule: Schedule  # rounds of groups of points; may cover fewer rounds than asked
    points: int  # groups * size; points beyond the number of people stay empty


def _shape(targets: list[int], rounds: int) -> tuple[int, int] | None:
    """(groups, size) of the design to look for, or None when none can help."""
    groups = sum(1 for t in targets if t > 0)
    size = max(targets, default=0)
    if rounds < 2 or groups < 2 or size < 2 or size > groups:
        return None  # one round never repeats; tables larger than that always do
    return groups, size


def affine_template(targets: list[int], rounds: int) -> Template | None:
    shape = _shape(targets, rounds)
    if shape is None or affine_rounds(*shape) == 0:
        return None
    groups, size = shape
    return Template(affine_schedule(groups, size, rounds), groups * size)


def covers(template: Template | None, rounds: int) -> bool:
    return template is not None and len(template.schedule) >= rounds


def cyclic_template(targets: list[int], rounds: int, stop: Callable[[], bool]) -> Template | None:
    shape = _shape(targets, rounds)
    if shape is None:
        return None
    groups, size = shape
    key = (groups, size, rounds)
    if key not in _cyclic_cache:
        found = cyclic_schedule(groups, size, rounds, CYCLIC_NODE_BUDGET, stop)
        if found is None and stop():
            return None  # interrupted: do not remember a failure that was not one
        _cyclic_cache[key] = found
    schedule = _cyclic_cache[key]
    return Template(schedule, groups * size) if schedule is not None else None
