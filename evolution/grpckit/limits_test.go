package grpckit

import (
	"bytes"
	"errors"
	"testing"
	"time"

	"golang.org/x/net/http2"
	"golang.org/x/net/http2/hpack"

	"github.com/intbench/intbench/evolution/evolutiontest"
	"github.com/intbench/intbench/transports/conformance"
	pb "github.com/intbench/intbench/transports/grpc/gen/ordersv1"
)

// A v2 server holds the limits every server shares, from its
// ServeConfig, as transports/grpc's does: it is that server.
func TestSharedLimits(t *testing.T) {
	side, err := Side(v1Contract(t))
	if err != nil {
		t.Fatal(err)
	}
	var fields bytes.Buffer
	enc := hpack.NewEncoder(&fields)
	for _, f := range [][2]string{{":method", "POST"}, {":scheme", "http"}, {":authority", "x"},
		{":path", "/" + pb.OrdersService_ServiceDesc.ServiceName + "/" + GetCustomer},
		{"content-type", "application/grpc"}, {"te", "trailers"}} {
		if err := enc.WriteField(hpack.HeaderField{Name: f[0], Value: f[1]}); err != nil {
			t.Fatal(err)
		}
	}
	var call bytes.Buffer // GetCustomer{id: 1} on stream 1, after the preface
	call.WriteString(http2.ClientPreface)
	fr := http2.NewFramer(&call, nil)
	if err := errors.Join(fr.WriteSettings(),
		fr.WriteHeaders(http2.HeadersFrameParam{StreamID: 1, BlockFragment: fields.Bytes(), EndHeaders: true}),
		fr.WriteData(1, true, []byte{0, 0, 0, 0, 2, 0x08, 0x01})); err != nil {
		t.Fatal(err)
	}
	evolutiontest.Limits(t, Pattern, side, conformance.Wire{
		Request:    call.Bytes(),
		Head:       []byte(http2.ClientPreface[:10]),
		CloseGrace: 5 * time.Second,
	})
}
