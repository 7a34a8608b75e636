package rawtcp

import (
	"context"
	"encoding/binary"
	"net"
	"reflect"
	"testing"

	"github.com/intbench/intbench/internal/fuzzx"
	"github.com/intbench/intbench/transports"
)

// The fuzz targets feed every path a peer reaches: a request payload to
// the decoder, a connection's bytes to the server, a reply's bytes to the
// client. Their seed corpora (testdata/fuzz) come from TestFuzzSeeds.

// Budgets: 1.5 times the worst case measured, the input that allocates
// most for its size (a long run of the smallest element), rounded up;
// such runs are seeds, so go test checks that the budgets hold them. A
// payload's strings share one copy of it; a line item is at least 3 bytes
// and decodes to a 32-byte service.LineItem, an order at least 7 bytes to
// a 104-byte service.Order, a tag 1 byte to a 16-byte string header.
var (
	// decodeBudget: 10.8 bytes a byte measured for empty items.
	decodeBudget = fuzzx.Budget{PerByte: 24, Fixed: 32 << 10}
	// serverBudget: 12.2 bytes a byte measured for empty items (the
	// frame read, decoded and refused by the core), 7 for a 1 MiB note
	// echoed in the answer. Fixed: the 64 KiB allocated for a declared
	// length before its bytes arrive (maxPrealloc), the connection's 16 KiB
	// reader, and the largest answer from the seeded data.
	serverBudget = fuzzx.Budget{PerByte: 24, Fixed: 192 << 10}
	// clientBudget: 18.4 bytes a byte measured for empty tags, 17.5 for
	// empty orders. Fixed as for the server, with the client's pool and
	// settings.
	clientBudget = fuzzx.Budget{PerByte: 32, Fixed: 192 << 10}
)

// fuzzMaxBody is the servers' frame limit under fuzzing: above maxPrealloc
// so that a declared length between the two is read as it arrives, small
// enough that frames over it are within the fuzzer's reach.
const fuzzMaxBody = 128 << 10

// encodeRequest is the client's encoding of req, without the length prefix.
func encodeRequest(req request) []byte {
	b := []byte{req.op}
	switch req.op {
	case opGetCustomer:
		return appendGetCustomer(b, req.id)
	case opPlaceOrder:
		return appendPlaceOrder(b, &req.place)
	case opListOrders:
		return appendListOrders(b, &req.list)
	}
	return b
}

// FuzzDecodeRequest feeds a request payload (op byte and fields) to the
// server's decoder: what decodes re-encodes to the same request.
func FuzzDecodeRequest(f *testing.F) {
	f.Fuzz(func(t *testing.T, p []byte) {
		var req request
		var err error
		decodeBudget.Call(t, len(p), func(context.Context) { req, err = decodeRequest(p) })
		if err != nil {
			return
		}
		again, err := decodeRequest(encodeRequest(req))
		if err != nil {
			t.Fatalf("re-encoded request does not decode: %v", err)
		}
		if !reflect.DeepEqual(req, again) {
			t.Fatalf("round trip changed the request:\n got %+v\nwant %+v", again, req)
		}
	})
}

// FuzzServerConn feeds the bytes a client sends on a connection (frames,
// whole or not) to the server's connection loop: every answer is a whole
// frame, and every error frame decodes.
func FuzzServerConn(f *testing.F) {
	svc := fuzzx.Service()
	lim := transports.Limits{MaxBodyBytes: fuzzMaxBody}.WithDefaults()
	f.Fuzz(func(t *testing.T, stream []byte) {
		peer := fuzzx.NewPeer(stream)
		serverBudget.Call(t, len(stream), func(ctx context.Context) {
			s := &server{svc: svc, lim: lim, ctx: ctx, conns: map[net.Conn]struct{}{}}
			s.track(peer)
			s.serveConn(peer)
		})
		checkAnswers(t, peer.Sent())
	})
}

// checkAnswers fails t unless out is whole frames whose error frames
// decode.
func checkAnswers(t *testing.T, out []byte) {
	t.Helper()
	for len(out) > 0 {
		if len(out) < headerLen {
			t.Fatalf("answer ends in a partial length prefix: % x", out)
		}
		n := int(binary.BigEndian.Uint32(out))
		out = out[headerLen:]
		if n == 0 || n > len(out) {
			t.Fatalf("answer frame of %d bytes with %d left", n, len(out))
		}
		if status := out[0]; status != statusOK {
			r := reader{b: out[1:n]}
			if err := decodeError(status, &r); r.err != nil {
				t.Fatalf("error frame does not decode: %v", err)
			}
		}
		out = out[n:]
	}
}

// FuzzClientResponse feeds the bytes a server answers with to the client,
// in a call of op (mod 3): it fails with a classified error or returns
// what the bytes hold.
func FuzzClientResponse(f *testing.F) {
	f.Fuzz(func(t *testing.T, op byte, reply []byte) {
		var err error
		clientBudget.Call(t, len(reply), func(ctx context.Context) {
			err = fuzzx.PeerCall(ctx, newClient, op, reply)
		})
		fuzzx.CheckError(t, err)
	})
}
