package widentype

import (
	"github.com/intbench/intbench/evolution"
	"github.com/intbench/intbench/evolution/sharedkit"
	"github.com/intbench/intbench/transports/shareddb"
)

// The v2 consumer's SQL is the v1 consumer's (sharedkit's statements
// already write quantities as bigint[], which an int column takes by
// assignment); its orders are sharedkit.Order, whose quantities are the
// widened column's int64.
func init() {
	s := sharedkit.V1()
	s.Order = func(o sharedkit.Order) (any, error) { return o, nil }
	evolution.RegisterVariant(Name, shareddb.Name, evolution.Variant{Side: sharedkit.Side(s), Migrate: true})
}
