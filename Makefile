# Belgi. `make run` builds and serves the app; `make test` runs every test.
SHELL := /bin/bash
GO ?= go
VERSION := $(shell git rev-parse --short HEAD 2>/dev/null || echo dev)
LDFLAGS := -s -w -X main.version=$(VERSION)
WASM_EXEC := $(shell $(GO) env GOROOT)/lib/wasm/go_js_wasm_exec
# Pure packages that must also run in the browser, tested under node.
WASM_PKGS := ./annotations/... ./demo/... ./ingest $(wildcard ./clean) $(wildcard ./langid)
CHROMIUM ?= $(shell command -v chromium || command -v chromium-browser || echo /usr/bin/chromium)
ADDR ?= 127.0.0.1:8000

.PHONY: all build run site test deps vet test-native test-wasm test-browser size-budget bench sizes fuzz clean bench-batch example-corpus test-beam bench-beam
all: build

## deps: install what is missing (Go modules; chromium and brotli from apt).
deps:
	@$(GO) mod download
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v brotli >/dev/null 2>&1 || missing="$$missing brotli"; \
	fc-list 2>/dev/null | grep -qi "noto sans" || missing="$$missing fonts-noto-core"; \
	fc-list 2>/dev/null | grep -qi "noto color emoji" || missing="$$missing fonts-noto-color-emoji"; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

## build: the wasm app (raw, gzip, brotli) and the belgi command.
build: bin/belgi web/app.wasm.br web/app.wasm.gz

bin/belgi: FORCE
	@mkdir -p bin
	$(GO) build -trimpath -ldflags '$(LDFLAGS)' -o bin/belgi ./cmd/belgi

# Build to a temporary file and replace app.wasm only when it changed, so
# that the slow compression reruns only then.
web/app.wasm: FORCE
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags '-s -w' -o web/app.wasm.tmp ./wasm
	@if cmp -s web/app.wasm.tmp web/app.wasm; then rm web/app.wasm.tmp; else mv web/app.wasm.tmp web/app.wasm; fi

# brotli creates its output with mode 0600 and, told not to copy the
# source's attributes (-n, for a reproducible file), leaves it so; gzip's
# follows the umask. A server run as another user must read both.
web/app.wasm.br: web/app.wasm
	@command -v brotli >/dev/null || $(MAKE) --no-print-directory deps
	brotli -f -n -q 11 -o $@ $<
	chmod 0644 $@

web/app.wasm.gz: web/app.wasm
	gzip -9 -n -c $< > $@
	chmod 0644 $@

FORCE:

## run: build and serve on http://127.0.0.1:8000 with the demo corpus.
run: deps build
	./bin/belgi serve --addr $(ADDR)

## site: write the app to $(SITE) as a folder any static host serves as is,
## under the URL path SITE_PREFIX (/belgi/ for GitHub Pages of a repository
## named belgi); see "Publish" in README.md.
SITE ?= site
SITE_PREFIX ?= /
site: build
	./bin/belgi site --out $(SITE) --prefix $(SITE_PREFIX)

## test: vet, native tests, wasm tests under node, browser tests in
## chromium, the wasm size budget. Every stage runs, even after one fails;
## each prints how long it took.
TEST_STAGES := vet test-native test-wasm test-browser size-budget
test: deps build
	@failed=""; summary=""; \
	for s in $(TEST_STAGES); do \
	  start=$$(date +%s); \
	  if $(MAKE) --no-print-directory $$s; then r=ok; else r=FAILED; failed="$$failed $$s"; fi; \
	  line="$$(printf '%-13s %-6s %5d s' $$s $$r $$(( $$(date +%s) - start )))"; \
	  echo "== $$line"; summary="$$summary$$line\n"; \
	done; \
	printf "== make test stages:\n$$summary"; \
	if [ -n "$$failed" ]; then echo "make test failed:$$failed"; exit 1; fi
	@if [ -n "$$BELGI_BEAM" ]; then $(MAKE) --no-print-directory test-beam; else echo "skipping the Beam module (the Beam SDK alone is 260 MB of Go modules); BELGI_BEAM=1 make test, or make test-beam, runs it"; fi

## test-beam: the Beam pipeline of belgi batch on the Prism runner, compared
## with belgi batch (a separate module: beam/go.mod). About a minute once the
## modules are downloaded.
test-beam:
	cd beam && gofmt -l . | (! grep .) && $(GO) vet ./... && $(GO) test -timeout 15m ./...

vet:
	@test -z "$$(gofmt -l $$(git ls-files '*.go') 2>/dev/null)" || { echo "gofmt needed:"; gofmt -l $$(git ls-files '*.go'); exit 1; }
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet ./wasm ./app ./annotations/... ./demo/... ./clean/... ./langid/...

test-native:
	$(GO) test -timeout 20m ./...

test-wasm:
	GOOS=js GOARCH=wasm $(GO) test -timeout 20m -exec="$(WASM_EXEC)" $(WASM_PKGS)

# The browser tests run one process per test, BROWSER_JOBS at a time: each
# test starts its own chromium on its own profile and server, and most of
# its time is spent waiting on the page, so two run well on two cores. A
# test's log is printed whole when it ends.
BROWSER_JOBS ?= 2
BROWSER_RUN ?= Browser
test-browser: build
	@# Only compiles: each test runs below with its own -test.timeout 10m.
	@$(GO) test -c -o bin/e2e.test ./e2e
	@mkdir -p bin/e2e-logs && rm -f bin/e2e-logs/*; \
	cd e2e && ../bin/e2e.test -test.list '$(BROWSER_RUN)' | grep '^Test' | \
	BELGI_E2E=1 BELGI_CHROMIUM=$(CHROMIUM) xargs -P $(BROWSER_JOBS) -I{} sh -c \
	  'start=$$(date +%s); ../bin/e2e.test -test.run "^{}\$$" -test.count 1 -test.v -test.timeout 10m > ../bin/e2e-logs/{}.log 2>&1; rc=$$?; \
	   cat ../bin/e2e-logs/{}.log; echo "== {}: exit $$rc, $$(( $$(date +%s) - start )) s"; exit $$rc'

## size-budget: fail when web/app.wasm.br is over WASM_BUDGET bytes.
WASM_BUDGET ?= 3000000
size-budget: web/app.wasm.br
	@size=$$(stat -c %s web/app.wasm.br); \
	if [ $$size -gt $(WASM_BUDGET) ]; then \
	  echo "web/app.wasm.br is $$size bytes, $$(( size - $(WASM_BUDGET) )) over the budget of $(WASM_BUDGET): see make sizes"; exit 1; \
	fi; \
	echo "web/app.wasm.br is $$size bytes, within the budget of $(WASM_BUDGET)"

## bench: wasm sizes, first render in chromium, cleaning and language-id
## quality, throughput and UI timings (see "Measured" in README.md); none
## of these is a timed test.
bench: deps build sizes
	@echo "== first interactive render, headless chromium (7 cold loads)"
	BELGI_E2E=1 BELGI_CHROMIUM=$(CHROMIUM) $(GO) test -timeout 20m -run '^$$' -bench 'FirstRender' -benchtime 7x ./e2e
	@echo "== annotate all: 500 occurrences in a 50,000-character document, UI time"
	BELGI_E2E=1 BELGI_CHROMIUM=$(CHROMIUM) $(GO) test -timeout 20m -run '^$$' -bench 'AnnotateAll' -benchtime 3x ./e2e
	@echo "== cleaning: token F1 and speed"
	$(GO) run ./clean/internal/eval
	$(GO) test -timeout 10m -run '^$$' -bench 'Text20KB|HTML' -benchmem ./clean
	@echo "== cleaning under node (the browser's engine)"
	GOOS=js GOARCH=wasm $(GO) test -timeout 10m -exec="$(WASM_EXEC)" -run '^$$' -bench 'Text20KB' ./clean
	@echo "== language identification: accuracy, confusion, model size, speed"
	$(GO) run ./langid/internal/eval
	@echo "== language identification beside lingua-go (its own module, not in the app)"
	cd langid/internal/compare && $(GO) run .
	$(GO) test -timeout 10m -run '^$$' -bench 'Detect' -cpu 1 ./langid
	@echo "== offsets and conversion throughput (10,000 documents, 200,000 spans)"
	$(GO) test -timeout 20m -run '^$$' -bench . -benchmem ./annotations
	$(GO) test -timeout 20m -run '^$$' -bench Convert -benchtime 3x ./annotations/brat ./annotations/conll ./annotations/doccano
	@echo "== agreement: 3 annotators x 100 documents x 2,000 spans, native and under node"
	$(GO) test -timeout 10m -run '^$$' -bench Compute -benchtime 3x -benchmem ./annotations/agree
	GOOS=js GOARCH=wasm $(GO) test -timeout 20m -exec="$(WASM_EXEC)" -run '^$$' -bench Compute -benchtime 2x ./annotations/agree
	$(MAKE) --no-print-directory bench-batch

## bench-batch: belgi batch on a synthetic crawl built from ../shared pages
## (generated outside the repository, under BELGI_BENCH_DIR or /tmp):
## throughput, near-duplicate recall, false merges, peak heap. 10,000 pages
## by default; BELGI_BENCH_PAGES=10000,100000 for the memory comparison.
bench-batch:
	$(GO) test -run '^$$' -bench 'Corpus|DeduperMemory' -benchtime 1x -timeout 60m ./batch

## bench-beam: the Beam pipeline on Prism over the same synthetic crawl.
bench-beam:
	cd beam && BELGI_SHARED=$${BELGI_SHARED:-$(abspath ../shared)} $(GO) test -run '^$$' -bench 'Prism' -benchtime 1x -timeout 60m ./...

## example-corpus: the small example corpus of belgi batch, in EXAMPLE_DIR.
EXAMPLE_DIR ?= /tmp/belgi-example-corpus
example-corpus:
	$(GO) run ./batch/internal/examplecorpus $(EXAMPLE_DIR)

## sizes: the wasm in each encoding; what each probe of internal/sizecheck
## adds to a wasm (code and data); the app's code by package (wasmcost).
SIZE_PROBES := clean langid goapp annotations
sizes: web/app.wasm.br web/app.wasm.gz
	@for f in web/app.wasm web/app.wasm.gz web/app.wasm.br; do \
	  stat -c '%s %n' $$f | awk '{ printf "%-18s %9d bytes  %5.2f MB\n", $$2, $$1, $$1/1048576 }'; \
	done
	@d=$$(mktemp -d); trap 'rm -rf $$d' EXIT; for p in base $(SIZE_PROBES); do \
	  GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags '-s -w' -o $$d/$$p.wasm ./internal/sizecheck/$$p && brotli -q 11 -f -o $$d/$$p.br $$d/$$p.wasm || exit 1; \
	done; \
	for p in $(SIZE_PROBES); do \
	  echo "$$p adds $$(( $$(stat -c %s $$d/$$p.wasm) - $$(stat -c %s $$d/base.wasm) )) bytes raw, $$(( $$(stat -c %s $$d/$$p.br) - $$(stat -c %s $$d/base.br) )) bytes brotli to a wasm"; \
	done; \
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags '-w' -o $$d/named.wasm ./wasm && \
	$(GO) run ./internal/sizecheck/wasmcost $$d/named.wasm $$(GOOS=js GOARCH=wasm $(GO) list -deps ./wasm)

## fuzz: run every fuzz target briefly (FUZZTIME each).
FUZZTIME ?= 15s
FUZZ_TARGETS := \
	./annotations:FuzzIndex ./annotations:FuzzDecode ./annotations:FuzzCheckSurrogates \
	./annotations/brat:FuzzRead ./annotations/brat:FuzzReadConf ./annotations/conll:FuzzRead \
	./annotations/doccano:FuzzRead ./annotations/labelstudio:FuzzRead ./annotations/spacy:FuzzRead \
	./annotations/folia:FuzzRead ./annotations/casefmt:FuzzRead ./annotations/factrueval:FuzzRead \
	./annotations/goldstream:FuzzReader ./annotations/tokenize:FuzzTokens ./annotations/agree:FuzzReport ./annotations/format:FuzzSniff \
	./clean:FuzzText ./clean:FuzzHTML ./langid:FuzzDetect ./batch:FuzzWARC ./batch:FuzzRecords ./ingest:FuzzDocument
fuzz:
	@for t in $(FUZZ_TARGETS); do \
	  pkg=$${t%%:*}; fn=$${t##*:}; echo "== $$pkg $$fn"; \
	  $(GO) test -timeout 10m -run '^$$' -fuzz "^$$fn\$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 3s $$pkg || exit 1; \
	done

clean:
	rm -rf bin web/app.wasm web/app.wasm.gz web/app.wasm.br web/app.wasm.tmp
	@test ! -f $(SITE)/.belgi-site || rm -rf $(SITE)
