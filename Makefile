# quanze: `make demo` serves the demo county, `make test` runs the whole suite.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
PYTHON ?= $(shell for p in python3.13 python3.12 python3; do command -v $$p >/dev/null && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { echo $$p; break; }; done)
DEV_ENV := DEBUG=true
PORT ?= 8000
# The suite runs on every core (pytest-xdist), and on PostgreSQL on one worker more: there
# each worker waits while the server runs its queries, and the extra worker uses that time
# (21 min instead of 24 on this 2-core machine; on SQLite, whose work is in the worker, a
# third worker was 40 s slower: docs/performance.md). A file's tests stay on one worker so
# its module-scoped world is built once, and files are handed out longest first
# (conftest.py); `make test PYTEST_WORKERS=0` runs it in one process.
CORES := $(shell getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)
PYTEST_WORKERS ?= $(if $(filter postgres%,$(DATABASE_URL)),$(shell echo $$(( $(CORES) + 1 ))),$(CORES))

.PHONY: setup demo test lint bench clean

$(BIN)/.installed: pyproject.toml
	@test -n "$(PYTHON)" || { echo "需要 Python 3.12 或更高版本 (Python 3.12+ is required)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	@touch $@

setup: $(BIN)/.installed

demo: setup
	$(DEV_ENV) $(BIN)/quanze migrate --noinput -v0
	$(DEV_ENV) $(BIN)/quanze load_demo
	@echo "后台导入任务进程已启动;演示县: http://127.0.0.1:$(PORT)/"
	$(DEV_ENV) $(BIN)/quanze db_worker --queue-name '*' >var/worker.log 2>&1 & \
	  trap "kill $$! 2>/dev/null" EXIT; \
	  $(DEV_ENV) $(BIN)/quanze runserver 127.0.0.1:$(PORT)

test: setup
	$(BIN)/ruff check .
	$(BIN)/lint-imports --no-cache
	DEBUG=true $(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist loadfile --no-loadscope-reorder $(PYTEST_ARGS)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: setup
	$(BIN)/python -m bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var
