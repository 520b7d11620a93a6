"""Marking text for translation where no QObject is at hand."""


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks `text` for Qt Linguist (lupdate looks for this name) and returns it untranslated.

    PySide6's own version is typed as returning `object`; this one keeps `str` for mypy.
    Translate at use time with QCoreApplication.translate(context, text).
    """
    return text
