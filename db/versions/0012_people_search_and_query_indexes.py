"""people search index (FTS5 trigram), an index of the guests' attendance, no index on
the sessions' status

Revision ID: 0012
Revises: 0010
Create Date: 2026-11-25 08:00:00.000000

Searching people by a piece of their name, phone or e-mail (`LIKE '%jan%'`) read every
person; the FTS5 table `people_search` finds such pieces through an index (see
verbindtafel_desktop/persistence/search_index.py). The partial index on the guests'
attendance lets the start screen count guests, and the relay find them, without reading
every attendance record. The index on the sessions' status (three values) led SQLite to
read half of all sessions through it where it should start from a cohort's tables.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from verbindtafel_desktop.persistence.search_index import CREATE_TABLE, REBUILD, TABLE, TRIGGERS

revision: str = "0012"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute(CREATE_TABLE)
    for statement in TRIGGERS.values():
        op.execute(statement)
    op.execute(REBUILD)
    op.create_index(
        "ix_attendance_guests", "attendance", ["person_id"], sqlite_where=sa.text("role = 'guest'")
    )
    op.drop_index("ix_sessions_status", table_name="sessions")


def downgrade() -> None:
    op.create_index("ix_sessions_status", "sessions", ["status"])
    op.drop_index("ix_attendance_guests", table_name="attendance")
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER {name}")
    op.execute(f"DROP TABLE {TABLE}")
