"""Score any seating (also one a volunteer changed by hand) and list broken rules.

This is deliberately independent of the search's incremental bookkeeping: the
engine uses it to report the final numbers, so it doubles as a check.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from verbindtafel_desktop.mixing.problem import names

Rounds = Sequence[Sequence[Sequence[Hashable]]]
H = TypeVar("H", bound=Hashable)


@dataclass(frozen=True)
class BrokenRule:
    """One broken rule. `round` and `table` are 0-based indexes (None: not about one)."""

    kind: str  # "capaciteit", "samen", "uit_elkaar", "vaste_tafel", "verspreiden", "plaatsing"
    people: tuple[Hashable, ...]
    round: int | None
    table: int | None
    reason: str  # Dutch, ready to show


@dataclass
class Evaluation:
    repeats: int
    new_acquaintances: dict[Hashable, int]
    broken: list[BrokenRule] = field(default_factory=list)

    @property
    def new_acquaintances_min(self) -> int:
        return min(self.new_acquaintances.values(), default=0)

    @property
    def ok(self) -> bool:
        return not self.broken


def _key(a: Hashable, b: Hashable) -> frozenset[Hashable]:
    return frozenset((a, b))


def count_meetings(
    rounds: Sequence[Sequence[Sequence[H]]], history: Mapping[tuple[H, H], int] | None
) -> tuple[int, dict[H, int]]:
    """Repeats (meetings of pairs that met before) and new people met per person."""
    known = {_key(a, b) for (a, b), c in (history or {}).items() if c > 0 and a != b}
    seen: set[frozenset[Hashable]] = set()
    repeats = 0
    new_people: dict[H, set[H]] = {}
    for tables in rounds:
        meetings = []
        for members in tables:
            for p in members:
                new_people.setdefault(p, set())
            for i, a in enumerate(members):
                for b in members[i + 1 :]:
                    meetings.append((a, b))
        for a, b in meetings:
            key = _key(a, b)
            if key in known or key in seen:
                repeats += 1
            else:
                new_people[a].add(b)
                new_people[b].add(a)
        seen.update(_key(a, b) for a, b in meetings)
    return repeats, {p: len(s) for p, s in new_people.items()}


def evaluate(
    rounds: Rounds,
    *,
    history: Mapping[tuple[Hashable, Hashable], int] | None = None,
    together: Iterable[tuple[Hashable, Hashable]] = (),
    apart: Iterable[tuple[Hashable, Hashable]] = (),
    pinned: Mapping[Hashable, int] | None = None,
    spread: Iterable[Iterable[Hashable]] = (),
    table_sizes: Sequence[int] | None = None,
) -> Evaluation:
    """Count repeats and new acquaintances and list every broken rule (Dutch reasons).

    `rounds` has the shape of ``MixPlan.rounds``. Rules about people who are not
    seated at all are reported as broken placement, not silently skipped.
    """
    repeats, new = count_meetings(rounds, history)
    broken: list[BrokenRule] = []
    where = [_positions(tables, r, broken) for r, tables in enumerate(rounds)]
    everyone = set().union(*(w.keys() for w in where)) if where else set()
    for r, seats in enumerate(where):
        for p in sorted(everyone - seats.keys(), key=str):
            broken.append(
                BrokenRule("plaatsing", (p,), r, None, f"{p} heeft in ronde {r + 1} geen plaats.")
            )
    if table_sizes is not None:
        broken.extend(_capacity(rounds, table_sizes))
    together, apart = list(together), list(apart)
    for r, seats in enumerate(where):
        broken.extend(_together(together, seats, r))
        broken.extend(_apart(apart, seats, r))
        broken.extend(_pinned(pinned or {}, seats, r))
    groups = [list(g) for g in spread]
    for r, tables in enumerate(rounds):
        broken.extend(_spread(groups, tables, r))
    return Evaluation(repeats=repeats, new_acquaintances=new, broken=broken)


def _positions(
    tables: Sequence[Sequence[Hashable]], r: int, broken: list[BrokenRule]
) -> dict[Hashable, int]:
    seats: dict[Hashable, int] = {}
    for t, members in enumerate(tables):
        for p in members:
            if p in seats:
                broken.append(
                    BrokenRule(
                        "plaatsing",
                        (p,),
                        r,
                        t,
                        f"{p} zit in ronde {r + 1} twee keer: aan tafel {seats[p] + 1} "
                        f"en aan tafel {t + 1}.",
                    )
                )
            else:
                seats[p] = t
    return seats


def _capacity(rounds: Rounds, table_sizes: Sequence[int]) -> list[BrokenRule]:
    result = []
    for r, tables in enumerate(rounds):
        for t, members in enumerate(tables):
            cap = table_sizes[t] if t < len(table_sizes) else 0
            if len(members) > cap:
                result.append(
                    BrokenRule(
                        "capaciteit",
                        tuple(members),
                        r,
                        t,
                        f"Aan tafel {t + 1} zitten in ronde {r + 1} {len(members)} mensen, "
                        f"maar daar zijn maar {cap} plaatsen.",
                    )
                )
    return result


def _together(
    pairs: list[tuple[Hashable, Hashable]], seats: dict[Hashable, int], r: int
) -> list[BrokenRule]:
    result = []
    for a, b in pairs:
        ta, tb = seats.get(a), seats.get(b)
        if ta is not None and tb is not None and ta != tb:
            result.append(
                BrokenRule(
                    "samen",
                    (a, b),
                    r,
                    ta,
                    f"{a} en {b} moeten samen zitten, maar zitten in ronde {r + 1} "
                    f"aan tafel {ta + 1} en tafel {tb + 1}.",
                )
            )
    return result


def _apart(
    pairs: list[tuple[Hashable, Hashable]], seats: dict[Hashable, int], r: int
) -> list[BrokenRule]:
    result = []
    for a, b in pairs:
        ta = seats.get(a)
        if ta is not None and ta == seats.get(b):
            result.append(
                BrokenRule(
                    "uit_elkaar",
                    (a, b),
                    r,
                    ta,
                    f"{a} en {b} moeten uit elkaar zitten, maar zitten in ronde {r + 1} "
                    f"allebei aan tafel {ta + 1}.",
                )
            )
    return result


def _pinned(pinned: Mapping[Hashable, int], seats: dict[Hashable, int], r: int) -> list[BrokenRule]:
    result = []
    for p, t in pinned.items():
        actual = seats.get(p)
        if actual is not None and actual != t:
            result.append(
                BrokenRule(
                    "vaste_tafel",
                    (p,),
                    r,
                    actual,
                    f"{p} hoort vast aan tafel {t + 1}, maar zit in ronde {r + 1} "
                    f"aan tafel {actual + 1}.",
                )
            )
    return result


def _spread(
    groups: list[list[Hashable]], tables: Sequence[Sequence[Hashable]], r: int
) -> list[BrokenRule]:
    """A group is spread well when no table has two or more extra members of it."""
    result = []
    for group in groups:
        members = set(group)
        # Empty tables do not count: nobody can be spread onto them.
        seated = [t for t, m in enumerate(tables) if m]
        per_table = {t: sum(1 for p in tables[t] if p in members) for t in seated}
        if not per_table or max(per_table.values()) - min(per_table.values()) < 2:
            continue
        most = max(seated, key=lambda t: (per_table[t], -t))
        least = min(seated, key=lambda t: (per_table[t], t))
        together_here = tuple(p for p in tables[most] if p in members)
        result.append(
            BrokenRule(
                "verspreiden",
                together_here,
                r,
                most,
                f"{names(str(p) for p in together_here)} zitten in ronde {r + 1} samen aan "
                f"tafel {most + 1}, terwijl tafel {least + 1} er {per_table[least]} heeft: "
                "deze groep is niet goed verspreid.",
            )
        )
    return result
