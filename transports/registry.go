package transports

import (
	"fmt"
	"sort"
	"strings"
	"sync"
)

var (
	mu       sync.RWMutex
	registry = map[string]Transport{}
)

// Register makes t available by t.Name(). It panics if t is nil or the name
// is taken, like database/sql.Register; call it from init.
func Register(t Transport) {
	if t == nil {
		panic("transports: Register of nil transport")
	}
	mu.Lock()
	defer mu.Unlock()
	name := t.Name()
	if _, dup := registry[name]; dup {
		panic("transports: Register called twice for " + name)
	}
	registry[name] = t
}

// Lookup returns the transport registered as name.
func Lookup(name string) (Transport, error) {
	mu.RLock()
	t, ok := registry[name]
	mu.RUnlock()
	if !ok {
		return nil, fmt.Errorf("transports: unknown transport %q (known: %s)", name, strings.Join(Names(), ", "))
	}
	return t, nil
}

// Names returns the registered names in the canonical report order: the
// order of Order for known names, then the rest sorted.
func Names() []string {
	mu.RLock()
	names := make([]string, 0, len(registry))
	for n := range registry {
		names = append(names, n)
	}
	mu.RUnlock()
	sort.Slice(names, func(i, j int) bool {
		ri, rj := rank(names[i]), rank(names[j])
		if ri != rj {
			return ri < rj
		}
		return names[i] < names[j]
	})
	return names
}

// Order is the canonical order of the patterns in reports: from the most
// coupled to the most modern, with the raw-TCP floor last.
var Order = []string{"shareddb", "soap", "rest", "thrift", "grpc", "rawtcp"}

func rank(name string) int {
	for i, n := range Order {
		if n == name {
			return i
		}
	}
	return len(Order)
}
