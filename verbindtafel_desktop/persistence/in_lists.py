"""Long lists of ids in SQL: SQLite takes a limited number of parameters per statement."""

from collections.abc import Iterator, Sequence
from typing import TypeVar

Item = TypeVar("Item")

IN_LIST_SIZE = 500  # well under SQLite's parameter limit, with room for the others


def chunks(items: Sequence[Item], size: int = IN_LIST_SIZE) -> Iterator[list[Item]]:
    """`items` in slices small enough for one SQL IN list (or one batch of rows)."""
    for start in range(0, len(items), size):
        yield list(items[start : start + size])
