package widentype

import (
	"testing"

	"github.com/intbench/intbench/evolution/evolutiontest"
	"github.com/intbench/intbench/evolution/grpckit"
	"github.com/intbench/intbench/results"
)

// int32 and int64 are the same varint on the wire, for values in range.
func TestGRPC(t *testing.T) {
	evolutiontest.Pin(t, Name, grpckit.Pattern, evolutiontest.Want{OldClient: map[string]string{"": results.Compatible}, NewClient: results.Compatible})
}
