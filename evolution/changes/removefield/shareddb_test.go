package removefield

import (
	"testing"

	"github.com/intbench/intbench/evolution/evolutiontest"
	"github.com/intbench/intbench/results"
)

// The v1 consumer cannot start (column email does not exist); the v2
// consumer, which does not read it, works on the v1 database.
func TestSharedDB(t *testing.T) {
	evolutiontest.Pin(t, Name, "shareddb", evolutiontest.Want{
		OldClient: map[string]string{"": results.Loud},
		NewClient: results.Compatible,
	})
}
