"""The people search index: an SQLite FTS5 table over `people.search_text` with the
trigram tokenizer, kept in step with `people` by three triggers (migration 0012).

It finds a piece of three letters or more anywhere in a name, phone number or e-mail
address without reading every person (`people_search MATCH '"jan"'`), so searching stays
instant with tens of thousands of people. The index holds only trigrams and row ids; its
text is read from `people` itself (an external-content table).

This is SQLite DDL the SQLModel classes cannot express. Alembic's autogenerate is told to
leave it alone (`include_name`, used by `db/env.py`). A batch migration that rebuilds
`people` drops the triggers with the old table: such a migration must create them again
(`TRIGGERS`), and `missing_parts` (tested at the newest schema) would notice.
"""

from collections.abc import Iterable
from typing import Any

TABLE = "people_search"

CREATE_TABLE = (
    f"CREATE VIRTUAL TABLE {TABLE} USING fts5(search_text, content='people', "
    "content_rowid='id', tokenize='trigram')"
)
REBUILD = f"INSERT INTO {TABLE}({TABLE}) VALUES ('rebuild')"

TRIGGERS = {
    "people_search_insert": f"""
        CREATE TRIGGER people_search_insert AFTER INSERT ON people BEGIN
            INSERT INTO {TABLE}(rowid, search_text) VALUES (new.id, new.search_text);
        END""",
    "people_search_delete": f"""
        CREATE TRIGGER people_search_delete AFTER DELETE ON people BEGIN
            INSERT INTO {TABLE}({TABLE}, rowid, search_text)
                VALUES ('delete', old.id, old.search_text);
        END""",
    "people_search_update": f"""
        CREATE TRIGGER people_search_update AFTER UPDATE OF search_text ON people BEGIN
            INSERT INTO {TABLE}({TABLE}, rowid, search_text)
                VALUES ('delete', old.id, old.search_text);
            INSERT INTO {TABLE}(rowid, search_text) VALUES (new.id, new.search_text);
        END""",
}

SMALLEST_INDEXED = 3  # the trigram tokenizer finds pieces of at least three characters


def is_search_index(name: str) -> bool:
    """The FTS table and the shadow tables SQLite keeps for it (`people_search_data`, …)."""
    return name == TABLE or name.startswith(f"{TABLE}_")


def include_name(name: str | None, kind: str, _parents: Any) -> bool:
    """For Alembic's autogenerate: everything but the search index is the model's."""
    return not (kind == "table" and name is not None and is_search_index(name))


def match_expression(words: Iterable[str]) -> str:
    """An FTS5 query for rows holding every word (each one quoted as a phrase, so any
    character in it is taken literally)."""
    return " ".join('"' + word.replace('"', '""') + '"' for word in words)


def missing_parts(connection: Any) -> list[str]:
    """The names of the index's table and triggers that the database lacks."""
    present = {
        row[0]
        for row in connection.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')"
        )
    }
    return [name for name in (TABLE, *TRIGGERS) if name not in present]
