package grpctransport

import (
	"context"
	"errors"
	"net"
	"sync"
	"testing"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/encoding"
	"google.golang.org/grpc/mem"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"

	"github.com/intbench/intbench/internal/fuzzx"
	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/transports"
	pb "github.com/intbench/intbench/transports/grpc/gen/ordersv1"
)

// The fuzz targets feed every path a peer reaches: each generated
// message's decoding by gRPC's codec with our conversion to the service's
// types (both sides, FuzzMessages); a request message through a real
// server, its handler and our adapter (FuzzServer); a reply message or
// status to the real client (FuzzClient). Their seed corpora
// (testdata/fuzz) come from TestFuzzSeeds.

// Budgets: 1.5 times the worst case measured, the input that allocates
// most for its size (a long run of the smallest element), rounded up;
// such runs are seeds, so go test checks that the budgets hold them. An
// empty message in a repeated field is 2 bytes (tag and length 0) and
// decodes to a whole generated struct (its internal state, unknown
// fields, size cache) and a pointer in a growing slice.
var (
	// messageBudget: 136 bytes a byte measured for a page of empty orders
	// (a pb.Order and its pointer in a growing slice, then a 104-byte
	// service.Order, for 2 bytes); 76 for empty line items.
	messageBudget = fuzzx.Budget{PerByte: 208, Fixed: 32 << 10}
	// serverBudget: 103 bytes a byte measured for empty line items (the
	// message buffered by gRPC, decoded, converted, refused by the core).
	// Fixed: HTTP/2 frames and buffers both ways and the stream's
	// goroutines (the connection is set up before: 185 KiB measured for its first call), and
	// the largest answer from the seeded data.
	serverBudget = fuzzx.Budget{PerByte: 160, Fixed: 256 << 10}
	// clientBudget: 162 bytes a byte measured for a page of empty orders,
	// as for messageBudget with the message buffered by gRPC. Fixed as for
	// the server.
	clientBudget = fuzzx.Budget{PerByte: 256, Fixed: 256 << 10}
)

// fuzzMaxBody is the server's message limit under fuzzing: small, so
// that messages over it are within the fuzzer's reach.
const fuzzMaxBody = 64 << 10

// message is one generated message and what our code makes of it.
type message struct {
	name    string
	new     func() proto.Message
	convert func(proto.Message) any
}

// messages are the six messages a peer sends: requests (the server
// decodes them), then responses (the client does).
var messages = []message{
	{"GetCustomerRequest", func() proto.Message { return new(pb.GetCustomerRequest) }, func(m proto.Message) any { return m.(*pb.GetCustomerRequest).GetId() }},
	{"PlaceOrderRequest", func() proto.Message { return new(pb.PlaceOrderRequest) }, func(m proto.Message) any { return placeFromPB(m.(*pb.PlaceOrderRequest)) }},
	{"ListOrdersRequest", func() proto.Message { return new(pb.ListOrdersRequest) }, func(m proto.Message) any { return listFromPB(m.(*pb.ListOrdersRequest)) }},
	{"Customer", func() proto.Message { return new(pb.Customer) }, func(m proto.Message) any { return customerFromPB(m.(*pb.Customer)) }},
	{"Order", func() proto.Message { return new(pb.Order) }, func(m proto.Message) any { return orderFromPB(m.(*pb.Order)) }},
	{"ListOrdersResponse", func() proto.Message { return new(pb.ListOrdersResponse) }, func(m proto.Message) any { return pageFromPB(m.(*pb.ListOrdersResponse)) }},
}

// FuzzMessages decodes b as message kind (mod 6) with the codec gRPC
// uses, and converts what decodes to the service's types: what decodes
// re-encodes to bytes that decode to an equal message.
func FuzzMessages(f *testing.F) {
	codec := encoding.GetCodecV2("proto")
	f.Fuzz(func(t *testing.T, kind byte, b []byte) {
		m := messages[int(kind)%len(messages)]
		msg := m.new()
		var err error
		messageBudget.Call(t, len(b), func(context.Context) {
			if err = codec.Unmarshal(mem.BufferSlice{mem.SliceBuffer(b)}, msg); err == nil {
				m.convert(msg)
			}
		})
		if err != nil {
			return
		}
		again, err := proto.Marshal(msg)
		if err != nil {
			t.Fatalf("%s decodes but does not encode: %v", m.name, err)
		}
		back := m.new()
		if err := proto.Unmarshal(again, back); err != nil || !proto.Equal(msg, back) {
			t.Fatalf("%s changes in a round trip: %v", m.name, err)
		}
	})
}

// methods are the service's methods and their response messages.
var methods = []struct {
	name     string
	response func() proto.Message
}{
	{"GetCustomer", func() proto.Message { return new(pb.Customer) }},
	{"PlaceOrder", func() proto.Message { return new(pb.Order) }},
	{"ListOrders", func() proto.Message { return new(pb.ListOrdersResponse) }},
}

// FuzzServer sends body as the request message of method (mod 3) to a
// real server: it answers with a response that decodes, or a status of
// the contract (or gRPC-go's own for what it refuses itself).
func FuzzServer(f *testing.F) {
	srv, err := newServer(context.Background(), transports.ServeConfig{
		Backend: transports.Backend{Service: fuzzx.Service()}, Limits: transports.Limits{MaxBodyBytes: fuzzMaxBody}})
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { srv.Close() })
	cc, err := grpc.NewClient("passthrough:///"+srv.Addr(), grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithDefaultCallOptions(grpc.ForceCodecV2(rawCodec{})))
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { cc.Close() })
	// The connection's set-up is not the message's cost: one call first.
	warm := []byte{}
	var out []byte
	if err := cc.Invoke(context.Background(), methodPrefix+"GetCustomer", &warm, &out); status.Code(err) == codes.Unavailable {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, method byte, body []byte) {
		m := methods[int(method)%len(methods)]
		var out []byte
		var err error
		serverBudget.Call(t, len(body), func(ctx context.Context) {
			err = cc.Invoke(ctx, methodPrefix+m.name, &body, &out)
		})
		switch code := status.Code(err); code {
		case codes.OK:
			if err := proto.Unmarshal(out, m.response()); err != nil {
				t.Fatalf("%s answers a message that does not decode: %v", m.name, err)
			}
		case codes.NotFound, codes.InvalidArgument, codes.AlreadyExists, codes.Unavailable, codes.Internal, codes.ResourceExhausted:
		default:
			t.Fatalf("%s answers %v, a code the server does not send: %v", m.name, code, err)
		}
	})
}

// fakeServer answers every call with the message or status it is given.
type fakeServer struct {
	mu      sync.Mutex
	code    codes.Code
	message string
	reply   []byte
}

func (s *fakeServer) set(code codes.Code, message string, reply []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.code, s.message, s.reply = code, message, reply
}

// handle is the server's handler of every method.
func (s *fakeServer) handle(_ any, stream grpc.ServerStream) error {
	var in []byte
	if err := stream.RecvMsg(&in); err != nil {
		return err
	}
	s.mu.Lock()
	code, message, reply := s.code, s.message, s.reply
	s.mu.Unlock()
	if code != codes.OK {
		return status.Error(code, message)
	}
	return stream.SendMsg(&reply)
}

// FuzzClient answers a call of op (mod 3) by the real client with reply
// as the response message, or with the status of code (mod 17) and
// message when code is not OK: it fails with a classified error or
// returns what the reply holds.
func FuzzClient(f *testing.F) {
	fake := &fakeServer{}
	gs := grpc.NewServer(grpc.ForceServerCodecV2(rawCodec{}), grpc.UnknownServiceHandler(fake.handle))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		f.Fatal(err)
	}
	go gs.Serve(ln)
	f.Cleanup(gs.Stop)
	cl, err := newClient(context.Background(), ln.Addr().String(), transports.DialConfig{})
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { cl.Close() })
	// The connection's set-up is not the reply's cost: one call first.
	fake.set(codes.NotFound, "warm-up", nil)
	if err := fuzzx.Op(context.Background(), cl, 0); !errors.Is(err, service.ErrNotFound) {
		f.Fatalf("warm-up call: %v", err)
	}
	f.Fuzz(func(t *testing.T, op, code byte, message string, reply []byte) {
		fake.set(codes.Code(code%17), message, reply)
		var err error
		clientBudget.Call(t, len(message)+len(reply), func(ctx context.Context) {
			err = fuzzx.Op(ctx, cl, op)
		})
		fuzzx.CheckError(t, err)
	})
}
