# Belgi. `make run` builds and serves the app; `make test` runs every test.
SHELL := /bin/bash
GO ?= go
VERSION := $(shell git rev-parse --short HEAD 2>/dev/null || echo dev)
LDFLAGS := -s -w -X main.version=$(VERSION)
WASM_EXEC := $(shell $(GO) env GOROOT)/lib/wasm/go_js_wasm_exec
# Pure packages that must also run in the browser, tested under node.
WASM_PKGS := ./annotations/... ./demo/... $(wildcard ./clean) $(wildcard ./langid)
CHROMIUM ?= $(shell command -v chromium || command -v chromium-browser || echo /usr/bin/chromium)
ADDR ?= 127.0.0.1:8000

.PHONY: all build run site test deps vet test-native test-wasm test-browser bench sizes fuzz clean
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

## test: vet, native tests, wasm tests under node, browser tests in chromium.
test: deps build vet test-native test-wasm test-browser

vet:
	@test -z "$$(gofmt -l $$(git ls-files '*.go') 2>/dev/null)" || { echo "gofmt needed:"; gofmt -l $$(git ls-files '*.go'); exit 1; }
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet ./wasm ./app ./annotations/... ./demo/... ./clean/... ./langid/...

test-native:
	$(GO) test ./...

test-wasm:
	GOOS=js GOARCH=wasm $(GO) test -exec="$(WASM_EXEC)" $(WASM_PKGS)

test-browser: build
	BELGI_E2E=1 BELGI_CHROMIUM=$(CHROMIUM) $(GO) test -count=1 -v -run 'Browser' ./e2e

## bench: wasm sizes, first render in chromium, cleaning and language-id
## quality, throughput and UI timings (see "Measured" in README.md); none
## of these is a timed test.
bench: deps build sizes
	@echo "== first interactive render, headless chromium (7 cold loads)"
	BELGI_E2E=1 BELGI_CHROMIUM=$(CHROMIUM) $(GO) test -run '^$$' -bench 'FirstRender' -benchtime 7x ./e2e
	@echo "== annotate all: 500 occurrences in a 50,000-character document, UI time"
	BELGI_E2E=1 BELGI_CHROMIUM=$(CHROMIUM) $(GO) test -run '^$$' -bench 'AnnotateAll' -benchtime 3x ./e2e
	@echo "== cleaning: token F1 and speed"
	$(GO) run ./clean/internal/eval
	$(GO) test -run '^$$' -bench 'Text20KB|HTML' -benchmem ./clean
	@echo "== cleaning under node (the browser's engine)"
	GOOS=js GOARCH=wasm $(GO) test -exec="$(WASM_EXEC)" -run '^$$' -bench 'Text20KB' ./clean
	@echo "== language identification: accuracy, confusion, model size, speed"
	$(GO) run ./langid/internal/eval
	$(GO) test -run '^$$' -bench 'Detect' -cpu 1 ./langid
	@echo "== offsets and conversion throughput (10,000 documents, 200,000 spans)"
	$(GO) test -run '^$$' -bench . -benchmem ./annotations
	$(GO) test -run '^$$' -bench Convert -benchtime 3x ./annotations/brat ./annotations/conll ./annotations/doccano

sizes: web/app.wasm.br web/app.wasm.gz
	@for f in web/app.wasm web/app.wasm.gz web/app.wasm.br; do \
	  stat -c '%s %n' $$f | awk '{ printf "%-18s %9d bytes  %5.2f MB\n", $$2, $$1, $$1/1048576 }'; \
	done
	@d=$$(mktemp -d); for p in base clean langid; do \
	  GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags '-s -w' -o $$d/$$p.wasm ./internal/sizecheck/$$p && brotli -q 11 -f -o $$d/$$p.br $$d/$$p.wasm; \
	done; \
	for p in clean langid; do \
	  echo "$$p adds $$(( $$(stat -c %s $$d/$$p.wasm) - $$(stat -c %s $$d/base.wasm) )) bytes raw, $$(( $$(stat -c %s $$d/$$p.br) - $$(stat -c %s $$d/base.br) )) bytes brotli to a wasm"; \
	done; rm -rf $$d

## fuzz: run every fuzz target briefly (FUZZTIME each).
FUZZTIME ?= 15s
FUZZ_TARGETS := \
	./annotations:FuzzIndex ./annotations:FuzzDecode \
	./annotations/brat:FuzzRead ./annotations/brat:FuzzReadConf ./annotations/conll:FuzzRead \
	./annotations/doccano:FuzzRead ./annotations/labelstudio:FuzzRead ./annotations/spacy:FuzzRead \
	./annotations/folia:FuzzRead ./annotations/casefmt:FuzzRead ./annotations/factrueval:FuzzRead \
	./annotations/goldstream:FuzzReader ./annotations/tokenize:FuzzTokens \
	./clean:FuzzText ./clean:FuzzHTML ./langid:FuzzDetect
fuzz:
	@for t in $(FUZZ_TARGETS); do \
	  pkg=$${t%%:*}; fn=$${t##*:}; echo "== $$pkg $$fn"; \
	  $(GO) test -run '^$$' -fuzz "^$$fn\$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 3s $$pkg || exit 1; \
	done

clean:
	rm -rf bin web/app.wasm web/app.wasm.gz web/app.wasm.br web/app.wasm.tmp
	@test ! -f $(SITE)/.belgi-site || rm -rf $(SITE)
