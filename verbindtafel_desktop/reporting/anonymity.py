"""What a report may show of a figure without making a small group recognisable.

- Every count from 1 up to the threshold (5 unless set otherwise) is shown as "<5".
  Zero stays 0: an empty group identifies no one.
- A percentage is left out ("–") when its part, its whole or the rest of the whole
  (whole − part) is such a small group: 1 of 20 as 5%, or 18 of 20 as 90%, would give
  the small group away.
- An average over fewer people than the threshold is left out: the average of two
  scores nearly tells each score.
- In a distribution (people by gender, by age, …) whose total is shown, one hidden cell
  could be found by subtracting the others from the total; then the smallest other cell
  is hidden too, shown as "×".
"""

from dataclasses import dataclass

from verbindtafel_desktop.reporting.model import Breakdown, Figure, Kind

DEFAULT_MINIMUM = 5
MASKED = "×"
LEFT_OUT = "–"


def decimal_text(value: float, decimals: int) -> str:
    """'2,4' as Dutch readers write it; '+0,8' for a change is the caller's business."""
    return f"{value:.{decimals}f}".replace(".", ",")


def percent_text(fraction: float) -> str:
    return f"{round(fraction * 100)}%"


@dataclass(frozen=True)
class Shown:
    """A figure as it may be shown: a number, or a text in its place."""

    number: float | None  # None: `text` stands in its place
    text: str
    fraction: float | None = None  # a percentage that may be shown (0.3 = 30%)
    decimals: int = 0

    @property
    def percent(self) -> str:
        return percent_text(self.fraction) if self.fraction is not None else LEFT_OUT


@dataclass(frozen=True)
class ShownRow:
    category: str
    count: Shown


class Anonymiser:
    def __init__(self, minimum: int = DEFAULT_MINIMUM) -> None:
        if minimum < 1:
            raise ValueError("minimum must be at least 1")
        self.minimum = minimum

    @property
    def small(self) -> str:
        return f"<{self.minimum}"

    def is_small(self, count: int) -> bool:
        return 0 < count < self.minimum

    def count(self, value: int) -> Shown:
        if self.is_small(value):
            return Shown(None, self.small)
        return Shown(value, str(value))

    def share_allowed(self, part: int, whole: int) -> bool:
        return whole > 0 and not any(self.is_small(value) for value in (part, whole, whole - part))

    def figure(self, figure: Figure) -> Shown:
        match figure.kind:
            case Kind.COUNT:
                return self.count(figure.count)
            case Kind.SHARE:
                shown = self.count(figure.part)
                allowed = self.share_allowed(figure.part, figure.whole)
                fraction = figure.part / figure.whole if allowed else None
                return Shown(shown.number, shown.text, fraction)
            case Kind.MEAN | Kind.CHANGE:
                if figure.value is None or figure.whole < self.minimum:
                    return Shown(None, LEFT_OUT)
                value = round(figure.value, figure.decimals)
                text = decimal_text(value, figure.decimals)
                if figure.kind is Kind.CHANGE and value > 0:
                    text = f"+{text}"
                return Shown(value, text, decimals=figure.decimals)
            case _:
                value = round(figure.value or 0.0, figure.decimals)
                text = decimal_text(value, figure.decimals)
                return Shown(value, f"{text} {figure.unit}".strip(), decimals=figure.decimals)

    def breakdown(self, breakdown: Breakdown) -> tuple[list[ShownRow], Shown]:
        """The rows and the total of a distribution, with the cells hidden that must be."""
        values = [value for _category, value in breakdown.rows]
        base = breakdown.base
        small = [self.is_small(value) for value in values]
        masked = [False] * len(values)
        if not self.is_small(base) and small.count(True) == 1:
            others = [i for i, value in enumerate(values) if not small[i] and value > 0]
            if others:
                masked[min(others, key=lambda i: (values[i], i))] = True
        rows = []
        for (category, value), is_small, is_masked in zip(
            breakdown.rows, small, masked, strict=True
        ):
            if is_small:
                shown = Shown(None, self.small)
            elif is_masked:
                shown = Shown(None, MASKED)
            else:
                visible = base > 0 and not self.is_small(base)
                shown = Shown(value, str(value), value / base if visible else None)
            rows.append(ShownRow(category, shown))
        return rows, self.count(base)
