# Two commands do everything on a fresh machine, set-up included:
#   make html   build the site into _build/html
#   make test   run the tests, the page doctests, the -W site build and the browser test
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# The CPU build of torch: a bare "torch" requirement pulls a multi-GB CUDA build.
# On a GPU machine, choose yours: make html TORCH_SPEC="torch==2.13.0 --index-url ..."
TORCH_SPEC ?= torch==2.13.0
INSTALLED := $(VENV)/.installed
# -j auto: the executed pages run side by side, one per core (a cold build on 2 cores: 4 min -> 2.5 min).
SPHINXOPTS ?= -W --keep-going -j auto
# The browser test drives Debian's Chromium (installed by apt, as root or through sudo);
# Playwright's own browser downloads (`playwright install`) are never used.
CHROMIUM ?= /usr/bin/chromium
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

# Nothing here downloads a model: the site and the tests build tiny local checkpoints.
export HF_HUB_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false
# Tiny models gain nothing from several threads, and two processes each spinning two OpenMP
# threads on two cores (torchrun tests, a notebook beside a build) run 20 times slower.
export OMP_NUM_THREADS ?= 1

.PHONY: install html test doctest pytest browser-test bench bench-tiny bench-skewed mutation experiment serve clean

install: $(INSTALLED)

# --no-compile: pip would byte-compile all 18,000 files of torch, transformers and the rest (about
# 45 s of CPU here); Python compiles the few thousand that are imported, on first import.
$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --no-compile $(TORCH_SPEC)
	$(BIN)/python -m pip install --quiet --no-compile -e ".[docs,test]"
	touch $@

html: $(INSTALLED)
	$(BIN)/sphinx-build $(SPHINXOPTS) -b html -c . docs _build/html
	@echo "Site: _build/html/index.html"

doctest: $(INSTALLED)
	$(BIN)/sphinx-build $(SPHINXOPTS) -b doctest -c . docs _build/doctest

# One pytest worker per core (pytest-xdist), each test file whole on one worker so that its
# module fixtures (tiny trainings) are built once; the files in the order tests/conftest.py gives
# (the end-to-end ones first), not xdist's (most tests first). Then the branch coverage of each
# product module (subprocess runs included).
PYTEST_WORKERS ?= auto
pytest: $(INSTALLED)
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist loadfile --no-loadscope-reorder --durations=8
	$(BIN)/python benchmarks/branch_coverage.py

# The built site in headless Chromium: every page without console errors, links and images,
# the French search, the copy buttons (tests/test_browser.py; deselected from `make pytest`).
browser-test: $(INSTALLED) $(CHROMIUM) html
	CHROMIUM=$(CHROMIUM) $(BIN)/python -m pytest -m browser --no-cov tests/test_browser.py

$(CHROMIUM):
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -qq
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium

# pytest first: it writes the coverage data that the html build's « Vérifié par » notes read.
# (pytest and the doctest build side by side were slower on 2 cores: 308 s instead of 164 + 115 s.)
# Chromium's apt install (about 25 s, mostly download) runs beside pytest, not after the site build.
test:
	$(MAKE) -j2 pytest $(CHROMIUM)
	$(MAKE) doctest html browser-test

# Benchmarks (about 7 minutes on 2 cores: they time a cold `make html` and `make test` too).
bench: $(INSTALLED)
	$(BIN)/python benchmarks/run.py

# Mutation testing of the product modules (mutmut 3; slow: not part of `make test`). Writes the
# score per module to benchmarks/mutation.json, shown on the Performances page. Configured in
# pyproject.toml's [tool.mutmut]; `python benchmarks/mutation.py 'compta_finetune.metrics.*'` tests one module.
# A whole run takes hours on 2 cores: interrupted, `make mutation` resumes with the mutants not yet tested.
mutation: $(INSTALLED)
	$(BIN)/python benchmarks/mutation.py

# The results page's full experiment (3 seeds, early stopping, learning curve, calibration), written to
# docs/_data/experiment.json, which the page reads. JOBS processes side by side, one torch thread each.
# Set JOBS to the number of cores: 11 minutes measured with JOBS=2 on 2 idle cores. SIZE=small: 600 fine-tuning steps at most.
JOBS ?= 2
# LINES="10 30 all": the learning curve's labelled lines per account (default: the size's).
SIZE ?= full
LINES ?=
experiment: $(INSTALLED)
	$(BIN)/python benchmarks/experiment.py --jobs $(JOBS) --size $(SIZE) $(if $(LINES),--lines-per-account $(LINES))

# `compta-finetune tiny` then `train` with no option: seconds and macro-F1 (about 2 minutes on 2 cores).
bench-tiny: $(INSTALLED)
	$(BIN)/python benchmarks/tiny_learns.py

# Tiny CamemBERT on the skewed corpus with and without class weights: benchmarks/skewed_results.json (about 5 minutes).
bench-skewed: $(INSTALLED)
	$(BIN)/python benchmarks/class_weights.py

serve: html
	$(BIN)/python -m http.server 8000 --bind 127.0.0.1 --directory _build/html

clean:
	rm -rf _build mutants
