# The two commands of README: `make run` and `make test`. Both set up whatever is missing first.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
WEB_PORT ?= 8000
# What WeasyPrint needs to draw Chinese: Pango, HarfBuzz's subsetter and a CJK font.
RUN_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig fonts-noto-cjk fonts-arphic-ukai
# The browser journeys drive Debian's Chromium; Playwright's own browser download does not work here.
TEST_PACKAGES := chromium poppler-utils
# The performance suite's load generator.
BENCH_PACKAGES := wrk

.PHONY: run test bench setup system-packages test-system-packages bench-system-packages messages clean

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

system-packages:
	@scripts/ensure-system-packages.sh $(RUN_PACKAGES)

test-system-packages:
	@scripts/ensure-system-packages.sh $(RUN_PACKAGES) $(TEST_PACKAGES)

setup: system-packages $(STAMP)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_holidays
	$(BIN)/python manage.py seed_demo

run: setup
	@echo
	@echo "  乡镇人大主席团工作平台: http://127.0.0.1:$(WEB_PORT)/"
	@echo "  Demo accounts (password Demo-2026): chairman 主席 · member 主席团成员 · staff 人大办 · deputy 代表 · czs 财政所 · zhaohm yangwd chengf zhouzm 代表"
	@echo "  Database: $${DATABASE_URL:-SQLite var/portal.sqlite3} · Broker: $${REDIS_URL:-file-system broker under var/celery}"
	@echo
	WEB_PORT=$(WEB_PORT) $(BIN)/honcho start -f Procfile

test: test-system-packages $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench-system-packages:
	@scripts/ensure-system-packages.sh $(RUN_PACKAGES) $(BENCH_PACKAGES)

# The performance suite (README "Performance"): builds the county-scale PostgreSQL database
# portal_bench once (BENCH_DATABASE_URL), then prints the table and writes bench/results/.
# BENCH_ARGS="--only pages --quick" for a part of it, "--factor 0" for the demo township only.
bench: bench-system-packages $(STAMP)
	$(BIN)/python -m bench.run $(BENCH_ARGS)

# Refresh both message catalogues after changing translatable text, then fill in locale/zh_Hans.
messages: $(STAMP)
	$(BIN)/python manage.py makemessages --locale zh_Hans --locale en --ignore '.venv/*' --ignore 'var/*' --no-obsolete
	$(BIN)/python manage.py compilemessages --ignore '.venv/*'

clean:
	rm -rf $(VENV) var staticfiles .pytest_cache
