package grpctransport

// Regenerate gen/ordersv1 from proto/orders/v1/orders.proto with protoc
// (3.21) and the plugin versions pinned by go.mod's tool directives:
//
//	go generate ./transports/grpc/
//
//go:generate sh -c "protoc --plugin=protoc-gen-go=$(go tool -n protoc-gen-go) --plugin=protoc-gen-go-grpc=$(go tool -n protoc-gen-go-grpc) -I proto --go_out=gen --go_opt=module=github.com/intbench/intbench/transports/grpc/gen --go-grpc_out=gen --go-grpc_opt=module=github.com/intbench/intbench/transports/grpc/gen proto/orders/v1/orders.proto"
