package renamefield

import (
	"testing"

	"github.com/intbench/intbench/evolution/evolutiontest"
	"github.com/intbench/intbench/evolution/thriftkit"
	"github.com/intbench/intbench/results"
)

// Names are not on Thrift's wire, only ids: a rename that keeps the id is
// invisible both ways.
func TestThrift(t *testing.T) {
	evolutiontest.Pin(t, Name, thriftkit.Pattern, evolutiontest.Want{
		OldClient: map[string]string{"": results.Compatible},
		NewClient: results.Compatible,
	})
}
