package widentype

import (
	"testing"

	"github.com/intbench/intbench/evolution/evolutiontest"
	"github.com/intbench/intbench/evolution/thriftkit"
	"github.com/intbench/intbench/results"
)

// i32 to i64 changes the field's wire type. The generated reader skips a
// field whose type is not the IDL's, so the quantity is missing, and it is
// required: loud both ways, for list-orders (the response) and place-order
// (the request: the server refuses it, no order is placed), with an error
// that says the field is not set. A default-requiredness field would be
// skipped the same way and read as 0, silently (so the generated reader
// says; not measured here).
func TestThrift(t *testing.T) {
	evolutiontest.Pin(t, Name, thriftkit.Pattern, evolutiontest.Want{
		OldClient: map[string]string{"": results.Loud},
		NewClient: results.Loud,
	})
}
