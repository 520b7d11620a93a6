"""The app's log: rotating files in the data folder, with no personal data in them.

What the code logs is ids and kinds of action ("people nieuw #12"), never names, phone
numbers, e-mail addresses or notes; SQL parameters are hidden by the engine, and crash
tracebacks are logged without the exceptions' messages. As a second line of defence every
line is scrubbed of anything that looks like an e-mail address, a phone number or a
postcode before it is written.
"""

import logging
import re
from logging.handlers import RotatingFileHandler
from pathlib import Path

from verbindtafel_desktop.persistence.data_dir import data_dir

LOGGER_NAME = "verbindtafel_desktop"
MAX_BYTES = 1_000_000
KEPT_FILES = 5

_SCRUBBERS = (
    (re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), "<e-mail>"),
    (re.compile(r"(?<!\d)(?:\+31|0031|0)[\s-]?\d(?:[\s-]?\d){8}(?!\d)"), "<telefoon>"),
    (re.compile(r"\b[1-9]\d{3}\s?[A-Z]{2}\b"), "<postcode>"),
)


def scrub(text: str) -> str:
    for pattern, replacement in _SCRUBBERS:
        text = pattern.sub(replacement, text)
    return text


_TRACEBACK_HEADERS = (
    "Traceback (most recent call last):",
    "During handling of the above exception",
    "The above exception was the direct cause",
    "In thread ",
)


def redact_traceback(text: str) -> str:
    """A traceback for the log: every frame, but of each exception only its type, since its
    message may quote the data that was being handled ("KeyError: 'Fatima'")."""
    lines: list[str] = []
    in_message = False
    for line in text.splitlines():
        if not line or line.startswith(_TRACEBACK_HEADERS):
            in_message = False
            lines.append(line)
        elif line.startswith((" ", "\t")) and not in_message:
            lines.append(line)  # a frame: file, line, function, source code
        elif not in_message:
            kind, colon, _message = line.partition(":")
            lines.append(f"{kind}: (melding weggelaten)" if colon else kind)
            in_message = True
    return "\n".join(lines)


class ScrubbingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return scrub(super().format(record))


def log_file() -> Path:
    return data_dir() / "logs" / "verbindtafel.log"


class _AppLogHandler(RotatingFileHandler):
    """Marks the handler this module installed, so a second call replaces it."""


def close_logging() -> None:
    logger = logging.getLogger(LOGGER_NAME)
    for handler in [h for h in logger.handlers if isinstance(h, _AppLogHandler)]:
        logger.removeHandler(handler)
        handler.close()


def configure_logging() -> Path | None:
    """Send the app's log to the data folder; returns the file, None if it cannot be written
    (the app then runs without a log rather than not at all)."""
    close_logging()
    logger = logging.getLogger(LOGGER_NAME)
    path = log_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = _AppLogHandler(path, maxBytes=MAX_BYTES, backupCount=KEPT_FILES, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(ScrubbingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    return path
