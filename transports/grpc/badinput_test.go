package grpctransport

import (
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"

	"github.com/intbench/intbench/service"
	pb "github.com/intbench/intbench/transports/grpc/gen/ordersv1"
)

const methodPrefix = "/intbench.orders.v1.OrdersService/"

// TestRejectsBadMessages sends raw gRPC messages the server must refuse
// with a status code, and checks that it serves on after each.
func TestRejectsBadMessages(t *testing.T) {
	const maxBody = 4 << 10
	srv := startServer(t, nil, maxBody)
	cc := rawConn(t, srv.Addr())
	big, err := proto.Marshal(&pb.PlaceOrderRequest{CustomerId: 1, RequestId: "big", Note: strings.Repeat("x", maxBody),
		Items: []*pb.LineItem{{Sku: "A", Quantity: 1}}})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		method string
		body   []byte
		want   codes.Code
	}{
		{"unknown method", methodPrefix + "CancelOrder", nil, codes.Unimplemented},
		{"unknown service", "/intbench.orders.v2.Nope/GetCustomer", nil, codes.Unimplemented},
		{"truncated varint", methodPrefix + "GetCustomer", []byte{0x08, 0xff}, codes.Internal},
		{"truncated length", methodPrefix + "PlaceOrder", []byte{0x12, 0x40, 0x0a}, codes.Internal},
		{"invalid utf-8 string", methodPrefix + "ListOrders", []byte{0x1a, 0x02, 0xff, 0xfe}, codes.Internal},
		{"over max body", methodPrefix + "PlaceOrder", big, codes.ResourceExhausted},
		{"missing fields GetCustomer", methodPrefix + "GetCustomer", nil, codes.InvalidArgument},
		{"missing fields PlaceOrder", methodPrefix + "PlaceOrder", nil, codes.InvalidArgument},
		{"missing fields ListOrders", methodPrefix + "ListOrders", nil, codes.InvalidArgument},
		{"missing request id", methodPrefix + "PlaceOrder", mustMarshal(t, &pb.PlaceOrderRequest{CustomerId: 1,
			Items: []*pb.LineItem{{Sku: "A", Quantity: 1}}}), codes.InvalidArgument},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in, out := tt.body, []byte(nil)
			err := cc.Invoke(testCtx(t), tt.method, &in, &out, grpc.ForceCodecV2(rawCodec{}))
			if got := status.Code(err); got != tt.want {
				t.Fatalf("status %v (%v), want %v", got, err, tt.want)
			}
			mustServe(t, srv.Addr())
		})
	}
}

func mustMarshal(t *testing.T, m proto.Message) []byte {
	t.Helper()
	b, err := proto.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestClientMapsOversizeRequest shows what the package's client makes of
// the server's RESOURCE_EXHAUSTED: an InvalidArgument error.
func TestClientMapsOversizeRequest(t *testing.T) {
	srv := startServer(t, nil, 4<<10)
	c := startClient(t, srv.Addr(), nil)
	_, err := c.PlaceOrder(testCtx(t), service.PlaceOrderRequest{CustomerID: 1, RequestID: "big",
		Items: []service.LineItem{{SKU: "A", Quantity: 1}}, Note: strings.Repeat("x", 8<<10)})
	if !errors.Is(err, service.ErrInvalidArgument) {
		t.Fatalf("oversize PlaceOrder: error %v, want %v", err, service.ErrInvalidArgument)
	}
	mustServe(t, srv.Addr())
}

// TestRejectsHTTPRequests sends plain HTTP requests: HTTP/1.1 gets a 505
// answer, HTTP/2 with a non-gRPC content type gets gRPC-go's 415.
func TestRejectsHTTPRequests(t *testing.T) {
	srv := startServer(t, nil, 0)
	h2 := new(http.Protocols)
	h2.SetUnencryptedHTTP2(true)
	tests := []struct {
		name        string
		protocols   *http.Protocols
		contentType string
		wantStatus  int
		wantBody    string
	}{
		{"http/1.1 json", nil, "application/json", http.StatusHTTPVersionNotSupported, "gRPC over HTTP/2"},
		{"http/1.1 grpc", nil, "application/grpc", http.StatusHTTPVersionNotSupported, "gRPC over HTTP/2"},
		{"h2c json", h2, "application/json", http.StatusUnsupportedMediaType, ""},
		{"h2c text", h2, "text/plain", http.StatusUnsupportedMediaType, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := &http.Transport{Protocols: tt.protocols}
			t.Cleanup(tr.CloseIdleConnections)
			req, err := http.NewRequestWithContext(testCtx(t), http.MethodPost,
				"http://"+srv.Addr()+methodPrefix+"GetCustomer", strings.NewReader(`{"id":1}`))
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("Content-Type", tt.contentType)
			resp, err := (&http.Client{Transport: tr}).Do(req)
			if err != nil {
				t.Fatalf("POST: %v", err)
			}
			body, err := io.ReadAll(resp.Body)
			_ = resp.Body.Close()
			if err != nil {
				t.Fatalf("read body: %v", err)
			}
			if resp.StatusCode != tt.wantStatus || !strings.Contains(string(body), tt.wantBody) {
				t.Fatalf("got %s %q, want %d containing %q", resp.Status, body, tt.wantStatus, tt.wantBody)
			}
			if tt.protocols != nil {
				// gRPC-go answers in headers: grpc-status 3 (INVALID_ARGUMENT).
				if got := resp.Header.Get("Grpc-Status"); got != "3" {
					t.Fatalf("grpc-status %q (message %q), want 3", got, resp.Header.Get("Grpc-Message"))
				}
			}
			mustServe(t, srv.Addr())
		})
	}
}
