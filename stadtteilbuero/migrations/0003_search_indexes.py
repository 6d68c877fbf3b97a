"""Trigram indexes of the search on PostgreSQL (SQLite searches without them)."""

from django.db import migrations

# PostgreSQL only (SQLite searches without them): trigram indexes for LIKE '%stem%' on
# the text and word similarity on the title (stadtteilbuero/search/query.py).
POSTGRES_INDEXES = [
    ("searchentry_trigram", "USING gin (document gin_trgm_ops)"),
    ("searchentry_title_trigram", "USING gin (title gin_trgm_ops)"),
]


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, definition in POSTGRES_INDEXES:
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {name} ON stadtteilbuero_searchentry {definition}"
            )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, _definition in POSTGRES_INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("stadtteilbuero", "0002_legal_pages")]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
