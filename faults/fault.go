package faults

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
)

// A Fault is a network fault a Proxy can inject. Values come from Parse;
// only this package implements Fault. String returns the canonical spec,
// which parses back to an equal fault, so results can use it in keys.
type Fault interface {
	String() string

	// start applies the fault to p's open and new connections and returns
	// the function that ends it. It never waits for traffic. Errors it or
	// stop return are not prefixed; Inject and end add the prefix.
	start(p *Proxy) (stop func() error, err error)
}

// Kind describes one kind of fault, for listings such as `intbench list`.
type Kind struct {
	Name    string // the spec's first word, e.g. "latency"
	Syntax  string // e.g. "latency:DELAY[:JITTER][@up|@down|@both]"
	Summary string // one line, with the default direction
}

// parseFunc builds a fault from a spec's arguments and its direction (0
// when the spec named none).
type parseFunc func(args []string, d dir) (Fault, error)

type kind struct {
	Kind
	parse parseFunc
}

var (
	kindsMu sync.RWMutex
	kinds   = map[string]kind{}
)

// register makes a kind of fault available to Parse and Kinds. It panics
// on an empty or duplicate name or a nil parser; call it from init.
func register(k Kind, parse parseFunc) {
	if k.Name == "" || parse == nil || strings.ContainsAny(k.Name, ":@, ") {
		panic("faults: register of an invalid kind " + fmt.Sprintf("%q", k.Name))
	}
	kindsMu.Lock()
	defer kindsMu.Unlock()
	if _, dup := kinds[k.Name]; dup {
		panic("faults: register called twice for " + k.Name)
	}
	kinds[k.Name] = kind{k, parse}
}

// Kinds returns every registered kind of fault, sorted by name.
func Kinds() []Kind {
	kindsMu.RLock()
	out := make([]Kind, 0, len(kinds))
	for _, k := range kinds {
		out = append(out, k.Kind)
	}
	kindsMu.RUnlock()
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Parse parses a fault spec such as "latency:100ms:20ms@up". Specs have the
// shape name[:arg[:arg...]][@up|@down|@both] and never contain a comma, so
// a list of specs can be separated by commas.
func Parse(spec string) (Fault, error) {
	f, err := parse(spec)
	if err != nil {
		return nil, fmt.Errorf("faults: spec %q: %w", spec, err)
	}
	return f, nil
}

// parse is Parse without the prefix, for faults that hold another one.
func parse(spec string) (Fault, error) {
	if spec == "" {
		return nil, errors.New("empty spec")
	}
	if i := strings.IndexAny(spec, ", \t\n"); i >= 0 {
		return nil, fmt.Errorf("%q is not allowed in a spec", spec[i:i+1])
	}
	body, d, err := cutDir(spec)
	if err != nil {
		return nil, err
	}
	name, rest, hasArgs := strings.Cut(body, ":")
	kindsMu.RLock()
	k, ok := kinds[name]
	kindsMu.RUnlock()
	if !ok {
		return nil, fmt.Errorf("unknown fault %q (known: %s)", name, knownNames())
	}
	var args []string
	if hasArgs {
		args = strings.Split(rest, ":")
	}
	f, err := k.parse(args, d)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return f, nil
}

// cutDir splits a spec at its last '@'.
func cutDir(spec string) (body string, d dir, err error) {
	i := strings.LastIndexByte(spec, '@')
	if i < 0 {
		return spec, 0, nil
	}
	d, err = parseDir(spec[i+1:])
	return spec[:i], d, err
}

func knownNames() string {
	ks := Kinds()
	names := make([]string, len(ks))
	for i, k := range ks {
		names[i] = k.Name
	}
	return strings.Join(names, ", ")
}

// nargs checks that a spec has between min and max arguments.
func nargs(args []string, min, max int) error {
	if len(args) >= min && len(args) <= max {
		return nil
	}
	want := fmt.Sprint(min)
	if max > min {
		want = fmt.Sprintf("%d to %d", min, max)
	}
	return fmt.Errorf("want %s arguments, got %d", want, len(args))
}

// format writes a canonical spec: the name, the arguments, and the
// direction unless it is the kind's default.
func format(name string, d, def dir, args ...string) string {
	var b strings.Builder
	b.WriteString(name)
	for _, a := range args {
		b.WriteByte(':')
		b.WriteString(a)
	}
	if d != def {
		b.WriteByte('@')
		b.WriteString(d.String())
	}
	return b.String()
}
