// Package scenarios holds the workloads as data: weighted mixes of the three
// operations with their parameters (page size, note size), and the worker
// that turns a scenario into calls. The engine (package bench) paces the
// calls; this package only decides what each call is.
package scenarios

import (
	"fmt"
	"sort"
	"strings"
)

// Op names one operation of the service.
type Op string

// The operations.
const (
	GetCustomer Op = "get-customer"
	PlaceOrder  Op = "place-order"
	ListOrders  Op = "list-orders"
)

// Step is one weighted operation of a scenario.
type Step struct {
	Op     Op  `json:"op"`
	Weight int `json:"weight"`
	// Limit is the ListOrders page size.
	Limit int32 `json:"limit,omitempty"`
	// NoteBytes is the size of a PlaceOrder note.
	NoteBytes int `json:"note_bytes,omitempty"`
}

// Scenario is a named workload.
type Scenario struct {
	Name        string `json:"name"`
	Description string `json:"description"`
	Steps       []Step `json:"steps"`
}

// Validate reports a scenario that cannot run.
func (s Scenario) Validate() error {
	if s.Name == "" || len(s.Steps) == 0 {
		return fmt.Errorf("scenarios: scenario %q needs a name and at least one step", s.Name)
	}
	for i, st := range s.Steps {
		switch {
		case st.Weight <= 0:
			return fmt.Errorf("scenarios: %s step %d: weight must be positive", s.Name, i)
		case st.Op == ListOrders && (st.Limit < 1 || st.Limit > 1000):
			return fmt.Errorf("scenarios: %s step %d: list limit %d out of range 1..1000", s.Name, i, st.Limit)
		case st.Op == PlaceOrder && (st.NoteBytes < 0 || st.NoteBytes > 1<<20):
			return fmt.Errorf("scenarios: %s step %d: note size %d out of range 0..1MiB", s.Name, i, st.NoteBytes)
		case st.Op != GetCustomer && st.Op != PlaceOrder && st.Op != ListOrders:
			return fmt.Errorf("scenarios: %s step %d: unknown op %q", s.Name, i, st.Op)
		}
	}
	return nil
}

var registry = map[string]Scenario{}

// groups expand one name into several scenarios (the sweeps).
var groups = map[string][]string{}

func register(s Scenario) {
	if err := s.Validate(); err != nil {
		panic(err)
	}
	if _, dup := registry[s.Name]; dup {
		panic("scenarios: duplicate scenario " + s.Name)
	}
	registry[s.Name] = s
}

// Lookup returns the scenario called name.
func Lookup(name string) (Scenario, error) {
	s, ok := registry[name]
	if !ok {
		return Scenario{}, fmt.Errorf("scenarios: unknown scenario %q (known: %s)", name, strings.Join(Names(), ", "))
	}
	return s, nil
}

// Expand resolves a list of scenario and group names ("payload" is the
// note-size sweep) into scenarios, in order, without duplicates.
func Expand(names []string) ([]Scenario, error) {
	var out []Scenario
	seen := map[string]bool{}
	for _, n := range names {
		members, ok := groups[n]
		if !ok {
			members = []string{n}
		}
		for _, m := range members {
			s, err := Lookup(m)
			if err != nil {
				return nil, err
			}
			if !seen[m] {
				seen[m] = true
				out = append(out, s)
			}
		}
	}
	return out, nil
}

// Names returns every scenario and group name, sorted.
func Names() []string {
	names := make([]string, 0, len(registry)+len(groups))
	for n := range registry {
		names = append(names, n)
	}
	for n := range groups {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
