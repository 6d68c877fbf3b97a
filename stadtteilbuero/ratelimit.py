"""A rate limit and single-use tokens shared by all app server processes.

With a shared cache (Redis or Memcached, `REDIS_URL`) the cache's atomic `add` and
`incr` count; otherwise (the local-memory cache of development and tests is per process)
a row per key in the database does, incremented by one UPDATE under the row lock. A
window starts at a key's first hit and lasts `window` seconds.
"""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .models import RateLimitCounter

SHARED_CACHE_BACKENDS = {
    "django.core.cache.backends.redis.RedisCache",
    "django.core.cache.backends.memcached.PyMemcacheCache",
    "django.core.cache.backends.memcached.PyLibMCCache",
    "django_redis.cache.RedisCache",
}


def hit(key: str, *, limit: int, window: int) -> bool:
    """Count one hit of `key`; False once more than `limit` hits fell in the window."""
    hashed = hashlib.sha256(key.encode()).hexdigest()
    if settings.CACHES["default"]["BACKEND"] in SHARED_CACHE_BACKENDS:
        count = _cache_count(f"ratelimit:{hashed}", window)
    else:
        count = _database_count(hashed, window)
    return count <= limit


def single_use(token: str, *, max_age: int) -> bool:
    """True the first time `token` is presented within `max_age` seconds, False after."""
    return hit(f"single-use:{token}", limit=1, window=max_age)


def _cache_count(key: str, window: int) -> int:
    for _ in range(3):
        cache.add(key, 0, timeout=window)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr: start the window again
            continue
        if count == 1:
            # Redis' INCR recreates a key that expired after the existence check without a
            # timeout; the first hit of a window (re)sets it, so no counter lives forever.
            cache.touch(key, timeout=window)
        return count
    raise RuntimeError(f"rate-limit key {key} could not be counted")


def _database_count(key: str, window: int) -> int:
    now = timezone.now()
    counters = RateLimitCounter.objects.filter(key=key)
    for _ in range(3):
        with transaction.atomic():
            # The UPDATE takes the row lock; a concurrent hit waits and then counts on top.
            if counters.filter(expires_at__gt=now).update(count=F("count") + 1):
                return counters.values_list("count", flat=True).get()
            expires_at = now + timedelta(seconds=window)
            if counters.filter(expires_at__lte=now).update(count=1, expires_at=expires_at):
                return 1
            try:
                with transaction.atomic():
                    RateLimitCounter.objects.create(key=key, count=1, expires_at=expires_at)
            except IntegrityError:  # another request created it first: count on top of it
                continue
            _prune(now)
            return 1
    raise RuntimeError(f"rate-limit key {key} could not be counted")


def _prune(now) -> None:
    """A new key is the moment to drop expired ones, so the table stays small. Rows that
    another request holds are skipped (no waiting, so no deadlock between two prunes)."""
    expired = RateLimitCounter.objects.filter(expires_at__lte=now).order_by("pk")
    ids = list(expired.select_for_update(skip_locked=True).values_list("pk", flat=True)[:500])
    if ids:
        RateLimitCounter.objects.filter(pk__in=ids).delete()
