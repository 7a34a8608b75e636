package refactorstorage

import (
	"testing"

	"github.com/intbench/intbench/evolution"
	"github.com/intbench/intbench/evolution/evolutiontest"
	"github.com/intbench/intbench/evolution/grpckit"
	"github.com/intbench/intbench/results"
)

// The contract does not change, and the provider's v2 store serves the
// same values from the new tables: compatible both ways. Without that
// store (Change.Store, the REST/shareddb engineer's) the v1 store would
// read the emptied orders.note, which is not this pattern's outcome.
func TestGRPC(t *testing.T) {
	if c, err := evolution.Lookup(Name); err != nil || c.Store == nil {
		t.Skipf("the provider's v2 store is not registered yet (%v)", err)
	}
	evolutiontest.Pin(t, Name, grpckit.Pattern, evolutiontest.Want{OldClient: map[string]string{"": results.Compatible}, NewClient: results.Compatible})
}
