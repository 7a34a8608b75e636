package moveresource

import (
	"github.com/intbench/intbench/evolution"
	"github.com/intbench/intbench/evolution/sharedkit"
	"github.com/intbench/intbench/transports/shareddb"
)

// The v2 consumer's order SQL names the tables where the migration moved
// them: schema sales.
func init() {
	s := sharedkit.V1()
	s.Statements = sharedkit.Layout{Orders: "sales.orders", LineItems: "sales.line_items"}.Statements()
	evolution.RegisterVariant(Name, shareddb.Name, evolution.Variant{Side: sharedkit.Side(s), Migrate: true})
}
