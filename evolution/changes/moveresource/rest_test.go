package moveresource

import (
	"testing"

	"github.com/intbench/intbench/evolution/evolutiontest"
	"github.com/intbench/intbench/evolution/restkit"
	"github.com/intbench/intbench/results"
)

// The client that builds URLs from v1's template gets 404 for the orders
// (list and place); the one that follows _links.orders does not notice.
// The v2 client builds v2's template, which the v1 server does not have.
func TestREST(t *testing.T) {
	evolutiontest.Pin(t, Name, "rest", evolutiontest.Want{
		OldClient: map[string]string{"": results.Loud, restkit.LinksFlavour: results.Compatible},
		NewClient: results.Loud,
	})
}
