# Quizgen: `make run` serves the demo, `make test` runs the whole test suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1:8000
# `make serve`: web processes (gunicorn) and task workers (db_worker) on this machine.
WEB_WORKERS ?= 4
TASK_WORKERS ?= 1

.PHONY: run serve test lint install demo worker bench clean

$(BIN)/python:
	$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "Quizgen needs Python 3.11"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python requirements.txt requirements-dev.txt
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

demo: install
	mkdir -p var
	$(MANAGE) migrate --noinput
	$(MANAGE) createcachetable
	$(MANAGE) load_demo

# Serves the site and runs the background worker beside it; Ctrl-C stops both.
run: demo
	$(MANAGE) db_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) runserver $(HOST)

# The production set-up against DATABASE_URL (see README "Running in production"): checks,
# migrates, collects static files, then runs WEB_WORKERS web and TASK_WORKERS task processes;
# Ctrl-C or SIGTERM stops them all.
serve: install
	export DJANGO_SETTINGS_MODULE=config.settings.production WEB_WORKERS=$(WEB_WORKERS); \
	$(MANAGE) check --deploy && $(MANAGE) migrate --noinput && $(MANAGE) createcachetable \
	  && $(MANAGE) collectstatic --noinput -v 0 || exit 1; \
	workers=""; \
	for n in $$(seq 1 $(TASK_WORKERS)); do \
	  $(MANAGE) db_worker --worker-id "$$(hostname)-$$n" & workers="$$workers $$!"; \
	done; \
	trap 'kill $$workers 2>/dev/null' EXIT INT TERM; \
	$(BIN)/gunicorn config.wsgi -c config/gunicorn.py

worker: install
	$(MANAGE) db_worker

test: install
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: install
	$(BIN)/python bench/extract.py

clean:
	rm -rf $(VENV) var .pytest_cache
