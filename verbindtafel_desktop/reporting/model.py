"""What a period report holds: raw figures, grouped in sections.

The numbers here are exact and never leave the program as they are: the writers pass
every one through `anonymity.Anonymiser` first.
"""

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class Kind(StrEnum):
    COUNT = "count"  # a number of people (or sessions, tables, …)
    SHARE = "share"  # part of whole, shown as a percentage
    MEAN = "mean"  # an average over `whole` people; hidden for small groups
    CHANGE = "change"  # a difference of two means over `whole` people
    NUMBER = "number"  # a quantity that counts no one (hours, people per session)


@dataclass(frozen=True)
class Figure:
    key: str  # stable: "reach.participants"
    label: str  # Dutch
    kind: Kind
    value: float | None = None  # COUNT, MEAN, CHANGE, NUMBER
    part: int = 0  # SHARE
    whole: int = 0  # SHARE: the base; MEAN/CHANGE: how many it is over
    unit: str = ""  # NUMBER: "uur"
    decimals: int = 1  # MEAN, CHANGE, NUMBER

    @property
    def count(self) -> int:
        """The number of people (or things) the figure is about."""
        if self.kind is Kind.COUNT:
            return int(self.value or 0)
        return self.part if self.kind is Kind.SHARE else self.whole

    @property
    def fraction(self) -> float | None:
        return self.part / self.whole if self.kind is Kind.SHARE and self.whole else None


def count(key: str, label: str, value: int) -> Figure:
    return Figure(key, label, Kind.COUNT, value=value)


def share(key: str, label: str, part: int, whole: int) -> Figure:
    return Figure(key, label, Kind.SHARE, part=part, whole=whole)


def mean(key: str, label: str, values: list[float], decimals: int = 1) -> Figure:
    average = sum(values) / len(values) if values else None
    return Figure(key, label, Kind.MEAN, value=average, whole=len(values), decimals=decimals)


def number(key: str, label: str, value: float, unit: str = "", decimals: int = 1) -> Figure:
    return Figure(key, label, Kind.NUMBER, value=value, unit=unit, decimals=decimals)


@dataclass(frozen=True)
class Breakdown:
    """People split into categories that together make up `base` (a distribution)."""

    key: str
    title: str
    rows: tuple[tuple[str, int], ...]

    @property
    def base(self) -> int:
        return sum(value for _category, value in self.rows)


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    intro: str
    figures: tuple[Figure, ...]
    breakdowns: tuple[Breakdown, ...] = ()


@dataclass(frozen=True)
class PeriodReport:
    title: str
    period: str  # "1 januari 2026 t/m 31 december 2026"
    scope: str  # "alle locaties", "locatie …", "lichting … (locatie)"
    funder: str  # "" when none was chosen
    grants: tuple[str, ...]
    minimum_count: int
    session_hours: float
    created: dt.datetime
    sections: tuple[Section, ...]
    summary_keys: tuple[str, ...] = field(default=())

    def figure(self, key: str) -> Figure:
        for section in self.sections:
            for found in section.figures:
                if found.key == key:
                    return found
        raise KeyError(key)

    def breakdown(self, key: str) -> Breakdown:
        for section in self.sections:
            for found in section.breakdowns:
                if found.key == key:
                    return found
        raise KeyError(key)

    def section(self, key: str) -> Section:
        for found in self.sections:
            if found.key == key:
                return found
        raise KeyError(key)

    @property
    def figures(self) -> list[Figure]:
        return [figure for section in self.sections for figure in section.figures]

    @property
    def breakdowns(self) -> list[Breakdown]:
        return [breakdown for section in self.sections for breakdown in section.breakdowns]

    @property
    def subtitle(self) -> str:
        return f"{self.period} · {self.scope}"
