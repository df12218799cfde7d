# Two commands on a fresh machine (Python 3.11, make, git): `make run` and `make test`.
PYTHON ?= python3.11
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.9
export UV_PYTHON_DOWNLOADS := never
export UV_PYTHON := $(PYTHON)

.PHONY: run test lint typecheck contracts pytest install dev-install migrate clean bench

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

install: $(UV)  ## runtime environment from the lock file
	$(UV) sync --frozen --no-dev

dev-install: $(UV)  ## runtime + dev tools from the lock file
	$(UV) sync --frozen

migrate: install
	$(BIN)/inkport migrate

run: migrate  ## install, migrate the embedded SQLite database, serve on 127.0.0.1:8000
	$(BIN)/inkport serve

test: dev-install lint typecheck contracts pytest  ## everything CI checks

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck:
	$(BIN)/mypy

contracts:
	$(BIN)/lint-imports

pytest:
	$(BIN)/pytest $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) $(TOOLS) .mypy_cache .pytest_cache .ruff_cache .hypothesis

# BENCH_DURATION=3 BENCH_SCENARIOS=post,list BENCH_TARGETS=postgres,baseline for a quick run.
bench: dev-install  ## seed SQLite + PostgreSQL, load the real server with wrk, compare (~5 min)
	command -v wrk >/dev/null || (apt-get update && apt-get install -y wrk)
	$(BIN)/python -m bench.run
