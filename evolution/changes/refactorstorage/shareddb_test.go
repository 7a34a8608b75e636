package refactorstorage

import (
	"testing"

	"github.com/intbench/intbench/evolution/evolutiontest"
	"github.com/intbench/intbench/results"
)

// The v1 consumer reads orders.note, which the provider emptied: notes
// are lost without an error (and the notes it writes are ones the
// provider no longer reads, which its own records cannot show). The v2
// consumer cannot start on the v1 database (no table order_notes).
func TestSharedDB(t *testing.T) {
	evolutiontest.Pin(t, Name, "shareddb", evolutiontest.Want{
		OldClient: map[string]string{"": results.Silent},
		NewClient: results.Loud,
	})
}
