package addrequiredinput

import (
	"testing"

	"github.com/intbench/intbench/evolution/evolutiontest"
	"github.com/intbench/intbench/evolution/thriftkit"
	"github.com/intbench/intbench/results"
)

// The currency is required in the v2 IDL, so the v2 server's generated
// decoder refuses a v1 request before the handler sees it: a
// TApplicationException PROTOCOL_ERROR ("Required field Currency is not
// set"), which transports/thrift's client maps to InvalidArgument. A v1
// server skips the currency a v2 client sends, and places the order.
func TestThrift(t *testing.T) {
	evolutiontest.Pin(t, Name, thriftkit.Pattern, evolutiontest.Want{
		OldClient: map[string]string{"": results.Loud},
		NewClient: results.Compatible,
	})
}
