package addfield

import (
	"testing"

	"github.com/intbench/intbench/evolution/evolutiontest"
	"github.com/intbench/intbench/evolution/thriftkit"
	"github.com/intbench/intbench/results"
)

// Thrift skips a field id it does not know, so a v1 client reads the v2
// customer whole. A v2 client of a v1 server finds the optional field
// unset: silent, though it can tell (the field is nil; its generated
// getter says 0).
func TestThrift(t *testing.T) {
	evolutiontest.Pin(t, Name, thriftkit.Pattern, evolutiontest.Want{
		OldClient: map[string]string{"": results.Compatible},
		NewClient: results.Silent,
	})
}
