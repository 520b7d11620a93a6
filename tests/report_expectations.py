"""The period report's figures computed again, independently of verbindtafel_desktop.reporting:
plain SQL on the tables and a few lines of Python, straight from the definitions on the
report's method page."""

import datetime as dt
from collections import Counter
from typing import Any

import sqlalchemy as sa

from tests.test_loneliness import reference as scale_score
from verbindtafel_desktop.domain.rotterdam import AREAS
from verbindtafel_desktop.persistence.database import Database
from verbindtafel_desktop.services.relay_figures import relay_figures

Value = tuple[Any, ...]
SESSION_HOURS = 2.5

AREA_OF = {wijk.casefold(): area for area, wijken in AREAS.items() for wijk in wijken}
GENDER_WORDS = {"female": "vrouw", "male": "man", "other": "anders"}
ROUTE_WORDS = {
    "self": "zelf aangemeld",
    "invited": "uitgenodigd door een deelnemer",
    "recruited": "geworven door een deelnemer",
}


def as_value(kind: str, *parts: Any) -> Value:
    return (kind, *(round(part, 9) if isinstance(part, float) else part for part in parts))


class Expected:
    def __init__(
        self, connection: Any, start: dt.date, end: dt.date, cohorts: list[int] | None
    ) -> None:
        self.connection = connection
        self.start, self.end = start, end
        self.cohorts = cohorts
        self.figures: dict[str, Value] = {}
        self.breakdowns: dict[str, tuple[tuple[str, int], ...]] = {}

    def scope(self, column: str) -> str:
        if self.cohorts is None:
            return "1 = 1"
        return f"{column} IN ({', '.join(str(c) for c in self.cohorts) or 'NULL'})"

    def all(self, sql: str) -> list[Any]:
        params = {"start": self.start.isoformat(), "end": self.end.isoformat()}
        return list(self.connection.execute(sa.text(sql), params))

    def one(self, sql: str) -> Any:
        return self.all(sql)[0][0]

    def present(self, role: str) -> str:
        return f"""
            SELECT a.person_id FROM attendance a
            JOIN sessions s ON s.id = a.session_id JOIN tables t ON t.id = s.table_id
            WHERE s.status = 'held' AND a.status = 'present' AND a.role = '{role}'
              AND s.date BETWEEN :start AND :end AND {self.scope("t.cohort_id")}"""

    def compute(self, db: Database, location_id: int | None) -> "Expected":
        self.reach()
        self.activity()
        self.outcomes()
        self.lasting()
        self.relay(db, location_id)
        return self

    def relay(self, db: Database, location_id: int | None) -> None:
        """The relay issue's own figures (tested there against plain SQL), as the report
        must show them."""
        found = relay_figures(db, start=self.start, end=self.end, location_id=location_id)
        self.figures |= {
            "relay.people": as_value("count", found.people),
            "relay.reached": as_value("share", found.reached, found.people),
            "relay.generations": as_value("number", float(found.generations)),
            "relay.brought_in": as_value(
                "mean",
                found.brought_in_total / found.participants if found.participants else None,
                found.participants,
            ),
            "relay.guests_enrolled": as_value("share", found.guests_enrolled, found.guests),
            "relay.new_intake": as_value(
                "share", found.new_intake_by_participants, found.new_intake
            ),
            "relay.longest_chain": as_value("count", len(found.longest_chain)),
        }
        words = {0: "niemand", 1: "1 persoon"}
        self.breakdowns["relay.brought_in_distribution"] = tuple(
            (words.get(number, f"{number} mensen"), people)
            for number, people in sorted(found.brought_in_distribution.items())
        )

    def reach(self) -> None:
        reached = f"SELECT DISTINCT person_id FROM ({self.present('member')})"
        participants = self.one(f"SELECT count(*) FROM ({reached})")
        new = self.one(
            f"""SELECT count(*) FROM ({reached}) r WHERE (
                SELECT min(s.date) FROM attendance a JOIN sessions s ON s.id = a.session_id
                WHERE a.person_id = r.person_id AND a.role = 'member'
                  AND a.status = 'present' AND s.status = 'held') >= :start"""
        )
        facilitator_visits = self.one(f"SELECT count(*) FROM ({self.present('facilitator')})")
        self.figures |= {
            "reach.participants": as_value("count", participants),
            "reach.new": as_value("share", new, participants),
            "reach.guests": as_value(
                "count",
                self.one(f"SELECT count(DISTINCT person_id) FROM ({self.present('guest')})"),
            ),
            "reach.facilitators": as_value(
                "count",
                self.one(f"SELECT count(DISTINCT person_id) FROM ({self.present('facilitator')})"),
            ),
            "reach.facilitator_hours": as_value("number", facilitator_visits * SESSION_HOURS),
        }
        people = self.all(
            f"""SELECT p.neighbourhood, p.date_of_birth, p.gender, r.route, i.name
                FROM people p LEFT JOIN referrals r ON r.person_id = p.id
                LEFT JOIN institutions i ON i.id = r.institution_id
                WHERE p.id IN ({reached})"""
        )
        wijken = Counter(wijk or "onbekend" for wijk, *_rest in people)
        areas = Counter(
            AREA_OF.get(wijk.casefold(), "wijk buiten de lijst van Rotterdam")
            if wijk
            else "onbekend"
            for wijk, *_rest in people
        )
        ages: Counter[str] = Counter()
        for _wijk, born, *_rest in people:
            if born is None:
                ages["onbekend"] += 1
                continue
            born = dt.date.fromisoformat(str(born))
            age = self.end.year - born.year
            if (self.end.month, self.end.day) < (born.month, born.day):
                age -= 1
            group = (
                "tot 30 jaar" if age < 30 else "30 tot 50 jaar" if age < 50
                else "50 tot 65 jaar" if age < 65 else "65 tot 80 jaar" if age < 80
                else "80 jaar en ouder"
            )  # fmt: skip
            ages[group] += 1
        genders = Counter(GENDER_WORDS.get(gender, "onbekend") for _w, _b, gender, *_r in people)
        routes = Counter(route for *_rest, route, _institution in people)
        institutions = Counter(name for *_rest, route, name in people if route == "institution")
        age_order = ["tot 30 jaar", "30 tot 50 jaar", "50 tot 65 jaar", "65 tot 80 jaar"]
        self.breakdowns |= {
            "reach.by_area": tuple(
                [(a, areas[a]) for a in AREAS if areas[a]]
                + [
                    (a, areas[a])
                    for a in ("wijk buiten de lijst van Rotterdam", "onbekend")
                    if areas[a]
                ]
            ),
            "reach.by_neighbourhood": tuple(
                sorted(
                    ((w, n) for w, n in wijken.items() if w != "onbekend"),
                    key=lambda x: x[0].casefold(),
                )
                + ([("onbekend", wijken["onbekend"])] if wijken["onbekend"] else [])
            ),
            "reach.by_age": tuple(
                [(g, ages[g]) for g in [*age_order, "80 jaar en ouder"]]
                + ([("onbekend", ages["onbekend"])] if ages["onbekend"] else [])
            ),
            "reach.by_gender": tuple(
                [(g, genders[g]) for g in ("vrouw", "man", "anders")]
                + ([("onbekend", genders["onbekend"])] if genders["onbekend"] else [])
            ),
            "reach.by_route": tuple(
                [("zelf aangemeld", routes["self"])]
                + [(f"via {name}", n) for name, n in sorted(institutions.items())]
                + [
                    ("uitgenodigd door een deelnemer", routes["invited"]),
                    ("geworven door een deelnemer", routes["recruited"]),
                ]
                + ([("onbekend", routes[None])] if routes[None] else [])
            ),
        }

    def activity(self) -> None:
        in_scope = f"""FROM sessions s JOIN tables t ON t.id = s.table_id
            WHERE s.date BETWEEN :start AND :end AND {self.scope("t.cohort_id")}"""
        by_status = dict(self.all(f"SELECT s.status, count(*) {in_scope} GROUP BY s.status"))
        held = by_status.get("held", 0)
        present, expected = self.all(
            f"""SELECT coalesce(sum(a.status = 'present'), 0), count(*) FROM attendance a
                JOIN sessions s ON s.id = a.session_id JOIN tables t ON t.id = s.table_id
                WHERE s.status = 'held' AND a.role = 'member'
                  AND s.date BETWEEN :start AND :end AND {self.scope("t.cohort_id")}"""
        )[0]
        trajectories = self.all(
            f"""WITH finished AS (
                    SELECT s.table_id FROM sessions s JOIN tables t ON t.id = s.table_id
                    WHERE {self.scope("t.cohort_id")} GROUP BY s.table_id
                    HAVING max(s.date) BETWEEN :start AND :end
                       AND sum(s.status = 'planned') = 0)
                SELECT m.status, (
                    SELECT count(*) FROM attendance a JOIN sessions s ON s.id = a.session_id
                    WHERE a.person_id = m.person_id AND s.table_id = m.table_id
                      AND a.role = 'member' AND a.status = 'present' AND s.status = 'held')
                FROM memberships m
                WHERE m.role = 'participant' AND m.table_id IN (SELECT table_id FROM finished)"""
        )
        finished = len(trajectories)
        self.figures |= {
            "activity.tables": as_value(
                "count",
                self.one(f"SELECT count(DISTINCT s.table_id) {in_scope} AND s.status = 'held'"),
            ),
            "activity.sessions_held": as_value("count", held),
            "activity.sessions_planned": as_value("count", by_status.get("planned", 0)),
            "activity.sessions_cancelled": as_value("count", by_status.get("cancelled", 0)),
            "activity.mixmoments": as_value(
                "count",
                self.one(
                    f"""SELECT count(*) FROM mixed_sessions
                        WHERE status = 'held' AND date BETWEEN :start AND :end
                          AND {self.scope("cohort_id")}"""
                ),
            ),
            "activity.mean_present": as_value("number", present / held if held else 0.0),
            "activity.attendance_rate": as_value("share", present, expected),
            "activity.trajectories": as_value("count", finished),
            "activity.completed": as_value(
                "share", sum(1 for _status, times in trajectories if times >= 4), finished
            ),
            "activity.dropped_out": as_value(
                "share",
                sum(1 for status, _times in trajectories if status == "dropped_out"),
                finished,
            ),
        }

    def outcomes(self) -> None:
        rows = self.all(
            f"""SELECT person_id, cohort_id, moment, taken_on, network_size,
                       item_1, item_2, item_3, item_4, item_5, item_6
                FROM measurements WHERE {self.scope("cohort_id")}"""
        )
        measured = []
        for person, cohort, moment, taken_on, network, *answers in rows:
            total = None if None in answers else scale_score(tuple(answers))
            measured.append(
                (person, cohort, moment, dt.date.fromisoformat(str(taken_on)), network, total)
            )
        in_period = [m for m in measured if self.start <= m[3] <= self.end]

        def people(moment: str) -> set[int]:
            return {m[0] for m in in_period if m[2] == moment}

        pairs = []
        for person, cohort, moment, day, network, total in in_period:
            if moment != "T1" or total is None:
                continue
            intake = [
                m for m in measured
                if m[:3] == (person, cohort, "T0") and m[5] is not None and m[3] <= day
            ]  # fmt: skip
            if intake:
                pairs.append((intake[0], (person, cohort, moment, day, network, total)))

        def average(values: list[float]) -> float | None:
            return sum(values) / len(values) if values else None

        before = [float(i[5][0]) for i, _e in pairs]
        after = [float(e[5][0]) for _i, e in pairs]
        severe = [(i, e) for i, e in pairs if i[5][0] >= 5]
        networks = [(i[4], e[4]) for i, e in pairs if i[4] is not None and e[4] is not None]
        follow_ups = [float(m[5][0]) for m in in_period if m[2] == "T2" and m[5] is not None]
        mean_before, mean_after = average(before), average(after)
        self.figures |= {
            "outcomes.t0": as_value("count", len(people("T0"))),
            "outcomes.t1": as_value("count", len(people("T1"))),
            "outcomes.t2": as_value("count", len(people("T2"))),
            "outcomes.pairs": as_value("count", len(pairs)),
            "outcomes.incomplete": as_value("count", sum(1 for m in in_period if m[5] is None)),
            "outcomes.mean_t0": as_value("mean", mean_before, len(pairs)),
            "outcomes.mean_t1": as_value("mean", mean_after, len(pairs)),
            "outcomes.change": as_value(
                "change",
                None if mean_before is None or mean_after is None else mean_after - mean_before,
                len(pairs),
            ),
            "outcomes.lonely_t0": as_value("share", sum(v >= 2 for v in before), len(pairs)),
            "outcomes.lonely_t1": as_value("share", sum(v >= 2 for v in after), len(pairs)),
            "outcomes.severe_improved": as_value(
                "share", sum(1 for _i, e in severe if e[5][0] < 5), len(severe)
            ),
            "outcomes.network_t0": as_value(
                "mean", average([float(b) for b, _a in networks]), len(networks)
            ),
            "outcomes.network_t1": as_value(
                "mean", average([float(a) for _b, a in networks]), len(networks)
            ),
            "outcomes.network_change": as_value(
                "change", average([float(a - b) for b, a in networks]), len(networks)
            ),
            "outcomes.mean_t2": as_value("mean", average(follow_ups), len(follow_ups)),
        }

        def categories(totals: list[float]) -> tuple[tuple[str, int], ...]:
            return (
                ("niet eenzaam", sum(v <= 1 for v in totals)),
                ("matig eenzaam", sum(2 <= v <= 4 for v in totals)),
                ("sterk eenzaam", sum(v >= 5 for v in totals)),
            )

        self.breakdowns |= {
            "outcomes.categories_t0": categories(before),
            "outcomes.categories_t1": categories(after),
        }
        self.measured_at_end = people("T1")

    def lasting(self) -> None:
        reached = f"SELECT DISTINCT person_id FROM ({self.present('member')})"
        participants = self.one(f"SELECT count(*) FROM ({reached})")
        joined = f"""SELECT ap.person_id, a.kind, a.name, ap.still_going
            FROM activity_participations ap JOIN activities a ON a.id = ap.activity_id
            WHERE ap.person_id IN ({reached})
              AND (ap.joined_on IS NULL OR ap.joined_on <= :end)"""
        started = f"""SELECT started_by_id FROM activities WHERE started_by_id IN ({reached})
            AND (start_date IS NULL OR start_date <= :end)"""
        rows = self.all(joined)
        either = self.one(
            f"""SELECT count(*) FROM (
                SELECT person_id FROM ({joined}) UNION SELECT * FROM ({started}))"""
        )
        asked = {person for person, _k, _n, going in rows if going is not None}
        going = {person for person, _k, _n, still in rows if still}
        per_activity: Counter[str] = Counter()
        for person in {row[0] for row in rows}:
            names = {
                "eigen activiteiten van deelnemers" if kind == "own" else name
                for who, kind, name, _g in rows
                if who == person
            }
            per_activity.update(names)
        scoped = (
            "1 = 1"
            if self.cohorts is None
            else f"""person_id IN (SELECT m.person_id FROM memberships m
                     JOIN tables t ON t.id = m.table_id
                     WHERE m.role = 'participant' AND {self.scope("t.cohort_id")})"""
        )

        def ties(moment: str) -> list[Any]:
            return self.all(
                f"""SELECT DISTINCT min(person_id, contact_id), max(person_id, contact_id)
                    FROM lasting_contacts WHERE moment = '{moment}'
                      AND recorded_on BETWEEN :start AND :end AND {scoped}"""
            )

        naming = {
            row[0]
            for row in self.all(
                f"""SELECT DISTINCT person_id FROM lasting_contacts WHERE moment = 'T1'
                    AND recorded_on BETWEEN :start AND :end AND {scoped}"""
            )
        }
        self.figures |= {
            "lasting.activity_share": as_value("share", either, participants),
            "lasting.joined_existing": as_value(
                "count", len({p for p, kind, _n, _g in rows if kind == "existing"})
            ),
            "lasting.joined_own": as_value(
                "count", len({p for p, kind, _n, _g in rows if kind == "own"})
            ),
            "lasting.started": as_value(
                "count", self.one(f"SELECT count(DISTINCT started_by_id) FROM ({started})")
            ),
            "lasting.still_going": as_value("share", len(going), len(asked)),
            "lasting.ties_t1": as_value("count", len(ties("T1"))),
            "lasting.ties_t2": as_value("count", len(ties("T2"))),
            "lasting.people_with_ties": as_value(
                "share", len(naming & self.measured_at_end), len(self.measured_at_end)
            ),
        }
        own = per_activity.pop("eigen activiteiten van deelnemers", 0)
        self.breakdowns["lasting.by_activity"] = tuple(
            sorted(per_activity.items(), key=lambda item: item[0].casefold())
            + ([("eigen activiteiten van deelnemers", own)] if own else [])
        )
