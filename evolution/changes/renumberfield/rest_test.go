package renumberfield

import (
	"testing"

	"github.com/intbench/intbench/evolution/evolutiontest"
	"github.com/intbench/intbench/evolution/restkit"
	"github.com/intbench/intbench/results"
)

// JSON members have names, not numbers.
func TestREST(t *testing.T) {
	evolutiontest.Pin(t, Name, "rest", evolutiontest.Want{
		OldClient: map[string]string{"": results.NotApplicable, restkit.LinksFlavour: results.NotApplicable},
		NewClient: results.NotApplicable,
	})
}
