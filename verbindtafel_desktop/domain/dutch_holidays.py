"""The Dutch public holidays of a year, for marking them as days without sessions."""

import datetime as dt


def easter_sunday(year: int) -> dt.date:
    """Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def kings_day(year: int) -> dt.date:
    """Koningsdag (27 April) moves to Saturday 26 April when the 27th is a Sunday."""
    day = dt.date(year, 4, 27)
    return day - dt.timedelta(days=1) if day.weekday() == 6 else day


def dutch_public_holidays(year: int) -> list[tuple[dt.date, str]]:
    """The national holidays (and Goede Vrijdag and Bevrijdingsdag, which many centres
    close on), in date order."""
    easter = easter_sunday(year)
    days = [
        (dt.date(year, 1, 1), "Nieuwjaarsdag"),
        (easter - dt.timedelta(days=2), "Goede Vrijdag"),
        (easter, "Eerste Paasdag"),
        (easter + dt.timedelta(days=1), "Tweede Paasdag"),
        (kings_day(year), "Koningsdag"),
        (dt.date(year, 5, 5), "Bevrijdingsdag"),
        (easter + dt.timedelta(days=39), "Hemelvaartsdag"),
        (easter + dt.timedelta(days=49), "Eerste Pinksterdag"),
        (easter + dt.timedelta(days=50), "Tweede Pinksterdag"),
        (dt.date(year, 12, 25), "Eerste Kerstdag"),
        (dt.date(year, 12, 26), "Tweede Kerstdag"),
    ]
    return sorted(days)
