# Conference Notes: `make run` serves the site with demo content, `make test` runs the suite.
PYTHON ?= python3
PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python
LOCAL := .local
DEMO_STAMP := $(LOCAL)/demo-loaded
DB := db.sqlite3
MIGRATIONS := $(wildcard */migrations/0*.py conference/notes/migrations/0*.py)
DEMO_INPUTS := $(wildcard conference/demo/*.md conference/demo/*.py conference/notes/*.py) conference/management/commands/load_demo.py

# Python's bytecode cache, and pytest's rewritten test modules kept beside it, spare each later
# process (test workers, the servers and commands the tests start, the next run) compiling the
# project again: about 2.5 s of CPU per test process. Some shells and CI images set
# PYTHONDONTWRITEBYTECODE; the commands here run without it.
unexport PYTHONDONTWRITEBYTECODE

.PHONY: run test lint format install clean-db help

help:
	@echo "make run    - set up and serve the site with demo content at http://127.0.0.1:$(PORT)/"
	@echo "make test   - set up and run the whole test suite"
	@echo "make test-quick - the suite without the browser, production and slow tests (about 55 s on 2 cores)"
	@echo "make lint   - ruff check and format check, and check for missing migrations"
	@echo "make test-postgres - the whole suite on PostgreSQL (PG_TEST_URL)"
	@echo "make serve-prod    - serve with the production settings: gunicorn, PostgreSQL, S3 (bin/serve-prod)"
	@echo "make test-browser - only the browser accessibility tests (needs Chromium: see README)"

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (set PYTHON=python3.11)")'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

# IBM's Equal Access engine for the browser tests (tests/browser/ace.py), pinned exactly in
# tests/browser/package-lock.json and installed with the machine's npm. Without npm: a failure
# where the browser tests are required (CI=true, REQUIRE_BROWSER=1), a warning elsewhere.
ACE_ENGINE := tests/browser/node_modules/accessibility-checker-engine/ace.js
$(ACE_ENGINE): tests/browser/package.json tests/browser/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --prefix tests/browser --no-audit --no-fund && touch $@; \
	elif [ "$${CI:-}" = "true" ] || [ "$${REQUIRE_BROWSER:-}" = "1" ]; then \
		echo "npm not found: it installs IBM's Equal Access checker for the browser tests. Install Node.js and npm (Debian: sudo apt-get install -y nodejs npm)." >&2; exit 1; \
	else \
		echo "warning: npm not found, so the browser tests will skip IBM's Equal Access checks. Install Node.js and npm, then run make install." >&2; \
	fi

install: $(VENV)/.installed $(ACE_ENGINE)
test test-browser test-postgres: $(ACE_ENGINE)

# Migrate and load the demo only when the code, the data or the database changed.
$(DEMO_STAMP): $(VENV)/.installed $(MIGRATIONS) $(DEMO_INPUTS) $(if $(wildcard $(DB)),,FORCE)
	@mkdir -p $(LOCAL)
	$(PY) manage.py migrate --no-input
	$(PY) manage.py load_demo
	touch $@

.PHONY: FORCE
FORCE:

run: $(DEMO_STAMP)
	@$(PY) manage.py ensure_local_admin --port $(PORT)
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

# One test process per core (at most 4; TEST_WORKERS=0 for one process), each with its own test
# database (pytest-xdist; how the tests are grouped so that this is safe: the root conftest.py).
TEST_WORKERS ?= $(shell n=$$(nproc 2>/dev/null || echo 2); [ "$$n" -gt 4 ] && n=4; echo $$n)
XDIST = -n $(TEST_WORKERS) --dist loadgroup --no-loadscope-reorder

test: $(VENV)/.installed
	$(PY) -m pytest $(XDIST) $(PYTEST_ARGS)

# The tests a developer runs while working: not those marked browser, production or slow (pytest.ini).
.PHONY: test-quick
test-quick: $(VENV)/.installed
	$(PY) -m pytest $(XDIST) -m "not browser and not production and not slow" $(PYTEST_ARGS)

# Fails, rather than skips, when Chromium is missing.
.PHONY: test-browser
test-browser: $(VENV)/.installed
	REQUIRE_BROWSER=1 $(PY) -m pytest $(XDIST) tests/browser $(PYTEST_ARGS)

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run

format: $(VENV)/.installed
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean-db:
	rm -f $(DB) $(DEMO_STAMP)
	rm -rf $(LOCAL)/test-databases

# The whole suite on PostgreSQL: pytest-django creates and migrates test_<name> on that server.
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/conference_notes
.PHONY: test-postgres serve-prod
test-postgres: $(VENV)/.installed
	DATABASE_URL=$(PG_TEST_URL) $(PY) -m pytest $(XDIST) $(PYTEST_ARGS)

# The production settings on this machine (make serve-prod PROD_PORT=8123): gunicorn, WhiteNoise, PostgreSQL, S3 (see bin/serve-prod).
PROD_PORT ?= 8001
serve-prod: $(VENV)/.installed
	PORT=$(PROD_PORT) bin/serve-prod
