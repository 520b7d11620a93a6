"""Alembic, driven from code: the scripts live in the top-level `db/` folder.

Alembic is imported only when a file needs migrating: importing it costs about a third
of a second, and an ordinary start only needs to know which revisions there are, which
the scripts say in two assignments (`revision`, `down_revision`) read here with `ast`.
"""

import ast
import sqlite3
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.engine import Connection

from verbindtafel_desktop.assets import migrations_dir

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory


def alembic_config(connection: Connection | None = None) -> "Config":
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    config.attributes["connection"] = connection
    return config


def script_directory() -> "ScriptDirectory":
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def _assigned(script: Path) -> dict[str, object]:
    """The module-level `revision` and `down_revision` of a migration script."""
    found: dict[str, object] = {}
    for node in ast.parse(script.read_text(encoding="utf-8")).body:
        targets: list[ast.expr]
        if isinstance(node, ast.AnnAssign) and node.value is not None:
            targets, value = [node.target], node.value
        elif isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        else:
            continue
        for target in targets:
            if isinstance(target, ast.Name) and target.id in ("revision", "down_revision"):
                found[target.id] = ast.literal_eval(value)
    return found


@cache
def _revision_graph(versions: Path) -> dict[str, tuple[str, ...]]:
    """revision -> the revisions it follows, for every script in `versions`."""
    graph: dict[str, tuple[str, ...]] = {}
    for script in sorted(versions.glob("*.py")):
        assigned = _assigned(script)
        revision = assigned.get("revision")
        if not isinstance(revision, str):
            continue
        down = assigned.get("down_revision")
        if isinstance(down, str):
            graph[revision] = (down,)
        elif isinstance(down, tuple | list):  # a merge of two branches
            graph[revision] = tuple(str(each) for each in down)
        else:
            graph[revision] = ()
    return graph


def head_revision() -> str:
    graph = _revision_graph(migrations_dir() / "versions")
    followed = {earlier for downs in graph.values() for earlier in downs}
    heads = sorted(set(graph) - followed)
    assert len(heads) == 1, f"db/ has {len(heads)} heads: {heads}"
    return heads[0]


def known_revisions() -> set[str]:
    return set(_revision_graph(migrations_dir() / "versions"))


def stored_revision(path: Path) -> str | None:
    """The schema revision written in the file, or None for a file without one."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        has_version_table = connection.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
        ).fetchone()
        if not has_version_table:
            return None
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        return row[0] if row else None
    finally:
        connection.close()


def has_tables(path: Path) -> bool:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0
    finally:
        connection.close()


def upgrade_to_head(connection: Connection) -> None:
    from alembic import command

    command.upgrade(alembic_config(connection), "head")
