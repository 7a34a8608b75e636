package grpctransport

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"io"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"

	"golang.org/x/net/http2"
	"golang.org/x/net/http2/hpack"

	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/transports"
	"github.com/intbench/intbench/transports/conformance"
	pb "github.com/intbench/intbench/transports/grpc/gen/ordersv1"
)

// h2Call is one whole gRPC call as raw HTTP/2: the client preface, an
// empty SETTINGS frame, then HEADERS with fields (after the usual ones)
// and, unless msg is nil, one DATA frame carrying msg as a gRPC message.
func h2Call(t *testing.T, method string, msg []byte, fields ...hpack.HeaderField) []byte {
	t.Helper()
	var out bytes.Buffer
	out.WriteString(http2.ClientPreface)
	fr := http2.NewFramer(&out, nil)
	check(t, fr.WriteSettings())
	check(t, writeHeaders(fr, 1, msg == nil, append(requestFields(method), fields...)))
	if msg != nil {
		check(t, fr.WriteData(1, true, grpcMessage(msg)))
	}
	return out.Bytes()
}

func check(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// requestFields are the header fields of a gRPC request for method.
func requestFields(method string) []hpack.HeaderField {
	return []hpack.HeaderField{
		{Name: ":method", Value: "POST"}, {Name: ":scheme", Value: "http"},
		{Name: ":path", Value: methodPrefix + method}, {Name: ":authority", Value: "x"},
		{Name: "content-type", Value: "application/grpc"}, {Name: "te", Value: "trailers"},
	}
}

// grpcMessage frames msg as one uncompressed gRPC message.
func grpcMessage(msg []byte) []byte {
	return append(binary.BigEndian.AppendUint32([]byte{0}, uint32(len(msg))), msg...)
}

// writeHeaders writes fields as a HEADERS frame and, beyond HTTP/2's
// default frame size, CONTINUATION frames.
func writeHeaders(fr *http2.Framer, stream uint32, end bool, fields []hpack.HeaderField) error {
	var block bytes.Buffer
	enc := hpack.NewEncoder(&block)
	for _, f := range fields {
		if err := enc.WriteField(f); err != nil {
			return err
		}
	}
	const frameSize = 16 << 10
	b := block.Bytes()
	first := b[:min(len(b), frameSize)]
	b = b[len(first):]
	if err := fr.WriteHeaders(http2.HeadersFrameParam{StreamID: stream, BlockFragment: first, EndHeaders: len(b) == 0, EndStream: end}); err != nil {
		return err
	}
	for len(b) > 0 {
		frag := b[:min(len(b), frameSize)]
		b = b[len(frag):]
		if err := fr.WriteContinuation(stream, len(b) == 0, frag); err != nil {
			return err
		}
	}
	return nil
}

// listSize sizes fields as HTTP/2 does: name, value and 32 bytes each.
func listSize(fields []hpack.HeaderField) int {
	n := 0
	for _, f := range fields {
		n += int(f.Size())
	}
	return n
}

// padTo is a field that brings fields to size bytes as HTTP/2 counts.
func padTo(size int, fields []hpack.HeaderField) hpack.HeaderField {
	pad := hpack.HeaderField{Name: "x-pad"}
	pad.Value = strings.Repeat("p", size-listSize(fields)-int(pad.Size()))
	return pad
}

// TestSharedLimits: the limits every server shares, over raw HTTP/2.
// grpc-go has no per-call read timeout: a stream whose message never
// completes holds one of MaxStreams until its connection ends. An idle
// connection gets a GOAWAY and a PING, and is closed when the PING is
// answered or 5 s later.
func TestSharedLimits(t *testing.T) {
	conformance.Limits(t, New(), conformance.Wire{
		Request:    h2Call(t, "GetCustomer", []byte{0x08, 0x01}),
		Head:       []byte(http2.ClientPreface[:10]),
		CloseGrace: 5 * time.Second,
	})
}

// getCustomerSized is GetCustomerRequest{id: 1} with an unknown bytes
// field 99 that makes it size bytes long.
func getCustomerSized(size int) []byte {
	b := protowire.AppendTag(nil, 1, protowire.VarintType)
	b = protowire.AppendVarint(b, 1)
	b = protowire.AppendTag(b, 99, protowire.BytesType)
	// Two bytes of length for the sizes used here.
	return protowire.AppendBytes(b, make([]byte, size-len(b)-2))
}

// getCustomerNested is GetCustomerRequest{id: 1} with an unknown group
// field holding groups nested levels deep.
func getCustomerNested(levels int) []byte {
	b := protowire.AppendTag(nil, 1, protowire.VarintType)
	b = protowire.AppendVarint(b, 1)
	for range levels {
		b = protowire.AppendTag(b, 99, protowire.StartGroupType)
	}
	for range levels {
		b = protowire.AppendTag(b, 99, protowire.EndGroupType)
	}
	return b
}

// The server's limits one byte or level either side: the request message
// (RESOURCE_EXHAUSTED, the connection kept), and protobuf's nesting:
// protobuf-go's default recursion limit (10,000, counted from 0) lets
// 10,001 groups nest below the message, one more is undecodable
// (INTERNAL). Only unknown groups can nest at all: the schema's messages
// are three levels deep.
func TestServerLimits(t *testing.T) {
	const maxBody = 4 << 10
	srv := startServer(t, nil, maxBody)
	large := startServer(t, nil, 0)
	tests := []struct {
		name string
		srv  *Server
		msg  []byte
		want codes.Code
	}{
		{"message at the limit", srv, getCustomerSized(maxBody), codes.OK},
		{"message one byte over", srv, getCustomerSized(maxBody + 1), codes.ResourceExhausted},
		{"nesting at the limit", large, getCustomerNested(transports.MaxDepth + 1), codes.OK},
		{"nesting one level over", large, getCustomerNested(transports.MaxDepth + 2), codes.Internal},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if n := len(getCustomerSized(maxBody)); n != maxBody {
				t.Fatalf("the message at the limit is %d bytes", n)
			}
			cc := rawConn(t, tt.srv.Addr())
			in, out := tt.msg, []byte(nil)
			err := cc.Invoke(testCtx(t), methodPrefix+"GetCustomer", &in, &out, grpc.ForceCodecV2(rawCodec{}))
			if got := status.Code(err); got != tt.want {
				t.Fatalf("status %v (%v), want %v", got, err, tt.want)
			}
			mustServe(t, tt.srv.Addr())
		})
	}
}

// A header list of exactly MaxHeaderBytes (as HTTP/2 counts it, pseudo
// fields included) is served; one byte more resets the stream
// (RST_STREAM FRAME_SIZE_ERROR) and keeps the connection.
func TestServerHeaderListLimit(t *testing.T) {
	srv := startServer(t, nil, 0)
	base := requestFields("GetCustomer")
	for _, tt := range []struct {
		name  string
		size  int
		reset bool
	}{
		{"at the limit", transports.MaxHeaderBytes, false},
		{"one byte over", transports.MaxHeaderBytes + 1, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c, err := net.Dial("tcp", srv.Addr())
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			_ = c.SetDeadline(time.Now().Add(10 * time.Second))
			if _, err := c.Write(h2Call(t, "GetCustomer", []byte{0x08, 0x01}, padTo(tt.size, base))); err != nil {
				t.Fatal(err)
			}
			reset, grpcStatus := streamOutcome(t, c)
			if reset != tt.reset || !tt.reset && grpcStatus != "0" {
				t.Fatalf("reset %v, grpc-status %q; want reset %v", reset, grpcStatus, tt.reset)
			}
		})
	}
}

// streamOutcome reads the server's frames for stream 1 until it ends and
// reports whether it was reset, or else its grpc-status.
func streamOutcome(t *testing.T, c net.Conn) (reset bool, grpcStatus string) {
	t.Helper()
	fr := http2.NewFramer(c, c)
	fr.ReadMetaHeaders = hpack.NewDecoder(4096, nil)
	for {
		f, err := fr.ReadFrame()
		if err != nil {
			t.Fatalf("read frame: %v", err)
		}
		switch f := f.(type) {
		case *http2.SettingsFrame:
			if !f.IsAck() {
				check(t, fr.WriteSettingsAck())
			}
		case *http2.RSTStreamFrame:
			return true, ""
		case *http2.MetaHeadersFrame:
			if v := f.PseudoValue("status"); v == "" || f.StreamEnded() {
				for _, hf := range f.Fields {
					if hf.Name == "grpc-status" {
						return false, hf.Value
					}
				}
			}
		case *http2.GoAwayFrame:
			t.Fatalf("GOAWAY: the server closed the connection (%v)", f.ErrCode)
		}
	}
}

// h2Answer serves raw HTTP/2 on a listener: every call is answered with
// response header fields fields, a Customer message and grpc-status 0.
func h2Answer(t *testing.T, fields []hpack.HeaderField) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	t.Cleanup(func() { ln.Close(); wg.Wait() })
	msg, err := proto.Marshal(&pb.Customer{Id: 1, Name: "a", Email: "a@b", Tier: pb.Tier_TIER_BASIC})
	if err != nil {
		t.Fatal(err)
	}
	wg.Go(func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			wg.Go(func() { answerH2(c, fields, msg) })
		}
	})
	return ln.Addr().String()
}

func answerH2(c net.Conn, fields []hpack.HeaderField, msg []byte) {
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := io.ReadFull(c, make([]byte, len(http2.ClientPreface))); err != nil {
		return
	}
	fr := http2.NewFramer(c, c)
	if fr.WriteSettings() != nil {
		return
	}
	for {
		f, err := fr.ReadFrame()
		if err != nil {
			return
		}
		switch f := f.(type) {
		case *http2.SettingsFrame:
			if !f.IsAck() {
				_ = fr.WriteSettingsAck()
			}
		case *http2.DataFrame:
			if f.StreamEnded() {
				id := f.StreamID
				_ = errors.Join(writeHeaders(fr, id, false, fields), fr.WriteData(id, false, grpcMessage(msg)),
					writeHeaders(fr, id, true, []hpack.HeaderField{{Name: "grpc-status", Value: "0"}}))
			}
		}
	}
}

// The client reads response header lists up to MaxHeaderBytes; one byte
// more fails the call (grpc-go: INTERNAL, which reads as Internal).
func TestClientHeaderListLimit(t *testing.T) {
	base := []hpack.HeaderField{{Name: ":status", Value: "200"}, {Name: "content-type", Value: "application/grpc"}}
	for _, tt := range []struct {
		name string
		size int
		want error
	}{
		{"at the limit", transports.MaxHeaderBytes, nil},
		{"one byte over", transports.MaxHeaderBytes + 1, service.ErrInternal},
	} {
		t.Run(tt.name, func(t *testing.T) {
			addr := h2Answer(t, append(base, padTo(tt.size, base)))
			c := startClient(t, addr, nil)
			if _, err := c.GetCustomer(testCtx(t), 1); !errors.Is(err, tt.want) {
				t.Fatalf("GetCustomer: %v, want %v", err, tt.want)
			}
		})
	}
}

// sizedService answers GetCustomer with a customer whose message is size
// bytes long (padded in its name).
type sizedService struct {
	service.Service
	size int
}

func (s sizedService) GetCustomer(context.Context, int64) (service.Customer, error) {
	c := service.Customer{ID: 1, Tier: service.TierBasic}
	c.Name = strings.Repeat("n", s.size-proto.Size(customerToPB(c))-3) // a byte of tag, two of length
	return c, nil
}

// The client reads responses up to its MaxResponseBytes; one byte more
// fails the call. grpc-go reports its own receive limit as
// RESOURCE_EXHAUSTED, the code it also gives an oversized request, so the
// client reads it as InvalidArgument, not Internal as the other patterns
// do: a difference of the library, kept as it is.
func TestClientResponseLimit(t *testing.T) {
	const size = 1000
	srv := startServer(t, sizedService{size: size}, 0)
	for _, tt := range []struct {
		name string
		max  int64
		want error
	}{
		{"at the limit", size, nil},
		{"one byte over", size - 1, service.ErrInvalidArgument},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c, err := newClient(testCtx(t), srv.Addr(), transports.DialConfig{MaxResponseBytes: tt.max})
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

// blockService holds GetCustomer until release is closed, counting the
// calls in it.
type blockService struct {
	service.Service
	in      *atomic.Int32
	release chan struct{}
}

func (s blockService) GetCustomer(ctx context.Context, id int64) (service.Customer, error) {
	s.in.Add(1)
	defer s.in.Add(-1)
	select {
	case <-s.release:
	case <-ctx.Done():
		return service.Customer{}, ctx.Err()
	}
	return service.Customer{ID: id, Tier: service.TierBasic}, nil
}

// Calls beyond MaxStreams on one connection wait in the client (grpc-go
// queues them for a free stream, without error) until one ends.
func TestMaxStreams(t *testing.T) {
	const streams = 2
	svc := blockService{in: new(atomic.Int32), release: make(chan struct{})}
	srv, err := newServer(testCtx(t), transports.ServeConfig{Limits: transports.Limits{MaxStreams: streams}, Backend: transports.Backend{Service: svc}})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	c := startClient(t, srv.Addr(), nil)
	errs := make(chan error, streams+1)
	for range streams + 1 {
		go func() { _, err := c.GetCustomer(testCtx(t), 1); errs <- err }()
	}
	for deadline := time.Now().Add(5 * time.Second); svc.in.Load() < streams; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%d calls in the server, want %d", svc.in.Load(), streams)
		}
	}
	time.Sleep(200 * time.Millisecond)
	if n := svc.in.Load(); n != streams {
		t.Fatalf("%d calls in the server with %d streams allowed", n, streams)
	}
	select {
	case err := <-errs:
		t.Fatalf("a call over the limit ended (%v) instead of waiting", err)
	default:
	}
	close(svc.release)
	for range streams + 1 {
		if err := <-errs; err != nil {
			t.Fatalf("call: %v", err)
		}
	}
}
