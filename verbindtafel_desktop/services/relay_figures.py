"""The relay's figures for a period and a location, each with a one-line Dutch explanation.

    figures = relay_figures(db, start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31))
    for figure in figures.lines():
        print(figure.title, figure.value, figure.explanation)

Who counts: the people who took part in a cohort of the chosen location that runs during
part of the period (as participant, as guest at one of its sessions, or on its
recruitment list). Generations are counted over the whole relay, so someone brought in
this year by a participant of last year is generation 1 or deeper, even when last year
lies outside the period. No Qt here: the reports call this too.
"""

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from verbindtafel_desktop.persistence.database import Database
from verbindtafel_desktop.services.relay import RelayGraph, RelayScope, RelayService


@dataclass(frozen=True)
class FigureLine:
    key: str
    title: str
    value: str
    explanation: str
    detail: str = ""  # a second line of numbers behind the value, when there is one


@dataclass(frozen=True)
class RelayFigures:
    scope: RelayScope
    people: int  # everyone who took part in the scope
    reached: int  # of them, brought in by another person
    generations: int  # the deepest generation among them (0: nobody was brought in)
    participants: int  # participants of the scope's cohorts
    brought_in_total: int  # people those participants brought in (ever)
    brought_in_distribution: dict[int, int]  # people brought in -> number of participants
    guests: int  # guests at the scope's sessions who were not participants before
    guests_enrolled: int  # of them, joined a table afterwards
    new_intake: int  # first-time participants of the scope's cohorts
    new_intake_by_participants: int  # of them, brought in by someone who was a participant
    longest_chain: list[int]  # person ids, from the first to the last of the chain

    @property
    def brought_in_average(self) -> float | None:
        return self.brought_in_total / self.participants if self.participants else None

    @property
    def guest_enrolment_share(self) -> float | None:
        return self.guests_enrolled / self.guests if self.guests else None

    @property
    def new_intake_share(self) -> float | None:
        return self.new_intake_by_participants / self.new_intake if self.new_intake else None

    def lines(self) -> list[FigureLine]:
        """The figures as the app and the reports show them, with what each one means."""
        distribution = " · ".join(
            f"{_people(number)}: {count}"
            for number, count in sorted(self.brought_in_distribution.items())
        )
        return [
            FigureLine(
                "reached",
                "Bereikt via de estafette",
                f"{self.reached} van {self.people}",
                "Mensen die door een ander zijn uitgenodigd of geworven, van iedereen die "
                "in deze periode meedeed.",
            ),
            FigureLine(
                "generations",
                "Generaties",
                str(self.generations),
                "Hoe vaak de verbinding is doorgegeven: 1 = meegebracht door iemand die zelf "
                "kwam, 2 = door iemand die zelf werd meegebracht, enzovoort.",
            ),
            FigureLine(
                "brought_in",
                "Meegebracht per tafelgenoot",
                dutch_number(self.brought_in_average),
                "Gemiddeld aantal mensen dat een tafelgenoot heeft uitgenodigd of geworven; "
                "eronder hoeveel tafelgenoten er zoveel meebrachten.",
                distribution,
            ),
            FigureLine(
                "guests_enrolled",
                "Introducees die instroomden",
                f"{dutch_percentage(self.guest_enrolment_share)} "
                f"({self.guests_enrolled} van {self.guests})",
                "Deel van de introducees dat daarna zelf aan een tafel is gaan deelnemen.",
            ),
            FigureLine(
                "new_intake",
                "Nieuwe lichting via tafelgenoten",
                f"{dutch_percentage(self.new_intake_share)} "
                f"({self.new_intake_by_participants} van {self.new_intake})",
                "Deel van de nieuwe tafelgenoten dat is binnengebracht door iemand die zelf "
                "tafelgenoot was.",
            ),
            FigureLine(
                "longest_chain",
                "Langste keten",
                f"{len(self.longest_chain)} personen",
                "Zoveel mensen brachten elkaar na elkaar binnen, binnen deze periode en locatie.",
            ),
        ]


def _people(number: int) -> str:
    return {0: "niemand", 1: "1 persoon"}.get(number, f"{number} mensen")


def dutch_number(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}".replace(".", ",")


def dutch_percentage(share: float | None) -> str:
    return "–" if share is None else f"{round(share * 100)}%"


def relay_figures(
    db: Database,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    location_id: int | None = None,
) -> RelayFigures:
    """The relay's figures for cohorts at `location_id` that run during part of
    `start`–`end` (None: no limit)."""
    graph = RelayService(db).graph()
    return figures_of(graph, RelayScope(start, end, location_id))


def figures_of(graph: RelayGraph, scope: RelayScope) -> RelayFigures:
    chosen = {
        cohort_id for cohort_id, cohort in graph.cohorts.items() if scope.includes_cohort(cohort)
    }
    in_scope = graph.in_scope(scope)
    people = graph.people

    participants = [
        person_id
        for person_id in in_scope
        if any(cohort_id in chosen for cohort_id in people[person_id].participations)
    ]
    brought_in = Counter(len(graph.children.get(person_id, ())) for person_id in participants)

    guests, guests_enrolled = _guests(graph, in_scope, chosen, scope)

    ever_participant = {person_id for person_id, person in people.items() if person.participations}
    new_intake = [
        person_id for person_id in participants if people[person_id].participations[0] in chosen
    ]
    by_participants = [
        person_id for person_id in new_intake if people[person_id].parent_id in ever_participant
    ]

    return RelayFigures(
        scope=scope,
        people=len(in_scope),
        reached=sum(1 for person_id in in_scope if people[person_id].parent_id is not None),
        generations=max((people[person_id].generation for person_id in in_scope), default=0),
        participants=len(participants),
        brought_in_total=sum(number * count for number, count in brought_in.items()),
        brought_in_distribution=dict(sorted(brought_in.items())),
        guests=guests,
        guests_enrolled=guests_enrolled,
        new_intake=len(new_intake),
        new_intake_by_participants=len(by_participants),
        longest_chain=longest_chain(graph, in_scope),
    )


def _guests(
    graph: RelayGraph, in_scope: set[int], chosen: set[int], scope: RelayScope
) -> tuple[int, int]:
    """Guests of the scope who were no participant yet, and how many of them joined later."""
    start_of = {cohort_id: cohort.start_date for cohort_id, cohort in graph.cohorts.items()}
    guests = enrolled = 0
    for person_id in in_scope:
        person = graph.people[person_id]
        visit = next(
            (
                visit
                for visit in person.visits
                if (visit.cohort_id in chosen)
                or (visit.cohort_id is None and scope.includes_date(visit.date))
            ),
            None,
        )
        if visit is None:
            continue
        day = visit.date or (start_of[visit.cohort_id] if visit.cohort_id else None)
        if day is None:  # a visit without any date: whatever table they joined counts
            guests += 1
            enrolled += bool(person.participations)
            continue
        joined = [start_of[cohort_id] for cohort_id in person.participations]
        if any(started < day for started in joined):
            continue  # already a participant: a visit, not a first acquaintance
        guests += 1
        enrolled += bool(joined)
    return guests, enrolled


def longest_chain(graph: RelayGraph, among: set[int]) -> list[int]:
    """The longest chain of people in `among` who brought each other in (first one first);
    of equally long chains, the one ending with the lowest person number."""
    depth: dict[int, int] = {}

    def depth_of(person_id: int) -> int:
        path = []
        current: int | None = person_id
        while current is not None and current in among and current not in depth:
            path.append(current)
            current = graph.people[current].parent_id
        base = depth[current] if current is not None and current in depth else 0
        for step, found in enumerate(reversed(path), start=1):
            depth[found] = base + step
        return depth[person_id]

    if not among:
        return []
    deepest = max(sorted(among), key=depth_of)
    chain = [deepest]
    while (parent := graph.people[chain[-1]].parent_id) is not None and parent in among:
        chain.append(parent)
    return list(reversed(chain))
