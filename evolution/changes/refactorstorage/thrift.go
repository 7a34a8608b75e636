package refactorstorage

import (
	"github.com/intbench/intbench/evolution"
	"github.com/intbench/intbench/evolution/thriftkit"
)

// The Thrift contract does not change: the v2 provider is v1's code over
// the migrated database, with the provider's v2 store.
func init() {
	evolution.RegisterVariant(Name, thriftkit.Pattern, evolution.Variant{Side: thriftkit.V1(), Migrate: true})
}
