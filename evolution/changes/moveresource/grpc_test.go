package moveresource

import (
	"testing"

	"github.com/intbench/intbench/evolution/evolutiontest"
	"github.com/intbench/intbench/evolution/grpckit"
	"github.com/intbench/intbench/results"
)

// The old method is gone: UNIMPLEMENTED (unknown method ListOrders for
// OrdersService), and a v2 client's OrderHistoryService is unknown to a
// v1 server (unknown service).
func TestGRPC(t *testing.T) {
	evolutiontest.Pin(t, Name, grpckit.Pattern, evolutiontest.Want{OldClient: map[string]string{"": results.Loud}, NewClient: results.Loud})
}
