package grpctransport

import (
	"bytes"
	"flag"
	"net"
	"sync"
	"testing"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/encoding/protowire"

	"github.com/intbench/intbench/internal/fuzzx"
	"github.com/intbench/intbench/transports"
)

var update = flag.Bool("update", false, "rewrite the fuzz seed corpora in testdata/fuzz")

// exchange is one call's messages as they travelled: the request the
// real client sent, and the response or status the real server answered.
type exchange struct {
	fuzzx.Exchange // Request and Response hold the messages alone
	code           codes.Code
	message        string
}

// recorder is a gRPC server that passes every call's message on to a
// real server and records both.
type recorder struct {
	cc  *grpc.ClientConn
	mu  sync.Mutex
	got []exchange
}

func (r *recorder) handle(_ any, stream grpc.ServerStream) error {
	var in, out []byte
	if err := stream.RecvMsg(&in); err != nil {
		return err
	}
	method, _ := grpc.MethodFromServerStream(stream)
	err := r.cc.Invoke(stream.Context(), method, &in, &out)
	st := status.Convert(err)
	r.mu.Lock()
	r.got = append(r.got, exchange{Exchange: fuzzx.Exchange{Request: in, Response: out}, code: st.Code(), message: st.Message()})
	r.mu.Unlock()
	if err != nil {
		return err
	}
	return stream.SendMsg(&out)
}

// recordTraffic makes fuzzx.Calls with the real client through a recorder
// in front of a real server.
func recordTraffic(t *testing.T) []exchange {
	srv := startServer(t, fuzzx.Service(), 0)
	r := &recorder{cc: rawConn(t, srv.Addr())}
	r.cc.Connect()
	gs := grpc.NewServer(grpc.ForceServerCodecV2(rawCodec{}), grpc.UnknownServiceHandler(r.handle))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go gs.Serve(ln)
	defer gs.Stop()
	var out []exchange
	for i, c := range fuzzx.Calls {
		cl := startClient(t, ln.Addr().String(), nil)
		c.Do(testCtx(t), cl)
		cl.Close()
		if len(r.got) != i+1 {
			t.Fatalf("%s: %d calls recorded, want %d", c.Name, len(r.got), i+1)
		}
		x := r.got[i]
		x.Name, x.Op = c.Name, c.Op
		out = append(out, x)
	}
	return out
}

// TestFuzzSeeds keeps the seed corpora in step with the code that makes
// them: real messages, their truncations and hostile ones.
func TestFuzzSeeds(t *testing.T) {
	traffic := recordTraffic(t)
	var plain []fuzzx.Exchange
	for _, x := range traffic {
		plain = append(plain, x.Exchange)
	}
	fuzzx.SyncCorpus(t, "FuzzMessages", messageSeeds(plain), *update)
	fuzzx.SyncCorpus(t, "FuzzServer", serverSeeds(plain), *update)
	fuzzx.SyncCorpus(t, "FuzzClient", clientSeeds(traffic), *update)
}

// Field numbers and kinds of the hostile messages (orders.proto).
const (
	kindPlace, kindList, kindCustomer, kindOrder, kindPage byte = 1, 2, 3, 4, 5

	fieldPlaceItems = 2 // PlaceOrderRequest.items
	fieldOrderItems = 4 // Order.items
	fieldOrders     = 1 // ListOrdersResponse.orders
	fieldNote       = 3 // PlaceOrderRequest.note
	fieldTags       = 6 // Customer.tags
)

// many is n copies of the empty message in field num.
func many(num protowire.Number, n int) []byte {
	var b []byte
	for range n {
		b = protowire.AppendTag(b, num, protowire.BytesType)
		b = protowire.AppendVarint(b, 0)
	}
	return b
}

// groups nests n unknown groups (field 99).
func groups(n int) []byte {
	start := protowire.AppendTag(nil, 99, protowire.StartGroupType)
	end := protowire.AppendTag(nil, 99, protowire.EndGroupType)
	return append(bytes.Repeat(start, n), bytes.Repeat(end, n)...)
}

// hostile are messages that break a decoder or its budget, by kind.
func hostile() []struct {
	name string
	kind byte
	b    []byte
} {
	hugeLength := protowire.AppendVarint(protowire.AppendTag(nil, fieldNote, protowire.BytesType), 1<<62)
	return []struct {
		name string
		kind byte
		b    []byte
	}{
		{"deep-unknown-groups", kindCustomer, groups(transports.MaxDepth + 2)},
		{"huge-length", kindPlace, hugeLength},
		{"invalid-utf8", kindPlace, protowire.AppendString(protowire.AppendTag(nil, fieldNote, protowire.BytesType), "\xff\xfe")},
		{"overlong-varint", kindList, []byte{0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01}},
		{"wrong-wire-type", kindOrder, protowire.AppendFixed32(protowire.AppendTag(nil, fieldOrderItems, protowire.Fixed32Type), 1)},
		{"negative-enum", kindOrder, protowire.AppendVarint(protowire.AppendTag(nil, 3, protowire.VarintType), 1<<64-1)},
		{"many-empty-orders", kindPage, many(fieldOrders, 2000)},
		{"many-empty-items", kindPlace, many(fieldPlaceItems, 2000)},
		{"many-empty-order-items", kindOrder, many(fieldOrderItems, 2000)},
		{"many-empty-tags", kindCustomer, many(fieldTags, 2000)},
	}
}

func messageSeeds(traffic []fuzzx.Exchange) []fuzzx.Seed {
	// The traffic's requests are kinds 0..2 by op, its responses 3..5.
	request := func(x fuzzx.Exchange) []byte { return x.Request }
	response := func(x fuzzx.Exchange) []byte { return x.Response }
	var out []fuzzx.Seed
	for _, s := range fuzzx.Real(traffic, request, func(x fuzzx.Exchange, b []byte) []any { return []any{x.Op, b} }) {
		s.Name = "request-" + s.Name
		out = append(out, s)
	}
	for _, s := range fuzzx.Real(traffic, response, func(x fuzzx.Exchange, b []byte) []any { return []any{x.Op + 3, b} }) {
		s.Name = "response-" + s.Name
		out = append(out, s)
	}
	for _, h := range hostile() {
		out = append(out, fuzzx.Hostile(h.name, h.kind, h.b))
	}
	return out
}

func serverSeeds(traffic []fuzzx.Exchange) []fuzzx.Seed {
	request := func(x fuzzx.Exchange) []byte { return x.Request }
	out := fuzzx.Real(traffic, request, func(x fuzzx.Exchange, b []byte) []any { return []any{x.Op, b} })
	for _, h := range hostile() {
		if h.kind < kindCustomer {
			out = append(out, fuzzx.Hostile(h.name, h.kind, h.b))
		}
	}
	out = append(out, fuzzx.Hostile("over-the-limit", kindPlace, protowire.AppendString(protowire.AppendTag(nil, fieldNote, protowire.BytesType), string(bytes.Repeat([]byte("n"), fuzzMaxBody)))))
	out = append(out, fuzzx.Hostile("deep-unknown-groups", byte(0), groups(transports.MaxDepth+2)))
	return out
}

func clientSeeds(traffic []exchange) []fuzzx.Seed {
	var out []fuzzx.Seed
	for _, x := range traffic {
		args := func(_ fuzzx.Exchange, b []byte) []any { return []any{x.Op, byte(x.code), x.message, b} }
		out = append(out, fuzzx.Real([]fuzzx.Exchange{x.Exchange}, func(x fuzzx.Exchange) []byte { return x.Response }, args)...)
	}
	status := func(name string, code codes.Code, message string) fuzzx.Seed {
		return fuzzx.Hostile(name, byte(0), byte(code), message, []byte{})
	}
	out = append(out,
		status("unknown-code", codes.Unknown, "x"),
		status("data-loss", codes.DataLoss, "x"),
		status("unauthenticated", codes.Unauthenticated, "x"),
		status("invalid-utf8-message", codes.NotFound, "\xff\xfe"),
		status("percent-message", codes.Internal, "%zz%00\r\n"),
	)
	for _, h := range hostile() {
		if h.kind >= kindCustomer {
			out = append(out, fuzzx.Hostile(h.name, h.kind-3, byte(codes.OK), "", h.b))
		}
	}
	return out
}
