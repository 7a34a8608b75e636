package addrequiredinput

import (
	"github.com/intbench/intbench/evolution"
	"github.com/intbench/intbench/evolution/sharedkit"
	"github.com/intbench/intbench/transports/shareddb"
)

// The v2 consumer writes every new order with its currency, the column
// the migration added as NOT NULL.
func init() {
	l := sharedkit.V1Layout
	l.Columns = []sharedkit.Column{{Name: "currency", Value: evolution.Currency}}
	s := sharedkit.V1()
	s.Statements = l.Statements()
	evolution.RegisterVariant(Name, shareddb.Name, evolution.Variant{Side: sharedkit.Side(s), Migrate: true})
}
