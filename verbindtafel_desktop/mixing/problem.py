"""Turn the caller's input into an integer-indexed problem and reject contradictions.

Everything downstream works on people numbered 0..n-1 and tables numbered
0..T-1; this module is the only place that sees the caller's ids. All messages
are Dutch because the GUI shows them to volunteers unchanged.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from verbindtafel_desktop.mixing.errors import MixConflict

# Longer name lists are cut off so a message stays readable in a dialog.
MAX_NAMES_IN_MESSAGE = 8


@dataclass
class Problem:
    """The validated input, with people as ints and rules grouped per person."""

    ids: list[Hashable]
    capacities: list[int]
    rounds: int
    history: dict[tuple[int, int], int]
    blocks: list[list[int]]
    block_of: list[int]
    block_table: list[int]  # pinned table of each block, -1 when free
    apart: set[tuple[int, int]]
    spread: list[list[int]]

    @property
    def n(self) -> int:
        return len(self.ids)

    @property
    def table_count(self) -> int:
        return len(self.capacities)

    def name(self, person: int) -> str:
        return str(self.ids[person])

    def pinned_table(self, person: int) -> int:
        return self.block_table[self.block_of[person]]


def names(labels: Iterable[str]) -> str:
    """Join names for a message: "Ahmed, Fatma en Joke", cut off when long."""
    items = list(labels)
    if len(items) > MAX_NAMES_IN_MESSAGE:
        return ", ".join(items[:MAX_NAMES_IN_MESSAGE]) + ", …"
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " en " + items[-1]


def pair_key(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


def check_rounds(rounds: object) -> int:
    if isinstance(rounds, bool) or not isinstance(rounds, int):
        raise MixConflict(f"Het aantal rondes moet een geheel getal zijn (nu: {rounds!r}).")
    if rounds < 1:
        raise MixConflict(f"Het aantal rondes moet minstens 1 zijn (nu: {rounds}).")
    return rounds


def check_capacities(table_sizes: Sequence[int]) -> list[int]:
    caps = list(table_sizes)
    if not caps:
        raise MixConflict("Er is geen enkele tafel opgegeven.")
    for number, size in enumerate(caps, start=1):
        if isinstance(size, bool) or not isinstance(size, int):
            raise MixConflict(f"De grootte van tafel {number} is geen geheel getal ({size!r}).")
        if size < 0:
            raise MixConflict(f"Tafel {number} heeft een negatieve grootte ({size}).")
    return caps


def index_people(people: Sequence[Hashable]) -> tuple[list[Hashable], dict[Hashable, int]]:
    ids = list(people)
    index: dict[Hashable, int] = {}
    doubles: list[str] = []
    for i, person in enumerate(ids):
        if person in index:
            doubles.append(str(person))
        index[person] = i
    if doubles:
        raise MixConflict(f"Deze mensen staan meer dan één keer in de lijst: {names(doubles)}.")
    return ids, index


class _Lookup:
    """Maps rule entries to person numbers, complaining about strangers."""

    def __init__(self, index: dict[Hashable, int]) -> None:
        self.index = index

    def __call__(self, person: Hashable, rule: str) -> int:
        try:
            return self.index[person]
        except (KeyError, TypeError):
            raise MixConflict(
                f"{person} staat in een regel ({rule}), maar niet in de lijst met deelnemers."
            ) from None

    def pair(self, pair: object, rule: str) -> tuple[int, int]:
        if not isinstance(pair, Sequence) or isinstance(pair, str) or len(pair) != 2:
            raise MixConflict(f"Een regel ({rule}) moet precies twee mensen noemen, niet {pair!r}.")
        return self(pair[0], rule), self(pair[1], rule)


def build_blocks(n: int, pairs: list[tuple[int, int]]) -> tuple[list[list[int]], list[int]]:
    """Union-find: people linked by `together` pairs form one block."""
    parent = list(range(n))

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    by_root: dict[int, list[int]] = {}
    for person in range(n):
        by_root.setdefault(root(person), []).append(person)
    blocks = list(by_root.values())
    block_of = [0] * n
    for b, members in enumerate(blocks):
        for person in members:
            block_of[person] = b
    return blocks, block_of


def read_history(
    history: Mapping[tuple[Hashable, Hashable], int] | None, index: dict[Hashable, int]
) -> dict[tuple[int, int], int]:
    """History may mention people who are absent today; those entries are ignored."""
    result: dict[tuple[int, int], int] = {}
    for pair, count in (history or {}).items():
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise MixConflict(
                f"De geschiedenis bevat een ongeldig aantal ontmoetingen ({count!r}) "
                f"voor {names(str(p) for p in pair)}."
            )
        a, b = (index.get(p) if isinstance(p, Hashable) else None for p in pair)
        if a is None or b is None or a == b or count == 0:
            continue
        key = pair_key(a, b)
        result[key] = result.get(key, 0) + count
    return result


def pin_blocks(
    problem_names: list[str],
    blocks: list[list[int]],
    block_of: list[int],
    pins: dict[int, int],
    table_count: int,
) -> list[int]:
    """Give each block the table one of its members is pinned to."""
    block_table = [-1] * len(blocks)
    pinned_by = [-1] * len(blocks)
    for person, table in pins.items():
        if isinstance(table, bool) or not isinstance(table, int):
            raise MixConflict(
                f"{problem_names[person]} is vastgezet aan een ongeldige tafel ({table!r})."
            )
        if not 0 <= table < table_count:
            raise MixConflict(
                f"{problem_names[person]} is vastgezet aan tafel {table + 1}, "
                f"maar er zijn maar {table_count} tafels."
            )
        b = block_of[person]
        if block_table[b] not in (-1, table):
            other = pinned_by[b]
            raise MixConflict(
                f"{problem_names[other]} (tafel {block_table[b] + 1}) en "
                f"{problem_names[person]} (tafel {table + 1}) moeten samen aan één tafel, "
                "maar zijn aan verschillende tafels vastgezet."
            )
        block_table[b] = table
        pinned_by[b] = person
    return block_table


def check_pinned_room(problem: Problem) -> None:
    load = [0] * problem.table_count
    who: list[list[int]] = [[] for _ in range(problem.table_count)]
    for b, members in enumerate(problem.blocks):
        t = problem.block_table[b]
        if t >= 0:
            load[t] += len(members)
            who[t].extend(members)
    for t, cap in enumerate(problem.capacities):
        if load[t] > cap:
            people = names(problem.name(p) for p in sorted(who[t]))
            who_text = "Er is 1 persoon" if load[t] == 1 else f"Er zijn {load[t]} mensen"
            room = {0: "geen plaatsen", 1: "maar 1 plaats"}.get(cap, f"maar {cap} plaatsen")
            raise MixConflict(
                f"{who_text} vastgezet aan tafel {t + 1} ({people}), maar daar zijn {room}."
            )


def check_blocks_fit(problem: Problem) -> None:
    largest = max(problem.capacities)
    for members in problem.blocks:
        if len(members) > largest:
            people = names(problem.name(p) for p in members)
            raise MixConflict(
                f"{people} moeten samen aan één tafel ({len(members)} mensen), "
                f"maar de grootste tafel heeft maar {largest} plaatsen."
            )


def check_apart(problem: Problem) -> None:
    for a, b in sorted(problem.apart):
        if problem.block_of[a] == problem.block_of[b]:
            raise MixConflict(
                f"{problem.name(a)} en {problem.name(b)} moeten uit elkaar zitten, "
                "maar ook samen aan één tafel (via de regels voor samen zitten)."
            )
        ta, tb = problem.pinned_table(a), problem.pinned_table(b)
        if ta >= 0 and ta == tb:
            raise MixConflict(
                f"{problem.name(a)} en {problem.name(b)} moeten uit elkaar zitten, "
                f"maar zijn allebei vastgezet aan tafel {ta + 1}."
            )


def build_problem(
    people: Sequence[Hashable],
    table_sizes: Sequence[int],
    rounds: int,
    history: Mapping[tuple[Hashable, Hashable], int] | None,
    together: Iterable[tuple[Hashable, Hashable]],
    apart: Iterable[tuple[Hashable, Hashable]],
    pinned: Mapping[Hashable, int] | None,
    spread: Iterable[Iterable[Hashable]],
) -> Problem:
    """Validate everything and raise MixConflict with a Dutch message on the first problem."""
    rounds = check_rounds(rounds)
    caps = check_capacities(table_sizes)
    ids, index = index_people(people)
    seats = sum(caps)
    if len(ids) > seats:
        raise MixConflict(
            f"Er zijn {len(ids)} mensen, maar er zijn maar {seats} plaatsen "
            f"aan de {len(caps)} tafels."
        )
    lookup = _Lookup(index)
    together_pairs = [lookup.pair(p, "samen zitten") for p in together]
    apart_pairs: set[tuple[int, int]] = set()
    for pair in apart:
        a, b = lookup.pair(pair, "uit elkaar zitten")
        if a == b:
            raise MixConflict(f"{ids[a]} kan niet uit elkaar zitten met zichzelf.")
        apart_pairs.add(pair_key(a, b))
    pins = {lookup(p, "vaste tafel"): t for p, t in (pinned or {}).items()}
    spread_groups: list[list[int]] = []
    for group in spread:
        members = sorted({lookup(p, "verspreiden") for p in group})
        if len(members) > 1:
            spread_groups.append(members)
    blocks, block_of = build_blocks(len(ids), together_pairs)
    str_names = [str(p) for p in ids]
    block_table = pin_blocks(str_names, blocks, block_of, pins, len(caps))
    problem = Problem(
        ids=ids,
        capacities=caps,
        rounds=rounds,
        history=read_history(history, index),
        blocks=blocks,
        block_of=block_of,
        block_table=block_table,
        apart=apart_pairs,
        spread=spread_groups,
    )
    check_blocks_fit(problem)
    check_apart(problem)
    check_pinned_room(problem)
    return problem
