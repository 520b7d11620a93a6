"""Table-mixing engine: seat people so that they meet as many new people as possible.

Pure Python, no Qt and no database. See docs/mixing.md for the algorithm.
"""

from verbindtafel_desktop.mixing.bounds import repeats_lower_bound
from verbindtafel_desktop.mixing.engine import MixPlan, mix
from verbindtafel_desktop.mixing.errors import MixConflict
from verbindtafel_desktop.mixing.evaluation import BrokenRule, Evaluation, evaluate

__all__ = [
    "BrokenRule",
    "Evaluation",
    "MixConflict",
    "MixPlan",
    "evaluate",
    "mix",
    "repeats_lower_bound",
]
