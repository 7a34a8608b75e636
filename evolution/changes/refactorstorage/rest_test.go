package refactorstorage

import (
	"testing"

	"github.com/intbench/intbench/evolution/evolutiontest"
	"github.com/intbench/intbench/evolution/restkit"
	"github.com/intbench/intbench/results"
)

// The server was updated with its storage: nothing shows on the wire.
func TestREST(t *testing.T) {
	evolutiontest.Pin(t, Name, "rest", evolutiontest.Want{
		OldClient: map[string]string{"": results.Compatible, restkit.LinksFlavour: results.Compatible},
		NewClient: results.Compatible,
	})
}
