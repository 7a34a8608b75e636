package addrequiredinput

import (
	"testing"

	"github.com/intbench/intbench/evolution/evolutiontest"
	"github.com/intbench/intbench/evolution/restkit"
	"github.com/intbench/intbench/results"
)

// v1 clients' orders lack the currency and are refused (400
// InvalidArgument); the v1 server refuses the v2 client's currency as an
// unknown member (it decodes strictly), so adding input breaks both ways.
// The v2 placed order's echo of the currency (TestEcho) changes neither:
// the v1 server refuses the v2 client's order before there is an answer
// to read, so nothing is lost silently.
func TestREST(t *testing.T) {
	evolutiontest.Pin(t, Name, "rest", evolutiontest.Want{
		OldClient: map[string]string{"": results.Loud, restkit.LinksFlavour: results.Loud},
		NewClient: results.Loud,
	})
}
