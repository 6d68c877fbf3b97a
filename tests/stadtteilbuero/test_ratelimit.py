"""The shared rate limit and single-use tokens: counted in the database where the cache is
per process (tests, `make run`), in Redis where it is shared; atomic under concurrency."""

import datetime
import socket
import threading
import uuid

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.utils import timezone

from stadtteilbuero.models import RateLimitCounter
from stadtteilbuero.ratelimit import hit, single_use
from tests.conftest import postgresql_only

REDIS_LOCATION = "redis://127.0.0.1:6379/15"


def redis_reachable():
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


redis_only = pytest.mark.skipif(not redis_reachable(), reason="no Redis on 127.0.0.1:6379")


def close_connections():
    """The database connection and the Redis pools of this thread's cache."""
    connection.close()
    for pool in getattr(getattr(cache, "_cache", None), "_pools", {}).values():
        pool.disconnect()


@pytest.fixture
def redis_cache(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_LOCATION,
            "KEY_PREFIX": f"test-{uuid.uuid4()}",  # each test counts from zero
        }
    }
    yield
    client = cache._cache.get_client(write=True)
    client.delete(*client.keys(f"{cache.key_prefix}*"))  # only this test's keys
    close_connections()


def hit_concurrently(key, *, threads=50, limit=5):
    """`threads` requests hit `key` at the same moment; returns how many got through."""
    start = threading.Barrier(threads)
    results = []

    def request():
        start.wait()
        try:
            results.append(hit(key, limit=limit, window=3600))
        finally:
            close_connections()

    workers = [threading.Thread(target=request) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert len(results) == threads
    return results.count(True)


@pytest.mark.django_db
def test_limit_then_refused_until_the_window_ends():
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        assert [hit("form:1.2.3.4", limit=5, window=3600) for _ in range(7)] == [True] * 5 + [
            False
        ] * 2
        assert hit("form:5.6.7.8", limit=5, window=3600)  # another address counts alone
        traveller.shift(datetime.timedelta(minutes=59))
        assert not hit("form:1.2.3.4", limit=5, window=3600)
        traveller.shift(datetime.timedelta(minutes=2))
        assert hit("form:1.2.3.4", limit=5, window=3600)


@pytest.mark.django_db
def test_database_counter_keeps_no_address_and_drops_expired_rows():
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        hit("form:1.2.3.4", limit=5, window=60)
        assert "1.2.3.4" not in RateLimitCounter.objects.get().key
        traveller.shift(datetime.timedelta(minutes=5))
        hit("form:5.6.7.8", limit=5, window=60)
    assert RateLimitCounter.objects.count() == 1


@pytest.mark.django_db
def test_single_use_token():
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        assert single_use("stamp-1", max_age=86400)
        assert not single_use("stamp-1", max_age=86400)
        assert single_use("stamp-2", max_age=86400)
        traveller.shift(datetime.timedelta(hours=23))
        assert not single_use("stamp-1", max_age=86400)


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_hits_in_the_database_let_exactly_the_limit_through():
    assert hit_concurrently("form:flood") == 5
    assert RateLimitCounter.objects.get().count == 50


@redis_only
def test_concurrent_hits_in_redis_let_exactly_the_limit_through(redis_cache):
    assert hit_concurrently("form:flood") == 5


@redis_only
def test_redis_counter_expires_with_its_window(redis_cache):
    assert hit("form:1.2.3.4", limit=5, window=60)
    client = cache._cache.get_client(write=True)
    keys = client.keys(f"{cache.key_prefix}*")
    assert len(keys) == 1
    assert 0 < client.ttl(keys[0]) <= 60
