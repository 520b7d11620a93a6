"""Searching people through the trigram index: what it finds, and that it stays in step
with the people (saved, renamed, imported, removed, and upgraded from an older file)."""

import sqlite3
from pathlib import Path

import pytest

from verbindtafel_desktop.persistence.database import create_database_engine, open_database
from verbindtafel_desktop.persistence.migrations import alembic_config
from verbindtafel_desktop.persistence.search_index import TABLE, missing_parts
from verbindtafel_desktop.services.listing import ListQuery
from verbindtafel_desktop.services.people import insert_people
from verbindtafel_desktop.services.registry import Services


def found(services: Services, text: str) -> list[int]:
    return services.people.list_ids(ListQuery(search=text))


def indexed_ids(services: Services, piece: str) -> set[int]:
    """What the index itself holds for `piece` (not what the list shows)."""
    with services.db.engine.connect() as connection:
        rows = connection.exec_driver_sql(
            f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH ?", (f'"{piece}"',)
        )
        return {row[0] for row in rows}


def check_index(services: Services) -> None:
    """FTS5's own check that the index matches the text it was made from."""
    with services.db.engine.connect() as connection:
        connection.exec_driver_sql(
            f"INSERT INTO {TABLE}({TABLE}, rank) VALUES ('integrity-check', 1)"
        )


@pytest.fixture
def people(services: Services) -> dict[str, int]:
    save = services.people.save
    return {
        "sukru": save({"first_name": "Şükrü", "last_name": "Öztürk", "phone": "06-12345678"}),
        "natalia": save(
            {"first_name": "Natalia", "infix": "van der", "last_name": "Berg", "email": "nb@x.nl"}
        ),
        "jan": save({"first_name": "Jan", "last_name": "Jansen", "phone": "010-7654321"}),
        "aad": save({"first_name": "Aad", "last_name": "Akkerman"}),
    }


def test_a_piece_of_a_name_phone_or_address_is_found_anywhere(
    services: Services, people: dict[str, int]
) -> None:
    assert found(services, "ZTÜR") == [people["sukru"]]  # accents and case do not matter
    assert found(services, "tali") == [people["natalia"]]  # the middle of a name
    assert found(services, "der berg") == [people["natalia"]]
    assert found(services, "7654") == [people["jan"]]
    assert found(services, "nb@x") == [people["natalia"]]
    assert set(found(services, "jan")) == {people["jan"]}
    assert found(services, "jansen jan") == [people["jan"]]
    assert found(services, "berg ztur") == []  # every word must match


def test_short_words_match_a_piece_too(services: Services, people: dict[str, int]) -> None:
    # Beside a longer word, a short one narrows what the longer one found.
    assert found(services, "natalia de") == [people["natalia"]]
    assert found(services, "natalia zz") == []
    # On their own, one or two letters match anywhere, as three or more do.
    assert set(found(services, "aa")) == {people["aad"]}
    assert set(found(services, "a")) == {people["natalia"], people["jan"], people["aad"]}
    assert found(services, "06") == [people["sukru"]]


def test_quotes_and_search_syntax_are_plain_text(
    services: Services, people: dict[str, int]
) -> None:
    # Nobody's text holds these pieces; none of them is read as an FTS5 or LIKE operator.
    for text in ('"', 'jan"', "jan OR berg", "NEAR(jan", "ja*", "-jan", "%", "_a_", "a%"):
        assert found(services, text) == [], text
    assert found(services, "jansen*") == []
    assert found(services, "jansen") == [people["jan"]]


def test_the_index_follows_saving_renaming_archiving_and_removing(
    services: Services, people: dict[str, int]
) -> None:
    new = services.people.save({"first_name": "Fatima", "last_name": "El Amrani"})
    assert found(services, "amrani") == [new]
    services.people.save({"first_name": "Fatima", "last_name": "Bakkali"}, new)
    assert found(services, "amrani") == []
    assert found(services, "bakkali") == [new]
    services.people.set_archived(new, True)
    assert found(services, "bakkali") == []
    assert services.people.list_ids(ListQuery(search="bakkali", include_archived=True)) == [new]
    services.people.remove(new)
    assert indexed_ids(services, "bakkali") == set()
    check_index(services)


def test_people_added_in_bulk_are_found(services: Services) -> None:
    values = {
        key: None if key in ("date_of_birth", "gender", "consent_date") else ""
        for key in (
            "first_name", "infix", "last_name", "date_of_birth", "gender", "phone", "email",
            "address", "postcode", "neighbourhood", "consent_date", "notes",
        )
    }  # fmt: skip
    with services.db.engine.begin() as connection:
        ids = insert_people(
            connection,
            [{**values, "first_name": "Rui", "last_name": f"Tavares {n}"} for n in range(50)],
        )
    assert set(found(services, "tavares")) == set(ids)
    assert found(services, "tavares 37") == [ids[37]]
    check_index(services)


def test_an_older_file_gets_an_index_of_everyone_in_it(tmp_path: Path) -> None:
    from alembic import command

    path = tmp_path / "oud.sqlite"
    engine = create_database_engine(path)
    with engine.connect() as connection:
        command.upgrade(alembic_config(connection), "0002")
        connection.commit()
    engine.dispose()
    with sqlite3.connect(path) as connection:
        connection.execute(
            "INSERT INTO people (id, first_name, infix, last_name, phone, email, address, "
            "postcode, neighbourhood, notes, archived, created_at, updated_at, search_text) "
            "VALUES (7, 'Łukasz', '', 'Kowalski', '', '', '', '', '', '', 0, "
            "'2026-01-01 10:00:00', '2026-01-01 10:00:00', 'lukasz kowalski')"
        )
    db = open_database(path)
    try:
        services = Services.for_database(db)
        with db.engine.connect() as connection:
            assert missing_parts(connection) == []
        assert found(services, "walsk") == [7]
        assert found(services, "lukasz") == [7]
        check_index(services)
    finally:
        db.close()
