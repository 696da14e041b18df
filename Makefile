# Clientdesk: `make run` starts the app, `make test` runs every test.
# Both set everything up on a fresh machine first, and skip what is already done.
SHELL := /bin/bash
.DEFAULT_GOAL := run
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
MANAGE := $(PY) manage.py

# The newest Python 3.12+ on this machine: python3.13, python3.12, pyenv's, python3.
PYTHON ?= $(shell scripts/find-python)

.PHONY: run test coverage lint format messages check-messages api-fuzz setup setup-deps fonts system-packages clean help bench-data bench bench-peer

help:
	@echo "make run    set up and start Clientdesk on http://127.0.0.1:8000 (PORT overrides)"
	@echo "make test   set up and run the whole test suite (DATABASE_URL=postgres://... for PostgreSQL)"
	@echo "make coverage  the suite with coverage; fails unless every branch of every access.py is tested"
	@echo "make lint   ruff check, format check and mypy on access, services and queries"
	@echo "make messages  update the translation catalogues"
	@echo "make api-fuzz  schemathesis over the OpenAPI schema against a real server"
	@echo "make bench-data SCALE=large|small  the company at scale, in PostgreSQL (BENCH_DATABASE_URL)"
	@echo "make bench       measure every page at scale beside this machine's ceiling (bench/results/)"
	@echo "make bench-peer  the same measurement of django-helpdesk, beside ours"

$(STAMP): requirements.lock
	@test -n "$(PYTHON)" || { echo "Clientdesk needs Python 3.12 or newer; install it (e.g. with pyenv) and try again." >&2; exit 1; }
	@echo "Using $$($(PYTHON) --version) at $(PYTHON)"
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check "$$(grep -E '^uv==' requirements.lock | cut -d' ' -f1)"
	$(VENV)/bin/uv pip sync --quiet --python $(PY) --require-hashes requirements.lock
	touch $(STAMP)

# Collecting (and compressing) static files takes half a minute: only when they changed.
STATIC_MANIFEST := var/static/staticfiles.json
$(STATIC_MANIFEST): $(STAMP) $(shell find static -type f 2>/dev/null)
	$(MANAGE) collectstatic --no-input -v0
	touch $(STATIC_MANIFEST)

setup-deps: $(STAMP)

# Compiled catalogues, rebuilt only when their .po changed (compilemessages
# starts Django for every run, which made each start seconds slower).
MO_FILES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/django.po))
locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po
	msgfmt --check-format -o $@ $<

setup: $(STAMP) $(STATIC_MANIFEST) fonts $(MO_FILES)
	$(MANAGE) migrate --no-input -v0

run: setup
	@test -f var/.demo-seeded || { $(MANAGE) seed_demo && touch var/.demo-seeded; }
	$(MANAGE) serve

test: $(STAMP) system-packages $(MO_FILES)
	@echo "Database: $${DATABASE_URL:-SQLite (embedded)}"
	CLIENTDESK_ENV=test $(VENV)/bin/pytest $(PYTEST_ARGS)

# Coverage in two runs, because measuring branches needs Python's old tracer before
# 3.14, which made the whole suite about half slower; sys.monitoring measures lines
# for a few per cent. So: the whole suite by lines (the report is printed), then the
# access tests alone with branches, and every branch of every access.py must be hit.
ACCESS_TESTS = $(filter-out %/test_accessibility.py,$(wildcard */tests/test_access*.py))
COVERAGE_DIR := var/coverage

coverage: $(STAMP) system-packages $(MO_FILES)
	@mkdir -p $(COVERAGE_DIR)
	@echo "Database: $${DATABASE_URL:-SQLite (embedded)}"
	COVERAGE_CORE=sysmon COVERAGE_FILE=$(COVERAGE_DIR)/suite CLIENTDESK_ENV=test \
	  $(VENV)/bin/pytest --cov --cov-report=term:skip-covered $(PYTEST_ARGS)
	COVERAGE_FILE=$(COVERAGE_DIR)/access CLIENTDESK_ENV=test \
	  $(VENV)/bin/pytest -q -p no:xdist --cov --cov-branch --cov-report= $(ACCESS_TESTS)
	COVERAGE_FILE=$(COVERAGE_DIR)/access $(VENV)/bin/coverage report --include='*/access.py' --fail-under=100

# Debian packages, installed when running as root with apt; otherwise the
# command to run is printed. The app needs a CJK font for Chinese PDF reports;
# the tests also need Chromium (browser tests) and poppler (reading PDFs).
fonts:
	@scripts/system-packages fonts-wqy-microhei

system-packages:
	@scripts/system-packages chromium fonts-wqy-microhei poppler-utils

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

messages: $(STAMP)
	rm -f locale/en/LC_MESSAGES/django.po  # English is the source: rebuilt, never merged
	$(MANAGE) makemessages --ignore '.venv/*' --ignore 'var/*' -l en -l ru -l et -l zh_Hans --no-obsolete
	msgen --no-wrap locale/en/LC_MESSAGES/django.po | msgattrib --clear-fuzzy -o locale/en/LC_MESSAGES/django.po
	$(MANAGE) compilemessages --ignore '.venv/*' -v0

check-messages:
	@scripts/check-messages

api-fuzz: $(STAMP)
	scripts/api-fuzz

# Benchmarks (bench/README.md): never part of `make test`.
SCALE ?= large
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/clientdesk_bench

bench-data: $(STAMP) $(MO_FILES)
	DATABASE_URL=$(BENCH_DATABASE_URL) $(MANAGE) bench_data --scale $(SCALE)

bench: $(STAMP) $(STATIC_MANIFEST) $(MO_FILES)
	@scripts/system-packages wrk
	BENCH_DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) -m bench.run

bench-peer: $(STAMP)
	@scripts/system-packages wrk
	BENCH_DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) -m bench.peer.run

clean:
	rm -rf $(VENV) var
