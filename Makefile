# The two commands: `make run` (set up and start the portal) and `make test` (set up and test).
# Everything else here is a step of those two, or a tool for developers.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export PUSTAKA_ENV ?= development
export WAGTAILADMIN_BASE_URL ?= http://127.0.0.1:$(PORT)

.PHONY: run test install migrate demo schema lint format bench lock messages clean client site e2e budgets codegen lighthouse

run: install migrate demo  ## Set up everything and start the web server and the worker.
	@$(BIN)/python scripts/serve.py --port $(PORT)

TEST_WORKERS ?= 2
test: install client  ## Set up and run the whole test suite (on TEST_WORKERS processes; 0: one).
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

# --- Frontend kit (frontend_contract/): typed client, reference site, browser tests, budgets ---
SITE_PORT ?= 3000
NPM_CI := cd frontend_contract && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --silent

client: frontend_contract/node_modules/.package-lock.json  ## npm ci for the typed client (needs Node).

frontend_contract/node_modules/.package-lock.json: frontend_contract/package-lock.json
	@if command -v npm >/dev/null; then $(NPM_CI); else echo "npm missing: the typed-client test will fail"; fi

codegen: client  ## Regenerate frontend_contract/client/generated/ (after `make schema`).
	cd frontend_contract && npm run --silent codegen

site: client  ## Start the reference website on SITE_PORT against `make run`'s server (PUSTAKA_API_URL).
	cd frontend_contract && npm run --silent build && \
		SITE_PORT=$(SITE_PORT) PUSTAKA_API_URL=$${PUSTAKA_API_URL:-http://127.0.0.1:$(PORT)} node dist/site/src/server.js

e2e: client migrate demo  ## Browser journeys in Debian's Chromium with axe-core; artifacts in var/e2e/.
	$(BIN)/python frontend_contract/e2e/run.py

budgets: client migrate demo  ## Slow-link budgets: API bytes, JavaScript, renditions (bench/frontend_budgets.py).
	$(BIN)/python bench/frontend_budgets.py

lighthouse:  ## Optional: Lighthouse (mobile, slow 4G) for a running `make site`; var/lighthouse/.
	SITE_URL=$${SITE_URL:-http://127.0.0.1:$(SITE_PORT)} frontend_contract/e2e/lighthouse.sh
