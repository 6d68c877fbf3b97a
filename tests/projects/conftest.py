import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def german():
    """URLs are reversed and messages checked in German, whatever an earlier test left
    active (a request to /en/ leaves English active in the thread)."""
    with translation.override("de"):
        yield
