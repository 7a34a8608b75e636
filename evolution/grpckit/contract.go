package grpckit

import (
	"fmt"

	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protodesc"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/descriptorpb"

	"github.com/intbench/intbench/service"
)

// The operations of the contract, by their v1 method names.
const (
	GetCustomer = "GetCustomer"
	ListOrders  = "ListOrders"
	PlaceOrder  = "PlaceOrder"
)

// v1Service is the service that holds every operation in v1.
const v1Service = "intbench.orders.v1.OrdersService"

// Contract is one change's v2 gRPC contract: its descriptors, and what its
// provider and clients do beyond mapping the service's values by name.
type Contract struct {
	// Descriptors is protoc's --descriptor_set_out of the v2 .proto
	// (with --include_imports).
	Descriptors []byte
	// Methods are the full names of the methods v2 moved, by operation
	// (ListOrders: "intbench.orders.v1.OrderHistoryService.ListOrders").
	// The others keep v1's, "intbench.orders.v1.OrdersService.<op>".
	Methods map[string]string
	// Renames are the v2 names of the fields v2 renamed, by message and
	// v1 name ("Customer.name": "full_name").
	Renames map[string]string
	// Provider is what the v2 server adds.
	Provider Provider
	// Consumer is what the v2 client adds.
	Consumer Consumer
}

// Provider holds what a v2 server does beyond serving the service's
// values by name. Nil hooks do nothing.
type Provider struct {
	// Customer sets the fields v2 derives for a customer in m.
	Customer func(c service.Customer, m protoreflect.Message) error
	// Order changes what v2 reports of an order in m.
	Order func(o service.Order, m protoreflect.Message) error
	// Place checks a PlaceOrder request before the service sees it; its
	// error (a service error) is the call's.
	Place func(req protoreflect.Message) error
	// Placed sets what v2 reports back of a PlaceOrder request in the
	// placed order (an input it echoes), once order holds the service's
	// answer.
	Placed func(req, order protoreflect.Message) error
}

// Consumer holds what a v2 client does beyond sending the service's
// values by name. Nil hooks do nothing.
type Consumer struct {
	// Place sets the inputs v2 added to a PlaceOrder request.
	Place func(req protoreflect.Message) error
}

// contract is a Contract with its descriptors resolved.
type contract struct {
	Contract
	methods map[string]protoreflect.MethodDescriptor // by operation
}

// compile resolves c's descriptors and the method of every operation.
func compile(c Contract) (*contract, error) {
	var set descriptorpb.FileDescriptorSet
	if err := proto.Unmarshal(c.Descriptors, &set); err != nil {
		return nil, fmt.Errorf("grpckit: descriptor set: %w", err)
	}
	files, err := protodesc.NewFiles(&set)
	if err != nil {
		return nil, fmt.Errorf("grpckit: descriptor set: %w", err)
	}
	out := &contract{Contract: c, methods: map[string]protoreflect.MethodDescriptor{}}
	for _, op := range []string{GetCustomer, ListOrders, PlaceOrder} {
		name, ok := c.Methods[op]
		if !ok {
			name = v1Service + "." + op
		}
		d, err := files.FindDescriptorByName(protoreflect.FullName(name))
		if err != nil {
			return nil, fmt.Errorf("grpckit: %s: %w", op, err)
		}
		md, ok := d.(protoreflect.MethodDescriptor)
		if !ok {
			return nil, fmt.Errorf("grpckit: %s: %s is not a method", op, name)
		}
		out.methods[op] = md
	}
	return out, nil
}

// path is md's gRPC method path, "/package.Service/Method".
func path(md protoreflect.MethodDescriptor) string {
	return "/" + string(md.Parent().FullName()) + "/" + string(md.Name())
}
