package renamefield

import (
	"testing"

	"github.com/intbench/intbench/evolution/evolutiontest"
	"github.com/intbench/intbench/results"
)

// Each consumer names a column the other's schema does not have, and
// neither can start.
func TestSharedDB(t *testing.T) {
	evolutiontest.Pin(t, Name, "shareddb", evolutiontest.Want{
		OldClient: map[string]string{"": results.Loud},
		NewClient: results.Loud,
	})
}
