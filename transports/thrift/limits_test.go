package thrift

import (
	"context"
	"encoding/binary"
	"errors"
	"io"
	"net"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/apache/thrift/lib/go/thrift"

	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/transports"
	"github.com/intbench/intbench/transports/thrift/gen/orders"
)

// paddedArgs writes getCustomer(1) with an unknown string field of pad
// bytes, which the server skips.
func paddedArgs(pad int) func(context.Context, thrift.TProtocol) error {
	return func(ctx context.Context, prot thrift.TProtocol) error {
		return errors.Join(prot.WriteStructBegin(ctx, "args"),
			prot.WriteFieldBegin(ctx, "id", thrift.I64, 1), prot.WriteI64(ctx, 1), prot.WriteFieldEnd(ctx),
			prot.WriteFieldBegin(ctx, "pad", thrift.STRING, 99), prot.WriteString(ctx, strings.Repeat("p", pad)), prot.WriteFieldEnd(ctx),
			prot.WriteFieldStop(ctx), prot.WriteStructEnd(ctx))
	}
}

// sizedCall is a framed getCustomer(1) call whose payload is size bytes.
func sizedCall(t *testing.T, size int) []byte {
	base := len(rawMessage(t, Binary, "getCustomer", 5, paddedArgs(0))) - 4
	return rawMessage(t, Binary, "getCustomer", 5, paddedArgs(size-base))
}

// nestedArgs writes getCustomer(1) with an unknown field holding structs
// nested levels deep.
func nestedArgs(levels int) func(context.Context, thrift.TProtocol) error {
	return func(ctx context.Context, prot thrift.TProtocol) error {
		errs := []error{prot.WriteStructBegin(ctx, "args"),
			prot.WriteFieldBegin(ctx, "id", thrift.I64, 1), prot.WriteI64(ctx, 1), prot.WriteFieldEnd(ctx)}
		for range levels {
			errs = append(errs, prot.WriteFieldBegin(ctx, "x", thrift.STRUCT, 99), prot.WriteStructBegin(ctx, "x"))
		}
		for range levels {
			errs = append(errs, prot.WriteFieldStop(ctx), prot.WriteStructEnd(ctx), prot.WriteFieldEnd(ctx))
		}
		errs = append(errs, prot.WriteFieldStop(ctx), prot.WriteStructEnd(ctx))
		return errors.Join(errs...)
	}
}

// itemsClaiming writes placeOrder arguments whose items list announces n
// elements, followed by k bytes (each an empty struct, its smallest
// encoding), where the frame ends.
func itemsClaiming(n, k int) func(context.Context, thrift.TProtocol) error {
	return func(ctx context.Context, prot thrift.TProtocol) error {
		errs := []error{prot.WriteStructBegin(ctx, "args"),
			prot.WriteFieldBegin(ctx, "req", thrift.STRUCT, 1), prot.WriteStructBegin(ctx, "PlaceOrderRequest"),
			prot.WriteFieldBegin(ctx, "items", thrift.LIST, 2), prot.WriteListBegin(ctx, thrift.STRUCT, n)}
		for range k {
			errs = append(errs, prot.WriteFieldStop(ctx))
		}
		return errors.Join(errs...)
	}
}

// The server's limits one byte, level or element either side: the frame;
// unknown structs nested 64 deep (the library's constant: a TProtocol
// error, answered PROTOCOL_ERROR, connection closed); a list announcing
// more elements than its frame's remaining bytes can hold, refused before
// anything is allocated for them.
func TestServerLimits(t *testing.T) {
	const maxBody = 4 << 10
	srv, _ := startServer(t, Binary, nil, maxBody)
	claim := func(n, k int) func(t *testing.T) []byte {
		return func(t *testing.T) []byte { return rawMessage(t, Binary, "placeOrder", 5, itemsClaiming(n, k)) }
	}
	tests := []struct {
		name    string
		msg     func(t *testing.T) []byte
		reply   bool   // a REPLY; else an exception or a closed connection
		appErr  string // in the TApplicationException, if one is expected
		allocMB uint64 // the most the server may allocate meanwhile
	}{
		{"frame at the limit", func(t *testing.T) []byte { return sizedCall(t, maxBody) }, true, "", 0},
		{"frame one byte over", func(t *testing.T) []byte { return sizedCall(t, maxBody+1) }, false, "", 0},
		{"structs nested 64 deep", func(t *testing.T) []byte { return rawMessage(t, Binary, "getCustomer", 5, nestedArgs(64)) }, true, "", 0},
		{"structs nested 65 deep", func(t *testing.T) []byte { return rawMessage(t, Binary, "getCustomer", 5, nestedArgs(65)) }, false, "Depth limit exceeded", 0},
		// Read, and refused for its empty item.
		{"list of 1 element in 1 byte", claim(1, 1), false, "Required field Sku is not set", 0},
		{"list of 2 elements in 1 byte", claim(2, 1), false, "container of 2 elements needs at least 2 bytes, only 1 remaining", 0},
		{"list of 100 million elements in 0 bytes", claim(100_000_000, 0), false, "container of 100000000 elements", 64},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			conn, err := net.Dial("tcp", srv.Addr())
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			_ = conn.SetDeadline(time.Now().Add(5 * time.Second))
			var before runtime.MemStats
			runtime.ReadMemStats(&before)
			if _, err := conn.Write(tt.msg(t)); err != nil {
				t.Fatal(err)
			}
			if tt.reply || tt.appErr != "" {
				_, typ, _, ae := readReply(t, Binary, conn)
				if tt.reply && typ != thrift.REPLY {
					t.Fatalf("reply type %v (%v), want REPLY", typ, ae)
				}
				if tt.appErr != "" && (typ != thrift.EXCEPTION || ae.TypeId() != thrift.PROTOCOL_ERROR || !strings.Contains(ae.Error(), tt.appErr)) {
					t.Fatalf("reply type %v, exception %v; want PROTOCOL_ERROR with %q", typ, ae, tt.appErr)
				}
			}
			if !tt.reply {
				// Whatever it answered, the stream is no longer trusted.
				_, err := io.Copy(io.Discard, conn)
				if errors.Is(err, os.ErrDeadlineExceeded) {
					t.Fatal("the server kept the connection")
				}
			}
			var after runtime.MemStats
			runtime.ReadMemStats(&after)
			if grown := (after.TotalAlloc - before.TotalAlloc) >> 20; tt.allocMB > 0 && grown > tt.allocMB {
				t.Fatalf("%d MiB allocated meanwhile, want at most %d", grown, tt.allocMB)
			}
		})
	}
}

// answerServer answers each framed request on its connections with a
// getCustomer reply whose payload is size bytes (padded in the name).
func answerServer(t *testing.T, size int) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go answer(c, size)
		}
	}()
	return ln.Addr().String()
}

func answer(c net.Conn, size int) {
	defer c.Close()
	ctx := context.Background()
	var hdr [4]byte
	if _, err := io.ReadFull(c, hdr[:]); err != nil {
		return
	}
	req := thrift.NewTMemoryBuffer()
	if _, err := io.CopyN(req, c, int64(binary.BigEndian.Uint32(hdr[:]))); err != nil {
		return
	}
	_, _, seq, err := thrift.NewTBinaryProtocolConf(req, nil).ReadMessageBegin(ctx)
	if err != nil {
		return
	}
	reply := func(name string) []byte {
		buf := thrift.NewTMemoryBuffer()
		prot := thrift.NewTBinaryProtocolConf(buf, nil)
		res := orders.OrdersGetCustomerResult{Success: &orders.Customer{ID: 1, Name: name, Tier: orders.Tier_BASIC}}
		_ = errors.Join(prot.WriteMessageBegin(ctx, "getCustomer", thrift.REPLY, seq), res.Write(ctx, prot), prot.WriteMessageEnd(ctx))
		return buf.Bytes()
	}
	payload := reply(strings.Repeat("n", size-len(reply(""))))
	_, _ = c.Write(append(binary.BigEndian.AppendUint32(nil, uint32(len(payload))), payload...))
}

// The client reads reply frames up to its MaxResponseBytes; one byte more
// is Internal, refused before the frame is read.
func TestClientResponseLimit(t *testing.T) {
	const size = 2000
	addr := answerServer(t, size)
	for _, tt := range []struct {
		name string
		max  int64
		want error
	}{
		{"at the limit", size, nil},
		{"one byte over", size - 1, service.ErrInternal},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c, err := newClient(testCtx(t), Binary, addr, transports.DialConfig{MaxResponseBytes: tt.max})
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			if _, err := c.GetCustomer(testCtx(t), 1); !errors.Is(err, tt.want) {
				t.Fatalf("GetCustomer: %v, want %v", err, tt.want)
			}
		})
	}
}
