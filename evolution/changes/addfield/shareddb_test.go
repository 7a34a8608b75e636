package addfield

import (
	"testing"

	"github.com/intbench/intbench/evolution/evolutiontest"
	"github.com/intbench/intbench/results"
)

// The v1 consumer names its columns, so a new one passes it by; the v2
// consumer cannot start on the v1 database (column loyalty_points does not
// exist).
func TestSharedDB(t *testing.T) {
	evolutiontest.Pin(t, Name, "shareddb", evolutiontest.Want{
		OldClient: map[string]string{"": results.Compatible},
		NewClient: results.Loud,
	})
}
