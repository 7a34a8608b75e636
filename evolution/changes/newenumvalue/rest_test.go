package newenumvalue

import (
	"testing"

	"github.com/intbench/intbench/evolution/evolutiontest"
	"github.com/intbench/intbench/evolution/restkit"
	"github.com/intbench/intbench/results"
)

// A status is a string to every client: v1 clients take refunded without
// a word; the v2 client reads the stored status from the v1 server.
func TestREST(t *testing.T) {
	evolutiontest.Pin(t, Name, "rest", evolutiontest.Want{
		OldClient: map[string]string{"": results.Silent, restkit.LinksFlavour: results.Silent},
		NewClient: results.Compatible,
	})
}
