package addrequiredinput

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

// grpcContract is the gRPC v2: the v2 provider refuses an order without
// a currency and echoes the currency it was given in the placed order
// (its store keeps none, so ListOrders leaves Order.currency empty); v2
// clients send one.
var grpcContract = grpckit.Contract{
	Descriptors: grpcV2,
	Provider: grpckit.Provider{
		Place: func(req protoreflect.Message) error {
			if !grpckit.Has(req, "currency") {
				return service.Errorf(service.KindInvalidArgument, "currency is required")
			}
			return nil
		},
		Placed: func(req, order protoreflect.Message) error {
			return grpckit.Set(order, "currency", req.Get(req.Descriptor().Fields().ByName("currency")).String())
		},
	},
	Consumer: grpckit.Consumer{Place: func(req protoreflect.Message) error {
		return grpckit.Set(req, "currency", evolution.Currency)
	}},
}

func init() { grpckit.Register(Name, grpcContract) }
