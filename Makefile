# The two commands: `make run` (set up and start the portal) and `make test` (set up and test).
# Everything else here is a step of those two, or a tool for developers.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export PUSTAKA_ENV ?= development
export WAGTAILADMIN_BASE_URL ?= http://127.0.0.1:$(PORT)

.PHONY: run test install migrate demo schema lint format bench lock messages clean

run: install migrate demo  ## Set up everything and start the web server and the worker.
	@$(BIN)/python scripts/serve.py --port $(PORT)

TEST_WORKERS ?= 2
test: install  ## Set up and run the whole test suite (on TEST_WORKERS processes; 0: one).
	PUSTAKA_ENV=test $(BIN)/python -m pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

install: $(VENV)/.installed

$(VENV)/.installed: requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	@touch $@

migrate: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py createcachetable

demo: install
	$(BIN)/python manage.py load_demo

schema: install  ## Print graphql/schema.graphql and frontend_contract/manifest.json.
	PUSTAKA_ENV=test $(BIN)/python manage.py print_schema

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: install migrate demo  ## Benchmarks: ratios against anchors measured in the same run.
	PUSTAKA_ENV=development $(BIN)/python bench/run.py

lock:  ## Re-resolve requirements.lock from pyproject.toml.
	$(BIN)/pip-compile --quiet --extra dev --strip-extras --no-emit-find-links \
		--no-emit-index-url --output-file requirements.lock pyproject.toml

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache

messages: install  ## Refresh and compile the Bahasa Indonesia catalogue (needs gettext).
	$(BIN)/python scripts/translate.py
