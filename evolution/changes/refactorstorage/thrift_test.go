package refactorstorage

import (
	"testing"

	"github.com/intbench/intbench/evolution"
	"github.com/intbench/intbench/evolution/evolutiontest"
	"github.com/intbench/intbench/evolution/thriftkit"
	"github.com/intbench/intbench/results"
)

// The contract does not change, so Thrift is compatible when the provider
// updates its server with the storage: the v2 server is v1's code over the
// provider's v2 store. Without that store (Change.Store, written by the
// shareddb side) it reads the emptied orders.note, and the notes are lost
// silently, both ways.
func TestThrift(t *testing.T) {
	want := results.Compatible
	if c, err := evolution.Lookup(Name); err != nil {
		t.Fatal(err)
	} else if c.Store == nil {
		want = results.Silent
	}
	evolutiontest.Pin(t, Name, thriftkit.Pattern, evolutiontest.Want{
		OldClient: map[string]string{"": want},
		NewClient: want,
	})
}
