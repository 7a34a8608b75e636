package thrift

import (
	"context"
	"encoding/binary"
	"errors"
	"io"
	"net"
	"testing"
	"time"

	"github.com/apache/thrift/lib/go/thrift"
)

// rawMessage encodes one framed Thrift message with protocol p; body
// writes the message's struct.
func rawMessage(t *testing.T, p Protocol, name string, seq int32, body func(context.Context, thrift.TProtocol) error) []byte {
	t.Helper()
	ctx := context.Background()
	buf := thrift.NewTMemoryBuffer()
	prot := protocolFactory(p, &thrift.TConfiguration{}).GetProtocol(buf)
	err := errors.Join(prot.WriteMessageBegin(ctx, name, thrift.CALL, seq), body(ctx, prot),
		prot.WriteMessageEnd(ctx), prot.Flush(ctx))
	if err != nil {
		t.Fatalf("encode %s: %v", name, err)
	}
	return frame(buf.Bytes(), len(buf.Bytes()))
}

// frame prefixes payload with a frame length of n.
func frame(payload []byte, n int) []byte {
	return append(binary.BigEndian.AppendUint32(nil, uint32(n)), payload...)
}

// emptyStruct writes a struct with no fields.
func emptyStruct(ctx context.Context, prot thrift.TProtocol) error {
	return errors.Join(prot.WriteStructBegin(ctx, "args"), prot.WriteFieldStop(ctx), prot.WriteStructEnd(ctx))
}

// placeOrderWithoutRequestID writes placeOrder arguments whose request
// lacks the required requestId field.
func placeOrderWithoutRequestID(ctx context.Context, prot thrift.TProtocol) error {
	return errors.Join(
		prot.WriteStructBegin(ctx, "args"),
		prot.WriteFieldBegin(ctx, "req", thrift.STRUCT, 1),
		prot.WriteStructBegin(ctx, "PlaceOrderRequest"),
		prot.WriteFieldBegin(ctx, "customerId", thrift.I64, 1), prot.WriteI64(ctx, 1), prot.WriteFieldEnd(ctx),
		prot.WriteFieldBegin(ctx, "items", thrift.LIST, 2), prot.WriteListBegin(ctx, thrift.STRUCT, 0),
		prot.WriteListEnd(ctx), prot.WriteFieldEnd(ctx),
		prot.WriteFieldStop(ctx), prot.WriteStructEnd(ctx),
		prot.WriteFieldEnd(ctx), prot.WriteFieldStop(ctx), prot.WriteStructEnd(ctx))
}

// getCustomerArgs writes getCustomer(1).
func getCustomerArgs(ctx context.Context, prot thrift.TProtocol) error {
	return errors.Join(prot.WriteStructBegin(ctx, "args"),
		prot.WriteFieldBegin(ctx, "id", thrift.I64, 1), prot.WriteI64(ctx, 1), prot.WriteFieldEnd(ctx),
		prot.WriteFieldStop(ctx), prot.WriteStructEnd(ctx))
}

// readReply reads one framed reply from conn and returns its header and,
// for an EXCEPTION reply, the TApplicationException it carries.
func readReply(t *testing.T, p Protocol, conn net.Conn) (name string, typ thrift.TMessageType, seq int32, ae thrift.TApplicationException) {
	t.Helper()
	ctx := context.Background()
	var hdr [4]byte
	if _, err := io.ReadFull(conn, hdr[:]); err != nil {
		t.Fatalf("read reply frame: %v", err)
	}
	payload := make([]byte, binary.BigEndian.Uint32(hdr[:]))
	if _, err := io.ReadFull(conn, payload); err != nil {
		t.Fatalf("read reply body: %v", err)
	}
	buf := thrift.NewTMemoryBuffer()
	buf.Write(payload)
	prot := protocolFactory(p, &thrift.TConfiguration{}).GetProtocol(buf)
	name, typ, seq, err := prot.ReadMessageBegin(ctx)
	if err != nil {
		t.Fatalf("decode reply: %v", err)
	}
	if typ == thrift.EXCEPTION {
		ae = thrift.NewTApplicationException(thrift.UNKNOWN_APPLICATION_EXCEPTION, "")
		if err := ae.Read(ctx, prot); err != nil {
			t.Fatalf("decode exception: %v", err)
		}
	}
	return name, typ, seq, ae
}

// expectClosed fails unless the server closes conn without sending more.
func expectClosed(t *testing.T, conn net.Conn) {
	t.Helper()
	var b [64]byte
	n, err := conn.Read(b[:])
	var ne net.Error
	switch {
	case n > 0:
		t.Fatalf("server sent %d unexpected bytes %q", n, b[:n])
	case errors.As(err, &ne) && ne.Timeout():
		t.Fatal("server kept the connection open")
	case err == nil:
		t.Fatal("read returned no data and no error")
	}
}

func TestBadInput(t *testing.T) {
	const maxBody = 4096
	const none = -1
	tests := []struct {
		name string
		// msg builds what the peer sends.
		msg func(t *testing.T, p Protocol) []byte
		// halfClose closes the peer's sending side after msg.
		halfClose bool
		// wantApp is the TApplicationException type of the reply, or none.
		wantApp int32
		// keeps reports whether the server keeps the connection.
		keeps bool
	}{
		{"garbage bytes", func(*testing.T, Protocol) []byte { return []byte("GET / HTTP/1.1\r\nHost: x\r\n\r\n") }, false, none, false},
		{"garbage in a small frame", func(*testing.T, Protocol) []byte {
			g := []byte("\xff\xfe\xfd\xfc garbage!!")
			return frame(g, len(g))
		}, false, none, false},
		{"frame over the limit", func(*testing.T, Protocol) []byte { return frame(make([]byte, 64), maxBody+1) }, false, none, false},
		{"negative frame length", func(*testing.T, Protocol) []byte { return frame(nil, -1) }, false, none, false},
		{"truncated frame then close", func(t *testing.T, p Protocol) []byte {
			m := rawMessage(t, p, "getCustomer", 1, getCustomerArgs)
			return m[:len(m)-3]
		}, true, none, false},
		{"unknown method", func(t *testing.T, p Protocol) []byte {
			return rawMessage(t, p, "deleteEverything", 7, emptyStruct)
		}, false, thrift.UNKNOWN_METHOD, true},
		{"missing required fields", func(t *testing.T, p Protocol) []byte {
			return rawMessage(t, p, "placeOrder", 9, placeOrderWithoutRequestID)
		}, false, thrift.PROTOCOL_ERROR, false},
		{"missing required argument", func(t *testing.T, p Protocol) []byte {
			return rawMessage(t, p, "listOrders", 11, emptyStruct)
		}, false, thrift.PROTOCOL_ERROR, false},
	}
	for _, p := range protocols {
		srv, _ := startServer(t, p, nil, maxBody)
		for _, tt := range tests {
			t.Run(p.String()+"/"+tt.name, func(t *testing.T) {
				conn, err := net.Dial("tcp", srv.Addr())
				if err != nil {
					t.Fatalf("dial: %v", err)
				}
				defer conn.Close()
				_ = conn.SetDeadline(time.Now().Add(5 * time.Second))
				if _, err := conn.Write(tt.msg(t, p)); err != nil {
					t.Fatalf("write: %v", err)
				}
				if tt.halfClose {
					_ = conn.(*net.TCPConn).CloseWrite()
				}
				if tt.wantApp != none {
					_, typ, _, ae := readReply(t, p, conn)
					if typ != thrift.EXCEPTION || ae.TypeId() != tt.wantApp {
						t.Fatalf("reply type %v, exception %v; want TApplicationException type %d", typ, ae, tt.wantApp)
					}
					t.Logf("server answered: TApplicationException(%d) %q", ae.TypeId(), ae.Error())
				}
				if tt.keeps {
					// The same connection still serves a good call.
					if _, err := conn.Write(rawMessage(t, p, "getCustomer", 42, getCustomerArgs)); err != nil {
						t.Fatalf("write good call: %v", err)
					}
					if name, typ, seq, _ := readReply(t, p, conn); name != "getCustomer" || typ != thrift.REPLY || seq != 42 {
						t.Fatalf("good call on the same connection: reply %s %v seq %d", name, typ, seq)
					}
				} else {
					expectClosed(t, conn)
				}
				// A good call on a fresh connection succeeds.
				c := dial(t, p, srv.Addr())
				if _, err := c.GetCustomer(testCtx(t), 1); err != nil {
					t.Fatalf("good call after bad input: %v", err)
				}
			})
		}
	}
}

// TestRequestOverLimitFromClient shows what the Go client reports when its
// request is larger than the server accepts: the server drops the
// connection unread, which the client sees as unavailable.
func TestRequestOverLimitFromClient(t *testing.T) {
	srv, _ := startServer(t, Binary, nil, 1024)
	c := dial(t, Binary, srv.Addr())
	req := placeOrderRequest(2000)
	if _, err := c.PlaceOrder(testCtx(t), req); err == nil {
		t.Fatal("PlaceOrder over the server's limit succeeded")
	}
	if _, err := c.GetCustomer(testCtx(t), 1); err != nil {
		t.Fatalf("GetCustomer after an oversized request: %v", err)
	}
}
