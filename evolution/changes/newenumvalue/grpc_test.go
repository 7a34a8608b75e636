package newenumvalue

import (
	"testing"

	"github.com/intbench/intbench/evolution/evolutiontest"
	"github.com/intbench/intbench/evolution/grpckit"
	"github.com/intbench/intbench/results"
)

// proto3 enums are open: a v1 client gets STATUS_REFUNDED as the number 5,
// which transports/grpc's client maps to status "" (as it does every
// number it does not know): silent. A v2 client of a v1 server reads v1's
// statuses, all of which it knows: compatible (the refund is v2's data,
// which the change tolerates).
func TestGRPC(t *testing.T) {
	evolutiontest.Pin(t, Name, grpckit.Pattern, evolutiontest.Want{OldClient: map[string]string{"": results.Silent}, NewClient: results.Compatible})
}
