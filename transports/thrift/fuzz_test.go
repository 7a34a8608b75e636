package thrift

import (
	"context"
	"encoding/binary"
	"fmt"
	"testing"

	"github.com/apache/thrift/lib/go/thrift"

	"github.com/intbench/intbench/internal/fuzzx"
	"github.com/intbench/intbench/transports"
	"github.com/intbench/intbench/transports/thrift/gen/orders"
)

// The fuzz targets feed every path a peer reaches, in both protocols: a
// connection's bytes (frames, whole or not) to the server's connection
// loop and its processor, and a reply's bytes to the client. Their seed
// corpora (testdata/fuzz) come from TestFuzzSeeds.

// Budgets: 1.5 times the worst case measured, the input that allocates
// most for its size (a long run of the smallest element), rounded up;
// such runs are seeds, so go test checks that the budgets hold them. A
// list's count is checked against the frame's bytes left before the list
// is allocated; the generated code refuses a struct without its required
// fields as soon as it ends.
var (
	// serverBudget: 11.2 bytes a byte measured for a list of empty line
	// items (refused at the first: what costs is reading the frame, which
	// the framed transport does into a buffer grown in steps), 7.7 for the
	// smallest valid ones in the compact protocol (7 bytes each, then a
	// 40-byte LineItem and its pointer and a 32-byte service.LineItem),
	// refused by the core before any answer. Fixed: the connection's
	// buffers (the framed transport's, the write buffer's 16 KiB), a
	// goroutine per call (the library's connectivity check) and the
	// largest answer from the seeded data.
	serverBudget = fuzzx.Budget{PerByte: 24, Fixed: 192 << 10}
	// clientBudget: 21.3 bytes a byte measured for a page of the smallest
	// valid orders in the compact protocol (9 bytes each, then an Order
	// and its pointer and a 104-byte service.Order), 16.5 for empty tags.
	// Fixed: a client, its pool and settings, the connection's buffers.
	clientBudget = fuzzx.Budget{PerByte: 32, Fixed: 192 << 10}
)

// fuzzMaxBody is the servers' frame limit under fuzzing: small, so that
// frames over it are within the fuzzer's reach.
const fuzzMaxBody = 64 << 10

func FuzzServerBinary(f *testing.F)  { fuzzServer(f, Binary) }
func FuzzServerCompact(f *testing.F) { fuzzServer(f, Compact) }
func FuzzClientBinary(f *testing.F)  { fuzzClient(f, Binary) }
func FuzzClientCompact(f *testing.F) { fuzzClient(f, Compact) }

// fuzzServer feeds the bytes a client sends on a connection to the
// server's connection loop in protocol p: every answer is a whole frame
// holding a message a client reads.
func fuzzServer(f *testing.F, p Protocol) {
	s := newConnServer(p, orders.NewOrdersProcessor(handler{svc: fuzzx.Service()}), transports.Limits{MaxBodyBytes: fuzzMaxBody}.WithDefaults())
	f.Cleanup(s.cancel)
	f.Fuzz(func(t *testing.T, stream []byte) {
		peer := fuzzx.NewPeer(stream)
		serverBudget.Call(t, len(stream), func(context.Context) { s.serveConn(peer) })
		checkAnswers(t, p, peer.Sent())
	})
}

// checkAnswers fails t unless out is whole frames, each a reply or an
// exception that decodes in protocol p.
func checkAnswers(t *testing.T, p Protocol, out []byte) {
	t.Helper()
	for len(out) > 0 {
		if len(out) < frameHeader {
			t.Fatalf("answer ends in a partial length prefix: % x", out)
		}
		n := int(binary.BigEndian.Uint32(out))
		out = out[frameHeader:]
		if n > len(out) {
			t.Fatalf("answer frame of %d bytes with %d left", n, len(out))
		}
		if err := readAnswer(p, out[:n]); err != nil {
			t.Fatalf("answer frame does not decode: %v: % x", err, out[:n])
		}
		out = out[n:]
	}
}

// readAnswer decodes one answer message as a client would.
func readAnswer(p Protocol, msg []byte) error {
	ctx := context.Background()
	buf := thrift.NewTMemoryBufferLen(len(msg))
	buf.Write(msg)
	in := protocolFactory(p, limitConf(transports.DefaultMaxResponseBytes)).GetProtocol(buf)
	name, typ, _, err := in.ReadMessageBegin(ctx)
	if err != nil {
		return err
	}
	var body interface {
		Read(context.Context, thrift.TProtocol) error
	}
	switch {
	case typ == thrift.EXCEPTION:
		body = thrift.NewTApplicationException(0, "")
	case typ == thrift.REPLY && name == "getCustomer":
		body = orders.NewOrdersGetCustomerResult()
	case typ == thrift.REPLY && name == "placeOrder":
		body = orders.NewOrdersPlaceOrderResult()
	case typ == thrift.REPLY && name == "listOrders":
		body = orders.NewOrdersListOrdersResult()
	default:
		return fmt.Errorf("thrift: unexpected message %q of type %d", name, typ)
	}
	if err := body.Read(ctx, in); err != nil {
		return err
	}
	return in.ReadMessageEnd(ctx)
}

// fuzzClient feeds the bytes a server answers with to the client of
// protocol p, in a call of op (mod 3): it fails with a classified error
// or returns what the bytes hold.
func fuzzClient(f *testing.F, p Protocol) {
	f.Fuzz(func(t *testing.T, op byte, reply []byte) {
		var err error
		clientBudget.Call(t, len(reply), func(ctx context.Context) {
			err = fuzzx.PeerCall(ctx, func(ctx context.Context, addr string, cfg transports.DialConfig) (*client, error) {
				return newClient(ctx, p, addr, cfg)
			}, op, reply)
		})
		fuzzx.CheckError(t, err)
	})
}
