import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

from stadtteilbuero.gc_tuning import tune_garbage_collector

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stadtteilbuero.settings")
application = get_wsgi_application()
# Import every view now (Django would on the first request), then freeze all of it.
get_resolver().url_patterns  # noqa: B018
tune_garbage_collector()
