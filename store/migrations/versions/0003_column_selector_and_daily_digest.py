"""a column source's CSS selector for its article links; daily digest subscriptions

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 16:40:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('source', schema=None) as batch_op:
        batch_op.add_column(sa.Column('selector', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True))
    with op.batch_alter_table('subscription', schema=None) as batch_op:
        batch_op.add_column(sa.Column('digest_at', sqlmodel.sql.sqltypes.AutoString(length=5), nullable=True))
    with op.batch_alter_table('notification', schema=None) as batch_op:
        batch_op.add_column(sa.Column('digest', sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table('notification', schema=None) as batch_op:
        batch_op.drop_column('digest')
    with op.batch_alter_table('subscription', schema=None) as batch_op:
        batch_op.drop_column('digest_at')
    with op.batch_alter_table('source', schema=None) as batch_op:
        batch_op.drop_column('selector')
