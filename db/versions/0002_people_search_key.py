"""people search key: a folded copy of name, phone and e-mail, so "ozturk" finds "Öztürk"

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 05:06:43.505366
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from verbindtafel_desktop.domain.text import search_key

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.add_column(sa.Column("search_text", sa.String(), nullable=False, server_default=""))

    connection = op.get_bind()
    people = connection.execute(
        sa.text("SELECT id, first_name, infix, last_name, phone, email FROM people")
    ).fetchall()
    if people:
        connection.execute(
            sa.text("UPDATE people SET search_text = :key WHERE id = :id"),
            [{"id": row.id, "key": search_key(*row[1:])} for row in people],
        )


def downgrade() -> None:
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.drop_column("search_text")
