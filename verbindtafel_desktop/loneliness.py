"""The De Jong Gierveld short loneliness scale (6 items), as the Dutch municipal health
monitors use it. Pure: no Qt, no database.

    >>> score(["ja", "nee", "nee", "min of meer", "ja", "nee"])
    Score(total=4, emotional=2, social=2, category='matig eenzaam')

The three emotional items count 1 for "ja" or "min of meer"; the three social items are
worded positively and count 1 for "nee" or "min of meer". A measurement with an item left
unanswered gets no score at all (None), never a guessed one.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

YES = "ja"
MORE_OR_LESS = "min of meer"
NO = "nee"
ANSWERS = (YES, MORE_OR_LESS, NO)


class Dimension(StrEnum):
    EMOTIONAL = "emotional"
    SOCIAL = "social"


@dataclass(frozen=True)
class Item:
    number: int
    statement: str
    dimension: Dimension


ITEMS = (
    Item(1, "Ik ervaar een leegte om me heen.", Dimension.EMOTIONAL),
    Item(
        2,
        "Er zijn genoeg mensen op wie ik in geval van narigheid kan terugvallen.",
        Dimension.SOCIAL,
    ),
    Item(3, "Ik heb veel mensen op wie ik volledig kan vertrouwen.", Dimension.SOCIAL),
    Item(4, "Ik mis mensen om me heen.", Dimension.EMOTIONAL),
    Item(5, "Er zijn voldoende mensen met wie ik me nauw verbonden voel.", Dimension.SOCIAL),
    Item(6, "Vaak voel ik me in de steek gelaten.", Dimension.EMOTIONAL),
)

NOT_LONELY = "niet eenzaam"
MODERATELY_LONELY = "matig eenzaam"
SEVERELY_LONELY = "sterk eenzaam"
CATEGORIES = (NOT_LONELY, MODERATELY_LONELY, SEVERELY_LONELY)
LONELY_FROM = 2  # a total of 2 or more counts as lonely (matig or sterk)
SEVERE_FROM = 5


@dataclass(frozen=True)
class Score:
    total: int  # 0-6
    emotional: int  # 0-3
    social: int  # 0-3
    category: str  # one of CATEGORIES

    @property
    def lonely(self) -> bool:
        return self.total >= LONELY_FROM


def category_of(total: int) -> str:
    if not 0 <= total <= len(ITEMS):
        raise ValueError(f"Een totaalscore loopt van 0 tot en met 6, niet {total}.")
    if total >= SEVERE_FROM:
        return SEVERELY_LONELY
    return MODERATELY_LONELY if total >= LONELY_FROM else NOT_LONELY


def item_score(item: Item, answer: str) -> int:
    if item.dimension is Dimension.EMOTIONAL:
        return 1 if answer in (YES, MORE_OR_LESS) else 0
    return 1 if answer in (NO, MORE_OR_LESS) else 0


def score(answers: Sequence[str | None]) -> Score | None:
    """The score of six answers in the order of ITEMS; None when any is unanswered.

    Each answer is "ja", "min of meer", "nee" (or an `Answer`, which equals them) or None.
    Anything else, or not exactly six answers, raises ValueError.
    """
    if isinstance(answers, str) or len(answers) != len(ITEMS):
        raise ValueError("De schaal heeft precies zes antwoorden nodig.")
    for number, answer in enumerate(answers, start=1):
        if answer is not None and (not isinstance(answer, str) or answer not in ANSWERS):
            raise ValueError(
                f"Vraag {number}: {answer!r} is geen antwoord; kies ja, min of meer of nee."
            )
    if any(answer is None for answer in answers):
        return None
    emotional = social = 0
    for item, answer in zip(ITEMS, answers, strict=True):
        assert answer is not None
        points = item_score(item, answer)
        if item.dimension is Dimension.EMOTIONAL:
            emotional += points
        else:
            social += points
    total = emotional + social
    return Score(total, emotional, social, category_of(total))
