"""What the PyInstaller bundle carries besides the imported code (used by verbindtafel.spec).

The assets go to the package-relative paths a wheel installs them at
(`verbindtafel_desktop/ui`, `.../resources`, `.../db`), so `verbindtafel_desktop.assets`
finds them the same way. Alembic loads `db/env.py` and `db/versions/*.py` from files at run
time, so PyInstaller's import analysis never sees what they import: those imports are
read from the files and passed on as hidden imports.
"""

import ast
import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "verbindtafel_desktop"
ASSET_FOLDERS = ("ui", "resources", "db")
# Developer-only files that have no use inside the installed app.
LEFT_OUT_SUFFIXES = {".pyc", ".pyo"}
LEFT_OUT_FOLDERS = {"__pycache__"}


def asset_files(root: Path = ROOT) -> list[tuple[str, str]]:
    """(source file, destination folder inside the bundle) for every asset file."""
    files = []
    for folder in ASSET_FOLDERS:
        for path in sorted((root / folder).rglob("*")):
            relative = path.relative_to(root)
            if not path.is_file() or path.suffix in LEFT_OUT_SUFFIXES:
                continue
            if LEFT_OUT_FOLDERS.intersection(relative.parts):
                continue
            files.append((str(path), str(Path(PACKAGE, relative.parent).as_posix())))
    return files


def imported_modules(source: str) -> set[str]:
    """Absolute module names a Python source imports (relative imports cannot occur here)."""
    modules: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules.add(node.module)
            # `from alembic import op` imports the submodule alembic.op; `from x import y`
            # may just as well name a class, which is sorted out in migration_imports.
            modules.update(f"{node.module}.{alias.name}" for alias in node.names)
    return modules


def is_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:  # a parent is a plain module, not a package
        return False


def migration_imports(root: Path = ROOT) -> list[str]:
    """Everything the Alembic environment and the migration scripts import."""
    scripts = [root / "db" / "env.py", *sorted((root / "db" / "versions").glob("*.py"))]
    modules: set[str] = set()
    for script in scripts:
        modules |= imported_modules(script.read_text(encoding="utf-8"))
    return sorted(name for name in modules if is_module(name))
