# Two commands on a fresh machine: `make serve` runs the kit, `make test` passes the tests.
# Each creates .venv from pyproject.toml when it is missing or older than pyproject.toml.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.mskit-installed
# System packages the tests use: Debian's chromium (browser tests), postgresql (store
# tests against a real server) and nodejs/npm (to fetch scorm-again, the SCORM 1.2 runtime
# the e-learning tests run the package in). Installed only when absent and when we may
# (root or sudo).
SYSTEM_PACKAGES := chromium postgresql nodejs npm
SCORM_AGAIN := tests/node_modules/scorm-again/dist/scorm12.js

.PHONY: serve test rehearse lint schemas dist clean system-deps test-node-deps

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
test: $(STAMP) system-deps test-node-deps
	$(if $(CI),MSKIT_REQUIRE_POSTGRES=1) $(BIN)/python -m pytest $(ARGS)

system-deps:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	{ command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; } || missing="$$missing postgresql"; \
	command -v node >/dev/null 2>&1 || missing="$$missing nodejs"; \
	command -v npm >/dev/null 2>&1 || missing="$$missing npm"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else SUDO="none"; fi; \
	  if [ "$$SUDO" = none ]; then \
	    echo "note: not installing$$missing (needs root); tests that need them will skip"; \
	  else \
	    echo "installing Debian packages:$$missing"; \
	    $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	  fi; \
	fi

# scorm-again (npm) into tests/node_modules, for the e-learning package's SCORM tests;
# without npm (or without a network) those tests skip and say why.
test-node-deps:
	@if [ -f $(SCORM_AGAIN) ]; then :; \
	elif command -v npm >/dev/null 2>&1; then \
	  npm install --no-save --no-package-lock --no-audit --no-fund --prefix tests scorm-again@3 >/dev/null \
	    || echo "note: could not install scorm-again; the SCORM runtime tests will skip"; \
	else echo "note: npm is missing; the SCORM runtime tests will skip"; fi

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

schemas: $(STAMP)
	$(BIN)/mskit schema --out src/mskit/kit/schemas

# The sdist and the wheel (the default kit inside it) into dist/.
dist: $(STAMP)
	rm -rf dist && mkdir -p dist
	$(BIN)/python -c "from setuptools import build_meta as b; b.build_sdist('dist')"
	$(BIN)/python -m pip wheel --quiet --no-deps -w dist dist/mskit-*.tar.gz

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis tests/node_modules tests/artefacts dist build
