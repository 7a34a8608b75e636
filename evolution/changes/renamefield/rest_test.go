package renamefield

import (
	"testing"

	"github.com/intbench/intbench/evolution/evolutiontest"
	"github.com/intbench/intbench/evolution/restkit"
	"github.com/intbench/intbench/results"
)

// A renamed member is a missing one to a client that knows the other
// name: encoding/json leaves the field empty without a word, both ways.
func TestREST(t *testing.T) {
	evolutiontest.Pin(t, Name, "rest", evolutiontest.Want{
		OldClient: map[string]string{"": results.Silent, restkit.LinksFlavour: results.Silent},
		NewClient: results.Silent,
	})
}
