package newenumvalue

import (
	_ "embed" // the v2 descriptor set

	"google.golang.org/protobuf/reflect/protoreflect"

	"github.com/intbench/intbench/evolution"
	"github.com/intbench/intbench/evolution/grpckit"
	"github.com/intbench/intbench/service"
)

// grpcV2 is protoc's descriptor set of grpc/v2.proto, the gRPC pattern's
// v2 contract under this change.
//
//go:generate protoc -I grpc --include_imports --descriptor_set_out=grpc/v2.binpb grpc/v2.proto
//go:embed grpc/v2.binpb
var grpcV2 []byte

// The v2 provider reports evolution.RefundedOrder() as STATUS_REFUNDED.
func init() {
	refunded := evolution.RefundedOrder()
	grpckit.Register(Name, grpckit.Contract{
		Descriptors: grpcV2,
		Provider: grpckit.Provider{Order: func(o service.Order, m protoreflect.Message) error {
			if o.ID != refunded {
				return nil
			}
			return grpckit.Set(m, "status", evolution.RefundedStatus)
		}},
	})
}
