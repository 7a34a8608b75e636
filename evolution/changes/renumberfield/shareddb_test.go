package renumberfield

import (
	"testing"

	"github.com/intbench/intbench/evolution/evolutiontest"
	"github.com/intbench/intbench/results"
)

// Columns have names, not numbers.
func TestSharedDB(t *testing.T) {
	evolutiontest.Pin(t, Name, "shareddb", evolutiontest.Want{
		OldClient: map[string]string{"": results.NotApplicable},
		NewClient: results.NotApplicable,
	})
}
