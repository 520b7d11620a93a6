"""Translated texts of the mixing board, with Dutch singular and plural forms."""

from PySide6.QtCore import QCoreApplication

CONTEXT = "MixingBoard"


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def plural(n: int, one: str, many: str) -> str:
    """`one` or `many` (both with %n for the number): "1 herhaling", "3 herhalingen"."""
    return tr(one if n == 1 else many).replace("%n", str(n))
