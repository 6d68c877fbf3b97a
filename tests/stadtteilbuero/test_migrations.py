import io

import pytest
from django.core.management import call_command
from django.test import override_settings


@pytest.mark.django_db
def test_the_migrations_match_the_models():
    """The SQLite test database is built from the models (tests/conftest.py), so a model
    change without its migration shows here (makemigrations --check in CI does too)."""
    with override_settings(MIGRATION_MODULES={}):
        call_command("makemigrations", "--check", "--dry-run", stdout=io.StringIO())
