package refactorstorage

import (
	"github.com/intbench/intbench/evolution"
	"github.com/intbench/intbench/evolution/grpckit"
	grpctransport "github.com/intbench/intbench/transports/grpc"
)

// The gRPC contract does not change: the provider's v1 server runs over
// the migrated database with its v2 store (Change.Store).
func init() {
	evolution.RegisterVariant(Name, grpckit.Pattern, evolution.Variant{Side: evolution.V1(grpctransport.New()), Migrate: true})
}
