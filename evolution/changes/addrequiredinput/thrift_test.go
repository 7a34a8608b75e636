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
// Silent, not compatible: the v2 Order echoes the currency (optional),
// and the v1 server's order has none, so the v2 client reads
// order.Currency nil where its own server echoes "EUR". Before the echo
// no field of the answer showed the skipped currency, and this cell read
// compatible.
func TestThrift(t *testing.T) {
	evolutiontest.Pin(t, Name, thriftkit.Pattern, evolutiontest.Want{
		OldClient: map[string]string{"": results.Loud},
		NewClient: results.Silent,
		NewFields: []string{"order.Currency"},
	})
}
