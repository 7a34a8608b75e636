package refactorstorage

import (
	"github.com/intbench/intbench/evolution"
	"github.com/intbench/intbench/transports/soap"
)

// The SOAP contract does not change: v2 is v1's server over the provider's
// v2 store and migrated database.
func init() {
	evolution.RegisterVariant(Name, "soap", evolution.Variant{Side: evolution.V1(soap.New()), Migrate: true})
}
