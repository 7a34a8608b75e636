package addrequiredinput

import (
	"testing"

	"github.com/intbench/intbench/evolution/evolutiontest"
	"github.com/intbench/intbench/results"
)

// The v1 consumer's INSERT lacks the NOT NULL currency (23502); the v2
// consumer cannot start on the v1 database (no column currency). Its
// read-back of the placed order's currency (TestEcho) changes neither: a
// consumer that cannot start reads nothing back, and the v1 schema has
// nowhere to lose the currency silently.
func TestSharedDB(t *testing.T) {
	evolutiontest.Pin(t, Name, "shareddb", evolutiontest.Want{
		OldClient: map[string]string{"": results.Loud},
		NewClient: results.Loud,
	})
}
