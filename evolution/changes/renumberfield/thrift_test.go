package renumberfield

import (
	"testing"

	"github.com/intbench/intbench/evolution/evolutiontest"
	"github.com/intbench/intbench/evolution/thriftkit"
	"github.com/intbench/intbench/results"
)

// A changed id is a different field: each side skips the other's email
// and reads its own as "", without an error, both ways.
func TestThrift(t *testing.T) {
	evolutiontest.Pin(t, Name, thriftkit.Pattern, evolutiontest.Want{
		OldClient: map[string]string{"": results.Silent},
		NewClient: results.Silent,
	})
}
