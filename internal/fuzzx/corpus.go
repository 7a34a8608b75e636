package fuzzx

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// Seed is one file of a seed corpus: its name (what it is: real-…,
// cut-…, hostile-…) and the fuzz function's arguments, in order.
type Seed struct {
	Name string
	Args []any
}

// Marshal encodes args in go test's corpus file format ("go test fuzz
// v1", then one Go literal a line), for the types the fuzz tests use.
func Marshal(args ...any) []byte {
	b := []byte("go test fuzz v1\n")
	for _, a := range args {
		switch v := a.(type) {
		case []byte:
			b = fmt.Appendf(b, "[]byte(%q)\n", v)
		case string:
			b = fmt.Appendf(b, "string(%q)\n", v)
		case byte:
			b = fmt.Appendf(b, "byte(%q)\n", v)
		case bool, int, uint16, uint32, int64:
			b = fmt.Appendf(b, "%T(%v)\n", v, v)
		default:
			panic(fmt.Sprintf("fuzzx: no corpus encoding for %T", a))
		}
	}
	return b
}

// SyncCorpus keeps testdata/fuzz/<target>/ in step with seeds: with
// update it writes every seed's file, else it fails t for a seed whose
// file is missing or differs (the code that makes the seeds has changed:
// run the test again with -update). Other files there (crashers kept as
// regression seeds) are left alone.
func SyncCorpus(t *testing.T, target string, seeds []Seed, update bool) {
	t.Helper()
	dir := filepath.Join("testdata", "fuzz", target)
	if update {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	names := map[string]bool{}
	for _, s := range seeds {
		if names[s.Name] {
			t.Fatalf("fuzzx: %s: two seeds named %q", target, s.Name)
		}
		names[s.Name] = true
		path := filepath.Join(dir, s.Name)
		want := Marshal(s.Args...)
		if update {
			if err := os.WriteFile(path, want, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("fuzzx: seed %s is missing or stale (run the test with -update): %v", path, err)
		}
	}
}

// Cuts returns prefixes of b to seed truncated input: its first byte,
// about a third and half of it, and all but its last byte.
func Cuts(b []byte) [][]byte {
	var out [][]byte
	seen := map[int]bool{0: true, len(b): true}
	for _, n := range []int{1, len(b) / 3, len(b) / 2, len(b) - 1} {
		if n > 0 && n < len(b) && !seen[n] {
			seen[n] = true
			out = append(out, b[:n])
		}
	}
	return out
}

// Real returns the seeds of real traffic: for each exchange, its message
// (msg picks it: a request or a response, whole or a part) and its cuts,
// named real-<call> and cut-<call>-<length>; args makes a seed's
// arguments of one message.
func Real(traffic []Exchange, msg func(Exchange) []byte, args func(Exchange, []byte) []any) []Seed {
	var out []Seed
	for _, x := range traffic {
		b := msg(x)
		out = append(out, Seed{Name: "real-" + x.Name, Args: args(x, b)})
		for _, cut := range Cuts(b) {
			out = append(out, Seed{Name: fmt.Sprintf("cut-%s-%d", x.Name, len(cut)), Args: args(x, cut)})
		}
	}
	return out
}

// Hostile is the seed hostile-<name>.
func Hostile(name string, args ...any) Seed { return Seed{Name: "hostile-" + name, Args: args} }

// Only is the args of a target that takes the message alone.
func Only(_ Exchange, b []byte) []any { return []any{b} }
