"""passage.original: each sentence as the bulletin wrote it, for verbatim quotes

``passage.text`` stays NFKC-normalised (，→,), what tokens and figure matching read;
``original`` is what a reader is shown (issue 15). Rows stored before this revision
kept only the normalised text, so their original is unknown in general. This
migration fills it where the normalised text must equal the original: a text with no
character that NFKC produces from the forms Chinese bulletins actually type (full-width
ASCII and punctuation, the ideographic and no-break spaces,
…, ㎡-style squares, circled and parenthesised numbers, superscripts and fractions;
zero-width spaces, which normalisation also dropped, are lost either way and unseen).
Every other old row keeps NULL and is quoted in its normalised form as before, until
the same file or page is ingested again, which fills it (``service.ingestion``).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25 19:05:00.000000
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Blocks whose characters NFKC rewrites and that turn up in Chinese text.
_FOLDED_BLOCKS = (
    (0x00A0, 0x00BF),  # no-break space, ², ³, ¹, ¼ ½ ¾
    (0x2000, 0x206F),  # spaces, …, ‥, ′
    (0x2070, 0x209F),  # superscripts and subscripts
    (0x2150, 0x218F),  # ⅓, Ⅻ
    (0x2460, 0x24FF),  # ① ⑴ ⒈
    (0x3000, 0x3000),  # ideographic space
    (0x3200, 0x32FF),  # ㈠ ㊀
    (0x3371, 0x337A),  # ㍱ hPa … ㍺ IU
    (0x3380, 0x33FF),  # ㎡ ㎏ ㏄
    (0xFE50, 0xFE6F),  # small forms (﹐ ﹔)
    (0xFF00, 0xFF60),  # full-width ASCII and brackets
    (0xFFE0, 0xFFEF),  # ￥ ￡
)
# Left out, as no Chinese bulletin types them and each would make nearly every row
# unprovable: half-width ｡｢｣､ (they fold to 。「」、), vertical presentation forms (︽ → 《),
# Japanese katakana and era squares (㍾ → 明治) and CJK compatibility ideographs (they fold
# to common unified ideographs).
_BATCH = 5000


def _folded_images() -> frozenset[str]:
    """Characters that appear in normalised text only because NFKC wrote them."""
    images: set[str] = set()
    for low, high in _FOLDED_BLOCKS:
        for point in range(low, high + 1):
            char = chr(point)
            folded = unicodedata.normalize("NFKC", char)
            if folded != char:
                images.update(folded)
    return frozenset(images)


def _fill_provable_originals() -> None:
    images = _folded_images()
    passage = sa.table("passage", sa.column("id", sa.Integer), sa.column("text", sa.String),
                       sa.column("original", sa.String))
    connection = op.get_bind()
    last = 0
    while True:
        rows = connection.execute(
            sa.select(passage.c.id, passage.c.text)
            .where(passage.c.id > last).order_by(passage.c.id).limit(_BATCH)
        ).all()
        if not rows:
            return
        last = rows[-1][0]
        same = [{"key": row[0], "value": row[1]} for row in rows
                if not images.intersection(row[1])]
        if same:
            connection.execute(
                passage.update().where(passage.c.id == sa.bindparam("key"))
                .values(original=sa.bindparam("value")),
                same,
            )


def upgrade() -> None:
    with op.batch_alter_table('passage', schema=None) as batch_op:
        batch_op.add_column(sa.Column('original', sqlmodel.sql.sqltypes.AutoString(),
                                      nullable=True))
    _fill_provable_originals()


def downgrade() -> None:
    # A plain ALTER, not a batch: on SQLite a batch would rebuild the table (see 0002).
    op.execute("ALTER TABLE passage DROP COLUMN original")
