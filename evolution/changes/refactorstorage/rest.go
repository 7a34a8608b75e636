package refactorstorage

import (
	"github.com/intbench/intbench/evolution"
	"github.com/intbench/intbench/evolution/restkit"
	"github.com/intbench/intbench/transports/rest"
)

// The provider updated its server with the storage: the v2 server is the
// v1 code over the v2 store (newStore) on the migrated database.
func init() {
	evolution.RegisterVariant(Name, restkit.Pattern, evolution.Variant{Side: evolution.V1(rest.New()), Migrate: true})
}
