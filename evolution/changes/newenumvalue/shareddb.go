package newenumvalue

import (
	"github.com/intbench/intbench/evolution"
	"github.com/intbench/intbench/evolution/sharedkit"
	"github.com/intbench/intbench/transports/shareddb"
)

// The v2 consumer's SQL and types are the v1 ones: a status is text to
// both, and neither checks it on reading, so the new value is only in the
// data and the provider's check (the migration).
func init() {
	evolution.RegisterVariant(Name, shareddb.Name, evolution.Variant{Side: sharedkit.Side(sharedkit.V1()), Migrate: true})
}
