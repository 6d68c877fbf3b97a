"""gunicorn defaults for a 2-core machine; every value can be overridden by environment."""

import os

bind = os.environ.get("GUNICORN_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
# (2 x cores) + 1 workers is gunicorn's rule of thumb; 2 cores give 5.
workers = int(os.environ.get("GUNICORN_WORKERS", "5"))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# The portal is loaded once, in the master, and each worker is a fork of it: a worker
# starts in milliseconds and shares the loaded code with the others (copy on write; see
# stadtteilbuero/wsgi.py). Loading nothing opens a database connection. New code needs a
# restart of the service, not a HUP.
preload_app = True
# Restart workers now and then so a slow leak cannot grow without bound. After 1,000
# requests each of the 2 workers restarted every 3 seconds on a busy day (700 requests a
# second from the page cache), loading Django anew each time: p99 over a second.
max_requests = 10000
max_requests_jitter = 1000
accesslog = "-"
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
