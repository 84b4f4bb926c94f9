# Two commands on a fresh machine: `make serve` runs the kit, `make test` passes the tests.
# Each creates .venv from pyproject.toml when it is missing or older than pyproject.toml.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.mskit-installed
# System packages the tests use: Debian's chromium (browser tests) and postgresql (store
# tests against a real server). Installed only when absent and when we may (root or sudo).
SYSTEM_PACKAGES := chromium postgresql

.PHONY: serve test rehearse lint schemas clean system-deps

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

serve: $(STAMP)
	$(BIN)/mskit serve $(ARGS)

rehearse: $(STAMP)
	$(BIN)/mskit rehearse $(ARGS)

# On CI a PostgreSQL that fails to start fails the run instead of skipping its tests.
test: $(STAMP) system-deps
	$(if $(CI),MSKIT_REQUIRE_POSTGRES=1) $(BIN)/python -m pytest $(ARGS)

system-deps:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	{ command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; } || missing="$$missing postgresql"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else SUDO="none"; fi; \
	  if [ "$$SUDO" = none ]; then \
	    echo "note: not installing$$missing (needs root); tests that need them will skip"; \
	  else \
	    echo "installing Debian packages:$$missing"; \
	    $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	  fi; \
	fi

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

schemas: $(STAMP)
	$(BIN)/mskit schema --out schemas

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
