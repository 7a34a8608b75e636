# intbench: two commands on a fresh machine —
#   make run    compare all patterns with the embedded defaults
#   make test   vet, format check and the race-enabled test suite
GO      ?= go
PKGS    := ./...
BENCH   ?= .
COUNT   ?= 1

.PHONY: all build run test lint vet cross-vet fmt-check generate bench fuzz interop deps clean

all: lint test

build:
	$(GO) build -o bin/intbench ./cmd/intbench

run: deps
	$(GO) run ./cmd/intbench run $(ARGS)

# The HTML reports are opened in Chromium (scripts/deps.sh test installs
# it): here its absence fails the tests instead of skipping them.
test: deps lint
	INTBENCH_REQUIRE_BROWSER=1 $(GO) test -race -count=1 -timeout 12m $(PKGS)

lint: vet cross-vet fmt-check

vet:
	$(GO) vet $(PKGS)

# The code must build on every Linux architecture, not only this one (a
# syscall struct's layout once differed): vet for a 64-bit ARM and a
# big-endian target too.
cross-vet:
	GOARCH=arm64 $(GO) vet $(PKGS)
	GOARCH=s390x $(GO) vet $(PKGS)

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

# Regenerates the committed Thrift and gRPC code with pinned tools: the
# protoc plugins are go.mod tool directives; thrift and protoc come from
# Debian (thrift-compiler 0.17, protobuf-compiler).
generate:
	scripts/deps.sh generate
	$(GO) generate ./transports/... ./evolution/...

bench:
	$(GO) test -run '^$$' -bench '$(BENCH)' -count $(COUNT) ./bench/...

# Every fuzz target for FUZZTIME (60s) each, one at a time; plain go test
# (make test) replays their seed corpora only.
fuzz:
	FUZZTIME=$(or $(FUZZTIME),60s) scripts/fuzz.sh

# Stock clients nobody here wrote, against our servers: a Python Thrift
# client generated from the IDL, the npm "soap" client from the WSDL.
interop:
	scripts/deps.sh interop
	INTBENCH_STOCK_CLIENTS=1 $(GO) test -count=1 -v -run 'TestStockClient|TestPythonClientInterop' ./transports/soap ./transports/thrift

deps:
	@scripts/deps.sh test

clean:
	rm -rf bin
