package removefield

import (
	"testing"

	"github.com/intbench/intbench/evolution/evolutiontest"
	"github.com/intbench/intbench/evolution/thriftkit"
	"github.com/intbench/intbench/results"
)

// A v1 client gets no email (id 3) from a v2 server and reads the
// default-requiredness field as "", without an error. A v2 client skips
// the email a v1 server still sends.
func TestThrift(t *testing.T) {
	evolutiontest.Pin(t, Name, thriftkit.Pattern, evolutiontest.Want{
		OldClient: map[string]string{"": results.Silent},
		NewClient: results.Compatible,
	})
}
