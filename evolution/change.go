package evolution

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/intbench/intbench/service"
)

// Change is one named server-side change of the contract.
type Change struct {
	Name    string
	Summary string
	// Migration is the provider's v2 database migration (SQL): the
	// shared database's v2 contract, and for a storage change the new
	// home of every server's data. A variant that sets Migrate gets it
	// applied to its v2 side's database. "" for none.
	Migration string
	// Store, when set, is the provider's v2 store over the migrated
	// database, which the v2 servers of the variants that set Migrate use
	// (the provider updated them all). Nil keeps the v1 store.
	Store func(ctx context.Context, db *sql.DB) (service.Store, error)
	// Tolerate, when set, accepts a difference a v2 client sees against a
	// v1 server that comes from the v2 provider's own data, not from what
	// the contract can carry (a v1 provider never refunded the order a v2
	// provider reports refunded): field, and its value at the v2 server
	// and at the v1 server.
	Tolerate func(field, v2, v1 string) bool
}

// Variant is a pattern's v2 side under a change, or why there is none.
type Variant struct {
	Side Side
	// Migrate applies the change's Migration (and Store) to the v2 side's
	// database: shareddb, whose contract is the schema, and every pattern
	// under a storage change.
	Migrate bool
	// NA says why the change cannot be expressed in the pattern (Side nil).
	NA string
}

var (
	mu       sync.RWMutex
	changes  = map[string]Change{}
	variants = map[[2]string]Variant{}
	flavours = map[string][]Flavour{}
)

// Order is the order of the changes in the matrix: by how often they
// happen, the IDL rules' forbidden one last.
var Order = []string{"add-field", "add-required-input", "rename-field", "remove-field", "widen-type",
	"new-enum-value", "move-resource", "refactor-storage", "renumber-field"}

// Register makes a change available by name. It panics on an empty or
// duplicate name; call it from init.
func Register(c Change) {
	mu.Lock()
	defer mu.Unlock()
	if c.Name == "" {
		panic("evolution: Register of a change without a name")
	}
	if _, dup := changes[c.Name]; dup {
		panic("evolution: Register called twice for " + c.Name)
	}
	changes[c.Name] = c
}

// RegisterVariant makes v pattern's v2 side under change. It panics on a
// duplicate; call it from init, in the change's folder.
func RegisterVariant(change, pattern string, v Variant) {
	mu.Lock()
	defer mu.Unlock()
	k := [2]string{change, pattern}
	if _, dup := variants[k]; dup {
		panic("evolution: RegisterVariant called twice for " + change + "/" + pattern)
	}
	variants[k] = v
}

// Flavour is one more v1 client of a pattern beside its own: REST's
// client that follows _links. Its records must flatten the same values as
// the pattern's own client would.
type Flavour struct {
	Name string
	Dial func(ctx context.Context, addr string) (Client, error)
}

// RegisterFlavour adds a v1 client flavour to pattern.
func RegisterFlavour(pattern string, f Flavour) {
	mu.Lock()
	defer mu.Unlock()
	flavours[pattern] = append(flavours[pattern], f)
}

// Lookup returns the change called name.
func Lookup(name string) (Change, error) {
	mu.RLock()
	c, ok := changes[name]
	mu.RUnlock()
	if !ok {
		return Change{}, fmt.Errorf("evolution: unknown change %q (known: %s)", name, strings.Join(Names(), ", "))
	}
	return c, nil
}

// Names returns the registered changes, in Order then sorted.
func Names() []string {
	mu.RLock()
	defer mu.RUnlock()
	var out []string
	for _, n := range Order {
		if _, ok := changes[n]; ok {
			out = append(out, n)
		}
	}
	var rest []string
	for n := range changes {
		if !slices.Contains(Order, n) {
			rest = append(rest, n)
		}
	}
	slices.Sort(rest)
	return append(out, rest...)
}

// variant returns pattern's v2 side under change; an unregistered pair is
// n/a.
func variant(change, pattern string) Variant {
	mu.RLock()
	defer mu.RUnlock()
	if v, ok := variants[[2]string{change, pattern}]; ok {
		return v
	}
	return Variant{NA: "not expressed for this pattern yet"}
}

func flavoursOf(pattern string) []Flavour {
	mu.RLock()
	defer mu.RUnlock()
	return slices.Clone(flavours[pattern])
}
