# Two commands for a newcomer: `make lab` opens the course, `make test` runs every test
# (`make check` is the fast loop while you work: lint, types, unit and property tests).
# Both build .venv (Python 3.11) on first use from hashed locks: pip itself from
# requirements/pip.txt, then every package from requirements/lock.txt with --require-hashes
# (a changed artifact is refused), then akskit itself with --no-deps. `make lock` regenerates
# the locks (tools/lock.py).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# every package from a lock: hashes required, wheels only (no sdist build pulls unhashed build deps)
LOCKED := --quiet --require-hashes --only-binary :all:

.PHONY: lab app lite site hub classroom-load binder-check check test bench lint lock clean FORCE

$(STAMP): pyproject.toml requirements/pip.txt requirements/lock.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install $(LOCKED) -r requirements/pip.txt
	$(BIN)/python -m pip install $(LOCKED) -r requirements/lock.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

# JupyterLab refuses to run as root without --allow-root (containers and CI machines run as root).
AS_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root)

lab: $(STAMP)
	$(BIN)/jupyter lab --ip=127.0.0.1 $(AS_ROOT) notebooks/

# App mode: the calculator alone, as a web page (Voila), on this machine only. One kernel is
# pre-heated (started and the notebook run before anyone asks), so a page is served at once;
# Voila starts the next one as soon as a page takes it.
app: $(STAMP)
	$(BIN)/voila app/calculator.ipynb --no-browser --Voila.ip=127.0.0.1 --port=8866 --preheat_kernel=True --pool_size=1

# A room on this machine: JupyterHub (from the main lock: the learners' servers are this venv's
# JupyterLab with akskit) behind configurable-http-proxy (npm ci from hub/package-lock.json, integrity
# hashes, into _output/hub/proxy), shared workshop password, idle culling, 127.0.0.1 only (NOT for the
# internet). Prints the URL, passwords and direct link to 03_kubenet; Ctrl-C stops everything it
# started. State (database, cookie secret, logs, learners' copies of notebooks/) in _output/hub.
# HUB_PORT=8000 by default; AKSKIT_HUB_PASSWORD sets the shared password (else one is generated).
HUB_PROXY := _output/hub/proxy/node_modules/.bin/configurable-http-proxy
$(HUB_PROXY): hub/package.json hub/package-lock.json
	@command -v npm >/dev/null || { echo "make hub needs node and npm (Debian: apt-get install npm)" >&2; exit 2; }
	mkdir -p _output/hub/proxy
	cp hub/package.json hub/package-lock.json _output/hub/proxy/
	cd _output/hub/proxy && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

hub: $(STAMP) $(HUB_PROXY)
	$(BIN)/python hub/launch.py

# The load test: its own hub on free loopback ports, LEARNERS simulated learners at once (1-200) run
# 03_kubenet top to bottom over the kernel protocol and move its explorer; figures printed and
# written to _output/classroom (learners.csv, summary.json, classroom.html). Stops every process it started.
LEARNERS ?= 20
classroom-load: $(STAMP) $(HUB_PROXY)
	$(BIN)/python hub/classroom_load.py --learners $(LEARNERS)

# The browser-only course (JupyterLite + Pyodide, no network at run time) in _output/lite, with
# the planner as an offline app page in _output/lite/app/ (needs npm and node: Pyodide's core comes
# from the npm registry and node runs it to byte-compile the wheels the site ships),
# built in its own venv: jupyterlite-pyodide-kernel must stay out of the JupyterLab venv.
LITE_VENV := .venv-lite
LITE_STAMP := $(LITE_VENV)/.installed

$(LITE_STAMP): requirements/pip.txt lite/requirements.txt
	$(PYTHON) -m venv $(LITE_VENV)
	$(LITE_VENV)/bin/python -m pip install $(LOCKED) -r requirements/pip.txt
	$(LITE_VENV)/bin/python -m pip install $(LOCKED) -r lite/requirements.txt
	touch $(LITE_STAMP)

# Rebuilt only when something that goes into it changed (akskit's code, data and wheel
# metadata, the notebooks, the app notebook, the build and its locks), or when _output/lite is gone.
LITE_SITE := _output/.lite-built
LITE_INPUTS = pyproject.toml README.md app/calculator.ipynb $(wildcard notebooks/*.ipynb notebooks/*.md) $(shell find akskit lite requirements \
  -type f -not -path '*/__pycache__/*' -not -path '*/.*' 2>/dev/null)
$(LITE_SITE): $(LITE_STAMP) $(LITE_INPUTS) $(if $(wildcard _output/lite/index.html),,FORCE)
	$(LITE_VENV)/bin/python lite/build.py
	touch $@

lite: $(LITE_SITE)

FORCE:

# The course rendered to static HTML (executed; figures drawn; no kernel) in _output/site.
site: $(STAMP)
	$(BIN)/python tools/static_site.py

# Binder: build a fresh venv from exactly binder/ (what repo2docker installs) and run every
# notebook in it from a fresh kernel.
BINDER_VENV := .venv-binder
# (rebuilt when akskit's code or data changes too: postBuild installs a copy of it, not an editable link)
$(BINDER_VENV)/.installed: requirements/pip.txt binder/requirements.txt binder/postBuild pyproject.toml \
  $(shell find akskit -type f -not -path '*/__pycache__/*')
	rm -rf $(BINDER_VENV)
	$(PYTHON) -m venv $(BINDER_VENV)
	$(BINDER_VENV)/bin/python -m pip install $(LOCKED) -r requirements/pip.txt
	$(BINDER_VENV)/bin/python -m pip install $(LOCKED) -r binder/requirements.txt
	PATH=$(CURDIR)/$(BINDER_VENV)/bin:$$PATH bash binder/postBuild
	touch $@

binder-check: $(BINDER_VENV)/.installed
	$(BINDER_VENV)/bin/python -m pip check
	$(BINDER_VENV)/bin/python -I -c "import akskit; assert '$(BINDER_VENV)' in akskit.__file__, akskit.__file__"
	cd notebooks && export PATH=$(CURDIR)/$(BINDER_VENV)/bin:$$PATH && \
	  for nb in *.ipynb; do jupyter execute --timeout=300 "$$nb" || exit 1; done

LINT = $(BIN)/ruff check . && $(BIN)/ruff format --check . && $(BIN)/mypy

lint: $(STAMP)
	$(LINT)

# The fast loop (under a minute): lint and types, then the unit and property tests and the
# doctests of akskit and the README; no browser tests, no notebooks. Prints its wall time.
check: $(STAMP)
	@start=$$(date +%s%N); \
	$(LINT) && $(BIN)/pytest -q --ignore=tests/browser -m "not kernel" tests akskit README.md; \
	rc=$$?; ds=$$(( ($$(date +%s%N) - start) / 100000000 )); \
	echo "make check: $$((ds / 10)).$$((ds % 10)) s (exit $$rc)"; exit $$rc

# Everything: lint and types, the offline site (rebuilt only when its inputs changed), then
# every test (unit, property, notebooks under nbval, and real-browser tests of JupyterLab,
# the offline site, app mode and the static site; a 3-learner classroom load test on a local hub).
test: lint $(LITE_SITE) $(HUB_PROXY)
	$(BIN)/pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py
	$(BIN)/python benchmarks/bench_course.py

# Regenerate every hashed lock (tools/lock.py): keeps today's versions; UPGRADE=1 moves them.
# uv runs from .venv-lock, itself installed from a hashed lock.
LOCK_VENV := .venv-lock
$(LOCK_VENV)/.installed: requirements/pip.txt requirements/uv.txt
	rm -rf $(LOCK_VENV)
	$(PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/python -m pip install $(LOCKED) -r requirements/pip.txt
	$(LOCK_VENV)/bin/python -m pip install $(LOCKED) -r requirements/uv.txt
	touch $@

lock: $(LOCK_VENV)/.installed
	$(LOCK_VENV)/bin/python tools/lock.py --uv $(LOCK_VENV)/bin/uv $(if $(UPGRADE),--upgrade)
	$(MAKE) $(LITE_STAMP)
	$(LITE_VENV)/bin/python tools/lock.py --uv $(LOCK_VENV)/bin/uv --pyodide $(if $(UPGRADE),--upgrade)

clean:
	rm -rf $(VENV) $(LITE_VENV) $(BINDER_VENV) $(LOCK_VENV) _output build dist *.egg-info
