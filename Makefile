# The commands of the README, and the steps they are made of.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: run test bundle lint checks translations bench clean

# A test run starts dozens of Python processes (xdist workers, the CLI, the
# self-test): let them share compiled bytecode rather than each compile the source.
unexport PYTHONDONTWRITEBYTECODE

run: $(VENV)/.installed                ## open the application on the bundled workshop
	bash build_scripts/system-packages.sh window
	$(PY) -m companion

# Builds the standalone bundle and runs the frozen smoke test first, then every other test.
# Each step prints the time it starts, so a slow CI run shows where the time went.
test: $(VENV)/.installed-test           ## install what the tests need, then run them all
	@echo "== $$(date +%T) lint, types and import contracts"
	$(MAKE) --no-print-directory checks
	@echo "== $$(date +%T) system packages"
	bash build_scripts/system-packages.sh
	@echo "== $$(date +%T) bundle and frozen smoke test"
	$(PY) build_scripts/bundle.py
	@echo "== $$(date +%T) test suite"
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -n 2 --durations=15
	@echo "== $$(date +%T) done"

bundle: $(VENV)/.installed-bundle       ## build dist/companion/, print its size, run the frozen smoke test
	bash build_scripts/system-packages.sh
	$(PY) build_scripts/bundle.py

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q -e .
	touch $@

$(VENV)/.installed-bundle: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q -e ".[bundle]"
	touch $@ $(VENV)/.installed

$(VENV)/.installed-test: pyproject.toml
	@echo "== $$(date +%T) installing the application with its test and bundle extras"
	$(PYTHON) -m venv $(VENV)
	@# --no-compile: the tests import a fraction of what is installed and compile it once;
	@# compiling every installed file (PyInstaller's hooks, Babel, Pygments) is work never used.
	$(PY) -m pip install -q --no-compile -e ".[test,bundle]"
	touch $@ $(VENV)/.installed $(VENV)/.installed-bundle

lint: $(VENV)/.installed-test
	$(PY) -m ruff check companion tests bench build_scripts

# ruff, mypy --strict over the package, and the import contracts of pyproject.toml
# (the core without Qt; the command line without the window; the surfaces through companion.app).
checks: $(VENV)/.installed-test
	$(PY) -m ruff check companion tests bench build_scripts
	$(PY) -m mypy companion
	$(VENV)/bin/lint-imports

translations: $(VENV)/.installed-test   ## extract UI strings and compile the catalogues
	$(PY) build_scripts/translations.py

# One table of every ratio of issue #23; BENCH_FLAGS=--bundle also freezes and times the bundle,
# --instructions counts instructions under valgrind. Scale figures: $(PY) bench/scale.py
bench: $(VENV)/.installed-test
	$(PY) bench/summary.py $(BENCH_FLAGS)

clean:
	rm -rf $(VENV) build dist .pytest_cache
