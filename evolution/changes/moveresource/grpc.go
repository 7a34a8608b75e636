package moveresource

import (
	_ "embed" // the v2 descriptor set

	"github.com/intbench/intbench/evolution/grpckit"
)

// grpcV2 is protoc's descriptor set of grpc/v2.proto, the gRPC pattern's
// v2 contract under this change.
//
//go:generate protoc -I grpc --include_imports --descriptor_set_out=grpc/v2.binpb grpc/v2.proto
//go:embed grpc/v2.binpb
var grpcV2 []byte

// ListOrders is served by OrderHistoryService in v2; OrdersService no
// longer has it. gRPC has no links to announce the move with: a v2
// client knows it from the v2 .proto.
func init() {
	grpckit.Register(Name, grpckit.Contract{
		Descriptors: grpcV2,
		Methods:     map[string]string{grpckit.ListOrders: "intbench.orders.v1.OrderHistoryService.ListOrders"},
	})
}
