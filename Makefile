# Two commands do all set-up on a fresh machine: `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

.PHONY: run test lint typecheck test-postgres system-deps bench assess
# The casework application on SQLite with demo data (DATABASE_URL for PostgreSQL), and
# beside it the job runner (scheduled reminders, long jobs), stopped with the server.
run: $(STAMP)
	@scripts/system-deps run
	$(BIN)/qaitu worker --wait & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/qaitu serve --demo --host $(HOST) --port $(PORT)

# One case under current law and the deputy's proposal, in the terminal.
assess: $(STAMP)
	$(BIN)/qaitu assess examples/172-state-army-voluntary-return.yaml --variant current --variant amantayuly-2026

system-deps:
	@scripts/system-deps test

lint: $(STAMP)
	$(BIN)/ruff check src tests bench

typecheck: $(STAMP)
	$(BIN)/mypy src/qaitu/law src/qaitu/assessment src/qaitu/comparative src/qaitu/simulation src/qaitu/bill src/qaitu/screening.py src/qaitu/cli.py src/qaitu/located.py

# Everything on SQLite, then the database-backed tests again on PostgreSQL.
# One worker per core (pytest-xdist); unbuffered, so a log shows how far a run got.
test: $(STAMP) system-deps lint typecheck
	PYTHONUNBUFFERED=1 $(BIN)/python -m pytest -n auto tests --doctest-modules src/qaitu/law src/qaitu/assessment/__init__.py src/qaitu/assessment/casefile.py src/qaitu/assessment/facts.py
	PYTHONUNBUFFERED=1 scripts/test-postgres -n auto

test-postgres: $(STAMP)
	scripts/test-postgres

bench: $(STAMP)
	$(BIN)/python bench/bench_law.py
	$(BIN)/python bench/bench_simulation.py
	$(BIN)/python bench/bench_web.py
