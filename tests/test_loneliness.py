"""The De Jong Gierveld short scale: every one of the 729 complete answer patterns, the
incomplete ones, and what is not an answer."""

import itertools

import pytest

from verbindtafel_desktop import loneliness
from verbindtafel_desktop.domain.enums import Answer
from verbindtafel_desktop.loneliness import score

# Written independently from the module, straight from the scale's manual: emotional
# items 1, 4 and 6 are lonely when answered "ja" or "min of meer"; the positively worded
# social items 2, 3 and 5 when answered "nee" or "min of meer".
LONELY_ANSWERS = {
    1: {"ja", "min of meer"},
    2: {"nee", "min of meer"},
    3: {"nee", "min of meer"},
    4: {"ja", "min of meer"},
    5: {"nee", "min of meer"},
    6: {"ja", "min of meer"},
}


def reference(answers: tuple[str, ...]) -> tuple[int, int, int, str]:
    points = [1 if answer in LONELY_ANSWERS[n] else 0 for n, answer in enumerate(answers, 1)]
    emotional = points[0] + points[3] + points[5]
    social = points[1] + points[2] + points[4]
    total = emotional + social
    if total <= 1:
        category = "niet eenzaam"
    elif total <= 4:
        category = "matig eenzaam"
    else:
        category = "sterk eenzaam"
    return total, emotional, social, category


ALL_PATTERNS = list(itertools.product(["ja", "min of meer", "nee"], repeat=6))


def test_all_729_complete_patterns_score_as_the_manual_says() -> None:
    assert len(ALL_PATTERNS) == 729
    seen_totals = set()
    for pattern in ALL_PATTERNS:
        result = score(pattern)
        assert result is not None, pattern
        assert (result.total, result.emotional, result.social, result.category) == reference(
            pattern
        ), pattern
        seen_totals.add(result.total)
    assert seen_totals == set(range(7))


def test_enum_members_score_like_their_words() -> None:
    for pattern in ALL_PATTERNS[::7]:
        as_enum = [Answer(answer) for answer in pattern]
        assert score(as_enum) == score(list(pattern))


def test_the_extremes_and_the_category_borders() -> None:
    assert score(["nee", "ja", "ja", "nee", "ja", "nee"]) == loneliness.Score(
        0, 0, 0, "niet eenzaam"
    )
    assert score(["ja", "nee", "nee", "ja", "nee", "ja"]) == loneliness.Score(
        6, 3, 3, "sterk eenzaam"
    )
    # "min of meer" counts as lonely on both kinds of item.
    assert score(["min of meer"] * 6) == loneliness.Score(6, 3, 3, "sterk eenzaam")
    one = score(["ja", "ja", "ja", "nee", "ja", "nee"])
    two = score(["ja", "nee", "ja", "nee", "ja", "nee"])
    four = score(["ja", "nee", "nee", "ja", "ja", "nee"])
    five = score(["ja", "nee", "nee", "ja", "nee", "nee"])
    assert one is not None and (one.total, one.category, one.lonely) == (1, "niet eenzaam", False)
    assert two is not None and (two.total, two.category, two.lonely) == (2, "matig eenzaam", True)
    assert four is not None and (four.total, four.category) == (4, "matig eenzaam")
    assert five is not None and (five.total, five.category) == (5, "sterk eenzaam")


def test_an_unanswered_item_gives_no_score_never_a_guess() -> None:
    for pattern in ALL_PATTERNS[::37]:
        for missing in range(6):
            incomplete = list(pattern)
            incomplete[missing] = None  # type: ignore[call-overload]
            assert score(incomplete) is None
    assert score([None] * 6) is None
    for holes in itertools.product([None, "ja"], repeat=6):
        expected_complete = None not in holes
        assert (score(holes) is not None) == expected_complete


@pytest.mark.parametrize(
    "answers",
    [
        ["Ja", "nee", "nee", "ja", "nee", "ja"],  # the words are exact
        ["ja", "nee", "nee", "ja", "nee", "misschien"],
        ["ja", "nee", "nee", "ja", "nee", ""],
        ["ja", "nee", "nee", "ja", "nee", 1],
        ["ja", "nee", "nee", "ja", "nee", True],
        ["ja", "nee", None, "ja", "nee", "yes"],  # wrong even when another is missing
    ],
)
def test_anything_else_is_refused(answers: list[object]) -> None:
    with pytest.raises(ValueError):
        score(answers)  # type: ignore[arg-type]


@pytest.mark.parametrize("answers", [[], ["ja"] * 5, ["ja"] * 7, "janeeja"])
def test_exactly_six_answers(answers: object) -> None:
    with pytest.raises(ValueError):
        score(answers)  # type: ignore[arg-type]


def test_items_are_in_the_order_of_the_scale() -> None:
    assert [item.number for item in loneliness.ITEMS] == [1, 2, 3, 4, 5, 6]
    assert loneliness.ITEMS[0].statement == "Ik ervaar een leegte om me heen."
    emotional = [i.number for i in loneliness.ITEMS if i.dimension == "emotional"]
    assert emotional == [1, 4, 6]
