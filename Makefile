# Two commands matter: `make run` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000
FIXTURES := organisations contacts projects events legal

.PHONY: run dev content test test-fast install lock lint format messages fixtures logo screenshots clean browser-deps bench bench-nginx bench-scale bench-scale-postgres lighthouse

# Everything from the lock file, each file checked against its hash (pip,
# setuptools and every transitive dependency included). The stamp file
# re-runs the install whenever the lock file changes.
$(VENV)/.installed: requirements-dev.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements-dev.lock
	touch $@

install: $(VENV)/.installed

# After changing a dependency in pyproject.toml: both lock files anew, with
# the hashes of every platform's files (Linux and macOS alike), with the uv
# pinned in pyproject.toml. Commit pyproject.toml and both lock files together.
# Existing pins stay; `make lock UPGRADE=django` moves one package to its
# newest version allowed by pyproject.toml.
LOCK := $(BIN)/uv pip compile --quiet --universal --generate-hashes --python-version 3.11 \
	--custom-compile-command "make lock" $(if $(UPGRADE),--upgrade-package $(UPGRADE))
lock: install
	$(LOCK) pyproject.toml requirements-venv.in -o requirements.lock
	$(LOCK) pyproject.toml requirements-venv.in --extra test --extra dev -o requirements-dev.lock

# The database up to date and the content loaded. loaddata matches rows by
# natural key, so running it again updates them and never duplicates them.
# createinitialrevisions gives each item without a version its first one, so
# that its history in the admin starts with the content as loaded; it adds
# nothing when run again.
content: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py loaddata $(FIXTURES)
	$(BIN)/python manage.py createinitialrevisions --comment "Erste Fassung" --verbosity 0

run: content
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	@echo
	@echo "  Site:  http://$(HOST):$(PORT)/   (English: http://$(HOST):$(PORT)/en/)"
	@echo "  Admin: http://$(HOST):$(PORT)/admin/ - create an account first with"
	@echo "         $(BIN)/python manage.py createsuperuser"
	@echo
	HOST=$(HOST) PORT=$(PORT) bin/rdz-gunicorn

# The edit loop: Django's development server reloads on code changes and
# shows tracebacks. The page cache is off so that a changed template shows
# on the next request. Only for a developer's own machine.
dev: content
	DJANGO_DEBUG=true DJANGO_PAGE_CACHE=false $(BIN)/python manage.py runserver $(HOST):$(PORT)

# One pytest-xdist worker per core; the browser tests stay together on one.
test: install
	$(BIN)/python -m pytest -n auto --dist loadgroup

# The quick loop while coding: everything but the real-browser tests.
test-fast: install
	$(BIN)/python -m pytest -n auto -m "not browser"

# Chromium and Java (apt) and the pinned Nu HTML Checker (npm) for the
# browser tests in tests/browser; without them `make test` skips those.
browser-deps:
	bash .ci/install-browser-deps

# The hooks of .pre-commit-config.yaml (ruff, djhtml) on every file, as CI
# runs them; `$(BIN)/pre-commit install` runs them on each commit.
lint: install
	$(BIN)/pre-commit run --all-files --show-diff-on-failure

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Needs GNU gettext (xgettext) for makemessages; the compiled .mo files are
# committed so that nobody else needs it.
messages: install
	$(BIN)/python manage.py makemessages --locale de --locale en --no-obsolete --no-location --ignore '.venv/*'
	$(BIN)/python manage.py compilemessages --ignore '.venv/*'

# Re-export the content fixtures after editing content in the admin.
DUMP := $(BIN)/python manage.py dumpdata --natural-foreign --natural-primary --indent 2
fixtures: install
	$(DUMP) contacts.organisation -o fixtures/organisations.json
	$(DUMP) contacts.contact -o fixtures/contacts.json
	$(DUMP) projects.project projects.goal projects.result projects.milestone projects.funding -o fixtures/projects.json
	$(DUMP) projects.event -o fixtures/events.json
	$(DUMP) legal.legalpage legal.limitation -o fixtures/legal.json

# The images drawn by scripts: the funding logo's stand-in and the share card.
logo: install
	$(BIN)/python scripts/make_funding_logo.py

# The pictures of docs/redaktion.md, from a throwaway site with the content.
screenshots: install
	$(BIN)/python scripts/make_screenshots.py
	$(BIN)/python scripts/make_share_image.py

# Lighthouse (mobile) on every page type, German and English, with a minimal
# page as the baseline (bench/lighthouse.py); needs Node.js and npm. The
# pinned Lighthouse goes into .cache/lighthouse and uses the system Chromium.
LIGHTHOUSE_VERSION := 12.8.2
lighthouse: install
	@node -p "require('./.cache/lighthouse/node_modules/lighthouse/package.json').version" 2>/dev/null \
		| grep -qx "$(LIGHTHOUSE_VERSION)" \
		|| npm install --prefix .cache/lighthouse --no-save --no-audit --no-fund --loglevel=error \
			"lighthouse@$(LIGHTHOUSE_VERSION)"
	$(BIN)/python bench/lighthouse.py

# Page types against a static file, through nginx with deploy/nginx's cache
# files and under gunicorn alone (wrk); figures in bench/README.md. Needs wrk
# and nginx. `bench-nginx` runs the nginx phase alone (about two minutes).
bench: install
	$(BIN)/python bench/run.py

bench-nginx: install
	$(BIN)/python bench/run.py --nginx-only

# CPU per page with the fixtures and with the scale data (test client, no server);
# `bench-scale-postgres` the same on a throwaway PostgreSQL cluster.
bench-scale: install
	$(BIN)/python bench/run.py --scale

bench-scale-postgres: install
	.ci/with-postgres $(BIN)/python bench/run.py --scale --postgres

clean:
	rm -rf $(VENV) staticfiles
