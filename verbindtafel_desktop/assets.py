"""Where the app's assets live: top level of a source checkout, or inside the installed package.

A wheel carries `ui/`, `resources/` and `db/` inside the package (see pyproject.toml), a
PyInstaller bundle puts them at the same package-relative paths, and a checkout keeps them
beside the package. Looking inside the package first makes all three work.
"""

from functools import cache
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def asset_dir(name: str) -> Path:
    """The folder `ui`, `resources` or `db`; raises FileNotFoundError when neither place has it."""
    for candidate in (PACKAGE_DIR / name, PACKAGE_DIR.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(
        f"Map '{name}' van de applicatie ontbreekt (gezocht bij {PACKAGE_DIR})."
    )


def resource_path(*parts: str) -> Path:
    return asset_dir("resources").joinpath(*parts)


def ui_path(*parts: str) -> Path:
    return asset_dir("ui").joinpath(*parts)


def migrations_dir() -> Path:
    return asset_dir("db")
