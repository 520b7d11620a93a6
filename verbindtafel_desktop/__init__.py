"""Verbindtafel Desktop: the programme against loneliness, run from one SQLite file."""

__version__ = "0.1.0"
