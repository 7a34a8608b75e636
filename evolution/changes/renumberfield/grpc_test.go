package renumberfield

import (
	"testing"

	"github.com/intbench/intbench/evolution/evolutiontest"
	"github.com/intbench/intbench/evolution/grpckit"
	"github.com/intbench/intbench/results"
)

// Field 3 and field 7 are different fields to protobuf: each side skips
// the other's email as unknown and reads its own as "".
func TestGRPC(t *testing.T) {
	evolutiontest.Pin(t, Name, grpckit.Pattern, evolutiontest.Want{OldClient: map[string]string{"": results.Silent}, NewClient: results.Silent})
}
