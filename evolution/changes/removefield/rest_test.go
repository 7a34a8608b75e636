package removefield

import (
	"testing"

	"github.com/intbench/intbench/evolution/evolutiontest"
	"github.com/intbench/intbench/evolution/restkit"
	"github.com/intbench/intbench/results"
)

// v1 clients read an empty email; the v2 client ignores v1's.
func TestREST(t *testing.T) {
	evolutiontest.Pin(t, Name, "rest", evolutiontest.Want{
		OldClient: map[string]string{"": results.Silent, restkit.LinksFlavour: results.Silent},
		NewClient: results.Compatible,
	})
}
