package main

import (
	"flag"
	"fmt"
	"strings"
	"testing"

	"github.com/intbench/intbench/internal/fuzzx"
)

var update = flag.Bool("update", false, "rewrite the fuzz seed corpora in testdata/fuzz")

// realPlans are plan files as people write them: the README's, and one
// with every kind of value.
var realPlans = []fuzzx.Exchange{
	{Name: "readme", Request: []byte("transports: [grpc, rest]\nscenarios: [get-customer, mixed]\nconcurrency: [1, 16]\nduration: 1s\ncount: 6\nbackend: postgres\n")},
	{Name: "every-kind", Request: []byte(`# a plan
transports: [rest, grpc]
scenarios:
  - get-customer
  - mixed
duration: 2s
count: 9
in-process: true
faults: [reset, "db:restart"]
profile: hardened
network: wan
rate: 1e3
seed: 42
`)},
}

// laughs is the billion laughs of YAML: ten aliases of ten aliases, nine
// levels deep.
func laughs() string {
	var b strings.Builder
	b.WriteString("a0: &a0 lol\n")
	for i := 1; i <= 9; i++ {
		fmt.Fprintf(&b, "a%d: &a%d [%s]\n", i, i, strings.TrimSuffix(strings.Repeat(fmt.Sprintf("*a%d,", i-1), 10), ","))
	}
	b.WriteString("transports: *a9\n")
	return b.String()
}

// TestFuzzSeeds keeps the seed corpus in step with the code that makes
// it: real plans, their truncations and hostile YAML.
func TestFuzzSeeds(t *testing.T) {
	plan := func(x fuzzx.Exchange) []byte { return x.Request }
	hostile := func(name, src string) fuzzx.Seed { return fuzzx.Hostile(name, []byte(src)) }
	seeds := append(fuzzx.Real(realPlans, plan, fuzzx.Only),
		hostile("billion-laughs", laughs()),
		hostile("alias-as-value", "count: &c 3\nduration: *c\n"),
		hostile("merge-key", "base: &b {count: 3}\n<<: *b\n"),
		hostile("deep-flow-sequences", "transports: "+strings.Repeat("[", 8000)+strings.Repeat("]", 8000)+"\n"),
		hostile("deep-flow-mappings", "transports: "+strings.Repeat("{a: ", 2000)+"b"+strings.Repeat("}", 2000)+"\n"),
		hostile("deep-block-sequences", "transports:\n"+deepBlock(500)),
		hostile("empty-scalars", "transports: ["+strings.Repeat(",", 2000)+"]\n"),
		hostile("many-values", "transports: ["+strings.Repeat("a,", 7000)+"a]\n"),
		hostile("nested-lists-on-a-line", "transports:\n"+strings.Repeat("- ", 8000)+"rest\n"),
		hostile("invalid-utf8", "transports: [\xff\xfe]\n"),
		hostile("nul", "count: 3\x00\n"),
		hostile("tabs", "count:\t3\n\tduration: 1s\n"),
		hostile("two-documents", "count: 3\n---\ncount: 4\n"),
		hostile("duplicate-keys", "count: 3\ncount: 4\n"),
		hostile("tagged", "count: !!binary aGVsbG8=\nduration: !!timestamp 2001-12-14\n"),
		hostile("anchored-key", "&k count: 3\n*k : 4\n"),
		hostile("huge-numbers", "count: 99999999999999999999999\nrate: 1e999\nduration: 9999999999h\n"),
		hostile("long-key", strings.Repeat("k", 10000)+": 1\n"),
		hostile("block-scalars", "transports: |\n  rest\n  grpc\nscenarios: >-\n  mixed\n"),
		hostile("only-a-comment", "# nothing\n"),
		hostile("scalar-document", "just text\n"),
	)
	fuzzx.SyncCorpus(t, "FuzzPlanFile", seeds, *update)
}

// deepBlock is a block sequence nested n levels deep.
func deepBlock(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(strings.Repeat(" ", i) + "-\n")
	}
	return b.String()
}
