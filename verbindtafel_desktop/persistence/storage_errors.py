"""Disk trouble in plain Dutch: a full disk, an I/O error, no permission, a missing folder.

Writing code catches the `OSError` or SQLite error it gets and raises the `StorageProblem`
made here, so the GUI and the command line can show the user what happened and what to do.
"""

import errno
import sqlite3
from pathlib import Path

from verbindtafel_desktop.persistence.errors import StorageProblem

_FULL = {errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)}
_IO = {errno.EIO}
_DENIED = {errno.EACCES, errno.EPERM, errno.EROFS}
_MISSING = {errno.ENOENT, errno.ENOTDIR, getattr(errno, "ENODEV", errno.ENOENT)}

# Primary result codes (the low byte of an extended code) that mean "the disk", not "a bug".
_SQLITE_FULL = 13
_SQLITE_IOERR = 10
_SQLITE_READONLY = 8
_SQLITE_CANTOPEN = 14
_SQLITE_CODES = {_SQLITE_FULL, _SQLITE_IOERR, _SQLITE_READONLY, _SQLITE_CANTOPEN}
_SQLITE_MESSAGES = {
    "database or disk is full": _SQLITE_FULL,
    "disk i/o error": _SQLITE_IOERR,
    "attempt to write a readonly database": _SQLITE_READONLY,
    "unable to open database file": _SQLITE_CANTOPEN,
}

NOTHING_LOST = "Wat al was opgeslagen, is bewaard."


def _full(what: str) -> str:
    return (
        f"De schijf is vol: {what} is niet gelukt. Maak ruimte vrij (of kies een andere "
        f"plek) en probeer het opnieuw. {NOTHING_LOST}"
    )


def _io(what: str) -> str:
    return (
        f"De schijf gaf een lees- of schrijffout: {what} is niet gelukt. Controleer de schijf "
        f"of USB-stick en probeer het opnieuw. {NOTHING_LOST}"
    )


def _denied(what: str, place: Path | None) -> str:
    where = f" in {place}" if place else ""
    return (
        f"Geen toestemming om te schrijven{where}: {what} is niet gelukt. Kies een andere "
        f"map of vraag de beheerder van deze computer om schrijfrechten. {NOTHING_LOST}"
    )


def _missing(what: str, place: Path | None) -> str:
    where = f"De map {place.parent if place else ''} is niet bereikbaar"
    return (
        f"{where} (is de USB-stick of netwerkmap aangesloten?): {what} is niet gelukt. "
        f"{NOTHING_LOST}"
    )


def from_os_error(error: OSError, what: str, place: Path | None = None) -> StorageProblem:
    """`what` says in Dutch what failed ("de back-up maken"); `place` is the file written."""
    place = place or (Path(error.filename) if isinstance(error.filename, str) else None)
    if error.errno in _FULL:
        message = _full(what)
    elif error.errno in _IO:
        message = _io(what)
    elif error.errno in _DENIED:
        message = _denied(what, place)
    elif error.errno in _MISSING:
        message = _missing(what, place)
    else:
        message = f"Schrijven is mislukt ({error.strerror or error}): {what} is niet gelukt. "
        message += NOTHING_LOST
    return StorageProblem(message)


def sqlite_storage_code(error: BaseException | None) -> int | None:
    """The SQLite primary result code when `error` is a disk problem, else None."""
    if not isinstance(error, sqlite3.Error):
        return None
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None and code & 0xFF in _SQLITE_CODES:
        return int(code & 0xFF)
    return _SQLITE_MESSAGES.get(str(error).strip().lower())


def from_sqlite_error(
    error: BaseException | None, what: str, place: Path | None = None
) -> StorageProblem | None:
    """A StorageProblem when SQLite failed because of the disk, None for other errors."""
    code = sqlite_storage_code(error)
    if code is None:
        return None
    if code == _SQLITE_FULL:
        return StorageProblem(_full(what))
    if code == _SQLITE_IOERR:
        return StorageProblem(_io(what))
    if code == _SQLITE_READONLY:
        return StorageProblem(_denied(what, place))
    return StorageProblem(_missing(what, place))
