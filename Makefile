# Stadtteilportal: `make run` to try it, `make test` to test it. `make help` lists all.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed
DEV_ENV := DEBUG=true

.DEFAULT_GOAL := help
.PHONY: help install run serve test test-e2e lint format messages migrations-check ci demo clean bench bench-scale scale-data

help: ## Show this help
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-18s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP) ## Create .venv and install the project with its dev tools

locale/de/LC_MESSAGES/django.mo: locale/de/LC_MESSAGES/django.po
	$(DEV_ENV) $(BIN)/python manage.py compilemessages --ignore=.venv --verbosity=0

messages: $(STAMP) ## Update locale/de/LC_MESSAGES/django.po from the source
	$(DEV_ENV) $(BIN)/python manage.py makemessages --locale=de --ignore=.venv --ignore=var --no-obsolete --add-location=file

run: $(STAMP) locale/de/LC_MESSAGES/django.mo ## Migrate, load the demo data and serve on http://127.0.0.1:$(PORT)/
	mkdir -p var
	$(DEV_ENV) $(BIN)/python manage.py migrate --no-input
	$(DEV_ENV) $(BIN)/python manage.py load_demo
	$(DEV_ENV) $(BIN)/python manage.py ensure_admin
	$(DEV_ENV) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

serve: $(STAMP) locale/de/LC_MESSAGES/django.mo ## Production-style: collectstatic, migrate, gunicorn (needs SECRET_KEY)
	mkdir -p var
	$(BIN)/python manage.py collectstatic --no-input --verbosity=0
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/gunicorn stadtteilbuero.wsgi:application --config gunicorn.conf.py

demo: $(STAMP) ## Load the demo data into the configured database
	$(DEV_ENV) $(BIN)/python manage.py load_demo

# Tests keep Python's bytecode and pytest's rewritten test modules between runs even where
# the environment says PYTHONDONTWRITEBYTECODE (4 of the suite's seconds of CPU go to compiling).
test: export PYTHONDONTWRITEBYTECODE =
test: $(STAMP) locale/de/LC_MESSAGES/django.mo ## Run the whole test suite (browser tests too when chromium is installed)
	@if [ -x /usr/bin/chromium ]; then \
		$(BIN)/pytest; \
	else \
		echo "NOTE: /usr/bin/chromium not found: browser tests (tests/e2e) are SKIPPED. Install with: apt-get install chromium"; \
		$(BIN)/pytest -m "not e2e"; \
	fi

test-e2e: $(STAMP) locale/de/LC_MESSAGES/django.mo ## Run only the browser tests
	$(BIN)/pytest -m e2e

lint: $(STAMP) ## ruff, ruff format --check, django-upgrade, djhtml
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	git ls-files -z '*.py' | xargs -0 $(BIN)/django-upgrade --target-version 5.2
	git ls-files -z 'templates/*.html' | xargs -0 $(BIN)/djhtml --check

format: $(STAMP) ## Format the code (ruff format, djhtml)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	git ls-files -z 'templates/*.html' | xargs -0 $(BIN)/djhtml

bench: $(STAMP) locale/de/LC_MESSAGES/django.mo ## Benchmark the pages (median/p95 ms, queries, KB) on the demo data
	mkdir -p var
	$(DEV_ENV) $(BIN)/python manage.py migrate --no-input --verbosity=0
	$(DEV_ENV) $(BIN)/python manage.py load_demo > /dev/null
	$(DEV_ENV) $(BIN)/python benchmarks/pages.py

scale-data: $(STAMP) ## Fill the configured (empty) database with city-scale data (DATABASE_URL=...)
	$(DEV_ENV) $(BIN)/python manage.py migrate --no-input --verbosity=0
	$(DEV_ENV) $(BIN)/python manage.py load_demo > /dev/null
	$(DEV_ENV) $(BIN)/python manage.py generate_scale_data --offices 40 --projects 5000 --events 50000 --applications 50000 --seed 1

bench-scale: $(STAMP) locale/de/LC_MESSAGES/django.mo ## The benchmark on a database filled by `make scale-data` (DATABASE_URL=...)
	$(DEV_ENV) $(BIN)/python manage.py migrate --no-input --verbosity=0
	$(DEV_ENV) $(BIN)/python benchmarks/pages.py

migrations-check: $(STAMP) ## Fail when a model change has no migration
	$(DEV_ENV) $(BIN)/python manage.py makemigrations --check --dry-run

ci: ## What CI runs (.ci/run)
	bash .ci/run

clean: ## Remove the virtualenv and the local database
	rm -rf $(VENV) var
