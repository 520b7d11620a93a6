"""Alembic environment for Verbindtafel's SQLite file.

Foreign keys are switched off for the migration connection: a batch rebuild of a parent
table would otherwise cascade-delete the rows of its children. A foreign_key_check at the
end makes sure the migration left every reference intact.
"""

import os

from alembic import context
from sqlalchemy import create_engine
from sqlmodel import SQLModel

import verbindtafel_desktop.domain.models  # noqa: F401  (registers every table)
from verbindtafel_desktop.persistence.search_index import include_name

config = context.config
target_metadata = SQLModel.metadata


def run_migrations(connection) -> None:
    connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
        include_name=include_name,  # the people search index is not in the model
    )
    with context.begin_transaction():
        context.run_migrations()
        broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise RuntimeError(
                f"Migratie laat {len(broken)} verbroken verwijzingen achter: {broken[:5]}"
            )
    connection.exec_driver_sql("PRAGMA foreign_keys=ON")


def run_migrations_offline() -> None:
    context.configure(
        url=f"sqlite:///{os.environ.get('VERBINDTAFEL_DEV_DB', 'offline.sqlite')}",
        target_metadata=target_metadata,
        render_as_batch=True,
        literal_binds=True,
        include_name=include_name,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    given = config.attributes.get("connection")
    if given is not None:
        run_migrations(given)
    else:
        # Developer use through db/alembic.ini: the file to compare against comes from the env.
        engine = create_engine(f"sqlite:///{os.environ['VERBINDTAFEL_DEV_DB']}")
        with engine.connect() as connection:
            run_migrations(connection)
            connection.commit()
