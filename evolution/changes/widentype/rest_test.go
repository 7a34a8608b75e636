package widentype

import (
	"testing"

	"github.com/intbench/intbench/evolution/evolutiontest"
	"github.com/intbench/intbench/evolution/restkit"
	"github.com/intbench/intbench/results"
)

// JSON numbers have no width: the values are the same bytes.
func TestREST(t *testing.T) {
	evolutiontest.Pin(t, Name, "rest", evolutiontest.Want{
		OldClient: map[string]string{"": results.Compatible, restkit.LinksFlavour: results.Compatible},
		NewClient: results.Compatible,
	})
}
