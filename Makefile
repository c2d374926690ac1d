# archivist — the two commands of the quick start are `make demo` and `make test`.
PY      ?= python3.11
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
DEMO_DB := demo.db
APT_PKGS := tesseract-ocr tesseract-ocr-eng postgresql

.PHONY: demo test lint bench eval fuzz-repair system-deps clean

# Debian packages: Tesseract (page images) and PostgreSQL (the server store's tests).
system-deps:
	@missing=""; \
	command -v tesseract >/dev/null 2>&1 || missing="$$missing tesseract-ocr tesseract-ocr-eng"; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing Debian packages:$$missing"; \
	    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing; \
	  elif command -v sudo >/dev/null 2>&1; then \
	    sudo apt-get update -q && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing; \
	  else echo "warning: please install:$$missing (tests that need them are skipped)"; fi; \
	fi

$(STAMP): pyproject.toml
	@command -v $(PY) >/dev/null 2>&1 || { echo "needs $(PY)"; exit 2; }
	test -d $(VENV) || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

demo: system-deps $(STAMP)
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/archivist ingest samples --db $(DEMO_DB)
	$(BIN)/archivist search Shigemitsu --db $(DEMO_DB) --limit 3
	$(BIN)/archivist entities --db $(DEMO_DB) --type PERSON
	$(BIN)/archivist timeline --db $(DEMO_DB)

test: system-deps $(STAMP)
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/pytest

eval: $(STAMP)
	$(BIN)/archivist eval ../shared/gold ../shared/seeds

# Long hypothesis runs of repair/ and model.py (not part of `make test`): every @given test
# of these files with SCALE times its examples, drawn from SEED; ~20 min at SCALE=30 on
# one core.  make fuzz-repair SCALE=50 SEED=7
SCALE ?= 30
SEED  ?= 1
FUZZ_REPAIR_TESTS := tests/repair tests/test_model.py tests/test_review_reversible.py \
	tests/test_pathological.py src/archivist/repair src/archivist/model.py
fuzz-repair: $(STAMP)
	ARCHIVIST_FUZZ_SCALE=$(SCALE) $(BIN)/pytest -p no:cacheprovider -q -rf \
	  --hypothesis-seed=$(SEED) $(FUZZ_REPAIR_TESTS)

bench: $(STAMP)
	$(BIN)/python benchmarks/run_all.py

clean:
	rm -rf $(VENV) $(DEMO_DB)* .pytest_cache .ruff_cache
