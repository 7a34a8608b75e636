package addfield

import (
	"testing"

	"github.com/intbench/intbench/evolution/evolutiontest"
	"github.com/intbench/intbench/evolution/grpckit"
	"github.com/intbench/intbench/results"
)

// Old clients skip the new field (an unknown field, kept in the message);
// a v2 client of a v1 server reads loyalty_points as 0: proto3 cannot
// tell a field not sent from a zero.
func TestGRPC(t *testing.T) {
	evolutiontest.Pin(t, Name, grpckit.Pattern, evolutiontest.Want{OldClient: map[string]string{"": results.Compatible}, NewClient: results.Silent})
}
