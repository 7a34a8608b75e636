package grpctransport

import (
	"bytes"
	"encoding/binary"
	"testing"
	"time"

	"golang.org/x/net/http2"
	"golang.org/x/net/http2/hpack"

	"github.com/intbench/intbench/transports/conformance"
)

// h2Call is one whole gRPC call as raw HTTP/2: the client preface, an
// empty SETTINGS frame, then HEADERS with fields (after the usual ones)
// and, unless msg is nil, one DATA frame carrying msg as a gRPC message.
func h2Call(t *testing.T, method string, msg []byte, fields ...hpack.HeaderField) []byte {
	t.Helper()
	var hdr bytes.Buffer
	enc := hpack.NewEncoder(&hdr)
	enc.SetMaxDynamicTableSizeLimit(0)
	base := []hpack.HeaderField{
		{Name: ":method", Value: "POST"}, {Name: ":scheme", Value: "http"},
		{Name: ":path", Value: methodPrefix + method}, {Name: ":authority", Value: "x"},
		{Name: "content-type", Value: "application/grpc"}, {Name: "te", Value: "trailers"},
	}
	for _, f := range append(base, fields...) {
		if err := enc.WriteField(f); err != nil {
			t.Fatal(err)
		}
	}
	var out bytes.Buffer
	out.WriteString(http2.ClientPreface)
	fr := http2.NewFramer(&out, nil)
	check := func(err error) {
		if err != nil {
			t.Helper()
			t.Fatal(err)
		}
	}
	check(fr.WriteSettings())
	check(fr.WriteHeaders(http2.HeadersFrameParam{StreamID: 1, BlockFragment: hdr.Bytes(), EndHeaders: true, EndStream: msg == nil}))
	if msg != nil {
		check(fr.WriteData(1, true, append(binary.BigEndian.AppendUint32([]byte{0}, uint32(len(msg))), msg...)))
	}
	return out.Bytes()
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
