"""The mixing board's working document: who is there, who sits where, and how good it is.

Qt-free, so the board's rules (what may move, what the engine is asked, what counts
as broken) are tested headless. Every change goes through a method here; the board
takes a `snapshot()` before and after, which makes undo and redo exact.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from verbindtafel_desktop.domain.enums import AttendanceRole, AttendanceStatus, MixingRuleKind
from verbindtafel_desktop.mixing import (
    BrokenRule,
    Evaluation,
    MixConflict,
    MixPlan,
    evaluate,
    mix,
    repeats_lower_bound,
)
from verbindtafel_desktop.mixing.problem import pair_key
from verbindtafel_desktop.services.errors import ServiceError


class Refused(ServiceError):
    """A move the board does not make (a locked person or table); the message says why."""


@dataclass(frozen=True)
class Candidate:
    """Someone expected at the mixmoment: a member, facilitator or announced guest."""

    person_id: int
    name: str
    role: AttendanceRole
    home_table_id: int
    home_table: str
    session_id: int | None  # where their attendance is stored (their home table's session)
    host_id: int | None = None  # who invited a guest
    recorded: AttendanceStatus | None = None  # attendance already stored for this mixmoment


@dataclass(frozen=True)
class TableSpec:
    capacity: int
    label: str = ""
    locked: bool = False

    def title(self, index: int) -> str:
        return self.label or f"Tafel {index + 1}"


@dataclass(frozen=True)
class PairRule:
    """A rule of the cohort (MixingRule) or the automatic one that seats a guest with their host."""

    kind: MixingRuleKind
    a: int
    b: int
    reason: str = ""
    rule_id: int | None = None  # None for the automatic guest rule


class Who:
    """A person as the engine sees them: compared by id, printed by name.

    The engine writes its Dutch messages with str(person), so the board's messages
    name people instead of showing database ids.
    """

    __slots__ = ("name", "person_id")

    def __init__(self, person_id: int, name: str) -> None:
        self.person_id = person_id
        self.name = name

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Who) and other.person_id == self.person_id

    def __hash__(self) -> int:
        return hash(self.person_id)

    def __str__(self) -> str:
        return self.name

    def __repr__(self) -> str:
        return f"Who({self.person_id}, {self.name!r})"

    def __reduce__(self) -> tuple[type[Who], tuple[int, str]]:
        return (Who, (self.person_id, self.name))


@dataclass(frozen=True)
class Snapshot:
    tables: tuple[TableSpec, ...]
    seats: tuple[tuple[int, int], ...]
    locked: frozenset[int]
    pinned: frozenset[int]
    present: frozenset[int]


@dataclass(frozen=True)
class Problem:
    """A broken rule as the board shows it: who, which table, and the Dutch reason."""

    kind: str
    people: tuple[int, ...]
    table: int | None
    reason: str


@dataclass
class MixRequest:
    """Everything `mix` is called with, so the worker thread gets plain data."""

    people: list[Who]
    table_sizes: list[int]
    history: dict[tuple[Hashable, Hashable], int]
    together: list[tuple[Who, Who]]
    apart: list[tuple[Who, Who]]
    pinned: dict[Hashable, int]
    spread: list[list[Who]]

    def run(
        self,
        *,
        time_limit: float,
        seed: int | None = None,
        on_progress: Callable[[float], None] | None = None,
        should_stop: Callable[[], bool] | None = None,
    ) -> MixPlan:
        return mix(
            self.people,
            self.table_sizes,
            1,
            history=self.history,
            together=self.together,
            apart=self.apart,
            pinned=self.pinned,
            spread=self.spread,
            seed=seed,
            time_limit=time_limit,
            on_progress=on_progress,
            should_stop=should_stop,
        )


@dataclass
class MixedSeating:
    candidates: dict[int, Candidate]
    tables: list[TableSpec]
    history: dict[tuple[int, int], int]
    rules: list[PairRule] = field(default_factory=list)
    seats: dict[int, int] = field(default_factory=dict)  # person -> table index
    locked: set[int] = field(default_factory=set)
    pinned: set[int] = field(default_factory=set)
    present: set[int] = field(default_factory=set)

    # --- reading ----------------------------------------------------------------------
    def name(self, person_id: int) -> str:
        return self.candidates[person_id].name

    def who(self, person_id: int) -> Who:
        return Who(person_id, self.candidates[person_id].name)

    def at_table(self, index: int) -> list[int]:
        """The people at a table, facilitators first, then by name."""
        people = [p for p, t in self.seats.items() if t == index]
        return sorted(people, key=self._order)

    def unseated(self) -> list[int]:
        return sorted((p for p in self.present if p not in self.seats), key=self._order)

    def _order(self, person_id: int) -> tuple[int, str]:
        candidate = self.candidates[person_id]
        return (0 if candidate.role == AttendanceRole.FACILITATOR else 1, candidate.name.lower())

    def is_fixed(self, person_id: int) -> bool:
        """Fixed people stay where they are when the board mixes again."""
        table = self.seats.get(person_id)
        return (
            person_id in self.locked
            or person_id in self.pinned
            or (table is not None and self.tables[table].locked)
        )

    def knows(self, a: int, b: int) -> bool:
        return self.history.get(pair_key(a, b), 0) > 0

    def known_at_table(self, person_id: int) -> list[int]:
        """The people at the same table whom this person already met."""
        table = self.seats.get(person_id)
        if table is None:
            return []
        return [p for p in self.at_table(table) if p != person_id and self.knows(person_id, p)]

    def active_rules(self) -> list[PairRule]:
        """The rules about two people who are both there, with each guest tied to their host."""
        rules = [r for r in self.rules if r.a in self.present and r.b in self.present]
        for candidate in self.candidates.values():
            host = candidate.host_id
            if (
                candidate.role == AttendanceRole.GUEST
                and host is not None
                and candidate.person_id in self.present
                and host in self.present
            ):
                rules.append(
                    PairRule(
                        MixingRuleKind.TOGETHER,
                        candidate.person_id,
                        host,
                        f"{candidate.name} is introducee van {self.name(host)}",
                    )
                )
        return rules

    def facilitators(self) -> list[int]:
        return [p for p in self.present if self.candidates[p].role == AttendanceRole.FACILITATOR]

    # --- changing -----------------------------------------------------------------------
    def snapshot(self) -> Snapshot:
        return Snapshot(
            tuple(self.tables),
            tuple(sorted(self.seats.items())),
            frozenset(self.locked),
            frozenset(self.pinned),
            frozenset(self.present),
        )

    def restore(self, snapshot: Snapshot) -> None:
        self.tables = list(snapshot.tables)
        self.seats = dict(snapshot.seats)
        self.locked = set(snapshot.locked)
        self.pinned = set(snapshot.pinned)
        self.present = set(snapshot.present)

    def _check_movable(self, person_id: int) -> None:
        name = self.name(person_id)
        if person_id in self.pinned:
            raise Refused(f"{name} heeft een vaste tafel. Haal die eerst weg om te verplaatsen.")
        if person_id in self.locked:
            raise Refused(f"{name} is vastgezet. Maak {name} eerst los om te verplaatsen.")
        table = self.seats.get(person_id)
        if table is not None and self.tables[table].locked:
            raise Refused(f"{self.tables[table].title(table)} staat vast. Maak de tafel eerst los.")

    def move(self, person_id: int, table: int | None) -> None:
        """Seat someone at a table (None: take them off the tables); over capacity is allowed
        and then shown as a broken rule."""
        if person_id not in self.present:
            raise Refused(f"{self.name(person_id)} is niet aanwezig.")
        if self.seats.get(person_id) == table:
            return
        self._check_movable(person_id)
        if table is None:
            del self.seats[person_id]
            return
        if self.tables[table].locked:
            raise Refused(f"{self.tables[table].title(table)} staat vast. Maak de tafel eerst los.")
        self.seats[person_id] = table

    def swap(self, a: int, b: int) -> None:
        table_a, table_b = self.seats.get(a), self.seats.get(b)
        if a == b or table_a == table_b:
            return
        self._check_movable(a)
        self._check_movable(b)
        for person, table in ((a, table_b), (b, table_a)):
            if table is None:
                self.seats.pop(person, None)
            else:
                self.seats[person] = table

    def set_locked(self, person_id: int, locked: bool) -> None:
        if locked and person_id not in self.seats:
            raise Refused(f"{self.name(person_id)} heeft nog geen tafel om aan vast te zitten.")
        (self.locked.add if locked else self.locked.discard)(person_id)

    def pin(self, person_id: int, table: int | None) -> None:
        """Give someone a fixed table (None removes it); they move there."""
        if table is None:
            self.pinned.discard(person_id)
            return
        self.pinned.discard(person_id)
        self.locked.discard(person_id)
        self.move(person_id, table)
        self.pinned.add(person_id)

    def set_table_locked(self, index: int, locked: bool) -> None:
        self.tables[index] = replace(self.tables[index], locked=locked)

    def unlock_all(self) -> None:
        """Loosen every locked person and table (fixed tables stay: they are rules)."""
        self.locked.clear()
        self.tables = [replace(t, locked=False) for t in self.tables]

    def set_present(self, person_id: int, present: bool) -> None:
        if present:
            self.present.add(person_id)
            return
        self.present.discard(person_id)
        self.seats.pop(person_id, None)
        self.locked.discard(person_id)
        self.pinned.discard(person_id)

    def set_table_count(self, count: int, capacity: int) -> None:
        """Add tables of `capacity`, or remove the last ones (their people lose their seat)."""
        count = max(1, count)
        while len(self.tables) < count:
            self.tables.append(TableSpec(capacity))
        if len(self.tables) > count:
            for person, table in list(self.seats.items()):
                if table >= count:
                    del self.seats[person]
                    self.locked.discard(person)
                    self.pinned.discard(person)
            del self.tables[count:]

    def set_table(
        self, index: int, *, capacity: int | None = None, label: str | None = None
    ) -> None:
        table = self.tables[index]
        self.tables[index] = replace(
            table,
            capacity=table.capacity if capacity is None else capacity,
            label=table.label if label is None else label.strip(),
        )

    def set_all_capacities(self, capacity: int) -> None:
        self.tables = [replace(t, capacity=capacity) for t in self.tables]

    # --- the engine -------------------------------------------------------------------
    def mix_request(self) -> MixRequest:
        """Ask the engine to seat everyone present; fixed people keep their table.

        A locked table keeps exactly its people: its size is what it has now.
        """
        people = sorted(self.present)
        who = {p: self.who(p) for p in people}
        sizes = [
            sum(1 for t in self.seats.values() if t == i) if table.locked else table.capacity
            for i, table in enumerate(self.tables)
        ]
        history, together, apart = self._engine_pairs(who)
        facilitators = sorted(self.facilitators())
        return MixRequest(
            people=[who[p] for p in people],
            table_sizes=sizes,
            history=history,
            together=together,
            apart=apart,
            pinned={who[p]: self.seats[p] for p in people if self.is_fixed(p)},
            spread=[[who[p] for p in facilitators]] if facilitators else [],
        )

    def _engine_pairs(
        self, who: dict[int, Who]
    ) -> tuple[dict[tuple[Hashable, Hashable], int], list[tuple[Who, Who]], list[tuple[Who, Who]]]:
        """The history, the together pairs and the apart pairs among the people in `who`,
        as the engine takes them."""
        history: dict[tuple[Hashable, Hashable], int] = {
            (who[a], who[b]): n for (a, b), n in self.history.items() if a in who and b in who
        }
        rules = [r for r in self.active_rules() if r.a in who and r.b in who]
        together = [(who[r.a], who[r.b]) for r in rules if r.kind == MixingRuleKind.TOGETHER]
        apart = [(who[r.a], who[r.b]) for r in rules if r.kind == MixingRuleKind.APART]
        return history, together, apart

    def apply(self, plan: MixPlan) -> None:
        """Take the engine's seating (one round)."""
        self.seats = {}
        for index, members in enumerate(plan.rounds[0]):
            for person in members:
                assert isinstance(person, Who)
                self.seats[person.person_id] = index

    # --- how good it is ---------------------------------------------------------------
    def evaluation(self) -> Evaluation:
        who = {p: self.who(p) for p in self.seats}
        rounds = [[[who[p] for p in self.at_table(i)] for i in range(len(self.tables))]]
        history, together, apart = self._engine_pairs(who)
        return evaluate(
            rounds,
            history=history,
            together=together,
            apart=apart,
            spread=[[who[p] for p in self.facilitators() if p in who]],
            table_sizes=[t.capacity for t in self.tables],
        )

    def problems(self, evaluation: Evaluation | None = None) -> list[Problem]:
        """Broken rules with the rule's own reason added, and who still has no table."""
        evaluation = evaluation or self.evaluation()
        reasons = {
            (r.kind, frozenset((r.a, r.b))): r.reason for r in self.active_rules() if r.reason
        }
        kinds = {"samen": MixingRuleKind.TOGETHER, "uit_elkaar": MixingRuleKind.APART}
        found = []
        for broken in evaluation.broken:
            people = tuple(p.person_id for p in broken.people if isinstance(p, Who))
            found.append(
                Problem(broken.kind, people, broken.table, self._reason(broken, kinds, reasons))
            )
        for person in self.unseated():
            found.append(
                Problem("plaatsing", (person,), None, f"{self.name(person)} heeft nog geen tafel.")
            )
        return found

    @staticmethod
    def _reason(
        broken: BrokenRule,
        kinds: dict[str, MixingRuleKind],
        reasons: dict[tuple[MixingRuleKind, frozenset[int]], str],
    ) -> str:
        kind = kinds.get(broken.kind)
        if kind is None or len(broken.people) != 2:
            return broken.reason
        pair = frozenset(p.person_id for p in broken.people if isinstance(p, Who))
        why = reasons.get((kind, pair))
        return f"{broken.reason} Reden: {why}." if why else broken.reason

    def lower_bound(self, table_sizes: list[int] | None = None) -> int | None:
        """Repeats no seating of the people present can avoid; None when the rules clash."""
        request = self.mix_request()
        if not request.people:
            return 0
        try:
            return repeats_lower_bound(
                request.people,
                table_sizes if table_sizes is not None else request.table_sizes,
                1,
                history=request.history,
                together=request.together,
                pinned=request.pinned,
            )
        except MixConflict:
            return None

    def seats_available(self) -> int:
        return sum(t.capacity for t in self.tables)


def default_table_count(people: int, capacity: int) -> int:
    return max(1, math.ceil(people / max(1, capacity)))


# Lets `advice` tell "no bound given" from a bound of None (the rules clash).
_NOT_GIVEN: Any = object()


def advice(plan: MixedSeating, default_capacity: int, bound: int | None = _NOT_GIVEN) -> list[str]:
    """What the numbers allow, in plain Dutch: the unavoidable repeats and what would help.
    `bound` is `plan.lower_bound()`, for a caller that has it already."""
    present = len(plan.present)
    if present == 0:
        return ["Nog niemand is aanwezig: vink aan wie er is."]
    seats = plan.seats_available()
    if seats < present:
        return [
            f"Er zijn {present} mensen maar {seats} plaatsen: "
            f"zet er een tafel bij of maak de tafels groter."
        ]
    if bound is _NOT_GIVEN:
        bound = plan.lower_bound()
    if bound is None:
        try:
            plan.mix_request().run(time_limit=0)
        except MixConflict as conflict:
            return [str(conflict)]
        return ["De regels spreken elkaar tegen."]
    if bound == 0:
        return ["Met deze aantallen kan iedereen alleen nieuwe mensen treffen."]
    lines = [
        f"Met deze aantallen zijn minstens {bound} "
        f"{'herhaling' if bound == 1 else 'herhalingen'} onvermijdelijk."
    ]
    largest = _largest_home_group(plan)
    if largest is not None and largest[1] > len(plan.tables):
        name, size = largest
        lines.append(
            f"{name} heeft {size} mensen en er zijn maar {len(plan.tables)} tafels: "
            "dan zitten er altijd twee van die tafel samen."
        )
    tried = []
    sizes = [t.capacity for t in plan.tables]
    for extra in (1, 2, 3):
        more = sizes + [default_capacity] * extra
        better = plan.lower_bound(more)
        if better is not None and better < bound:
            tried.append(
                f"Met {extra} {'tafel' if extra == 1 else 'tafels'} meer: "
                f"minstens {better} {'herhaling' if better == 1 else 'herhalingen'}."
            )
            break
    smaller = max(2, math.ceil(present / max(1, len(sizes))))
    if smaller < max(sizes):
        even = [min(s, smaller) for s in sizes]
        if sum(even) >= present:
            better = plan.lower_bound(even)
            if better is not None and better < bound:
                tried.append(
                    f"Met tafels van hoogstens {smaller}: minstens {better} "
                    f"{'herhaling' if better == 1 else 'herhalingen'}."
                )
    return lines + (tried or ["Meer of kleinere tafels helpen hier niet."])


def _largest_home_group(plan: MixedSeating) -> tuple[str, int] | None:
    groups: dict[str, int] = {}
    for person in plan.present:
        candidate = plan.candidates[person]
        if candidate.role != AttendanceRole.GUEST:
            groups[candidate.home_table] = groups.get(candidate.home_table, 0) + 1
    if not groups:
        return None
    return max(groups.items(), key=lambda item: item[1])


def add_clique(history: dict[tuple[int, int], int], people: Iterable[int]) -> None:
    """Everyone in `people` met everyone else once more."""
    group = sorted(set(people))
    for i, a in enumerate(group):
        for b in group[i + 1 :]:
            history[(a, b)] = history.get((a, b), 0) + 1
