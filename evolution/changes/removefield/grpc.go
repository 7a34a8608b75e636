package removefield

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

// v2's Customer has no email field: the v2 provider does not send it.
func init() { grpckit.Register(Name, grpckit.Contract{Descriptors: grpcV2}) }
