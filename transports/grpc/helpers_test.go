package grpctransport

import (
	"context"
	"net"
	"sync/atomic"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/mem"

	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/transports"
)

var testSeed = service.SeedConfig{Seed: 3, Customers: 20, OrdersPerCustomer: 3, HeavyCustomers: 1, HeavyOrders: 12}

const testTimeout = 10 * time.Second

func testCtx(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
	t.Cleanup(cancel)
	return ctx
}

// startServer serves svc (a fresh memory core when nil) and closes it when
// t ends.
func startServer(t *testing.T, svc service.Service, maxBody int64) *Server {
	t.Helper()
	if svc == nil {
		svc = service.NewCore(service.NewMemoryStore(service.MustGenerate(testSeed)))
	}
	srv, err := newServer(testCtx(t), transports.ServeConfig{Limits: transports.Limits{MaxBodyBytes: maxBody}, Backend: transports.Backend{Service: svc}})
	if err != nil {
		t.Fatalf("serve: %v", err)
	}
	t.Cleanup(func() {
		if err := srv.Close(); err != nil {
			t.Errorf("close server: %v", err)
		}
	})
	return srv
}

// countingDialer counts the connections a client opens.
type countingDialer struct{ n atomic.Int64 }

func (d *countingDialer) dial(ctx context.Context, network, addr string) (net.Conn, error) {
	d.n.Add(1)
	var nd net.Dialer
	return nd.DialContext(ctx, network, addr)
}

// startClient dials addr with the package's client and closes it when t
// ends.
func startClient(t *testing.T, addr string, dial transports.DialFunc) *Client {
	t.Helper()
	c, err := newClient(testCtx(t), addr, transports.DialConfig{Dial: dial})
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	t.Cleanup(func() {
		if err := c.Close(); err != nil {
			t.Errorf("close client: %v", err)
		}
	})
	return c
}

// rawConn is a plain grpc.ClientConn for tests that speak to the server
// without the package's client.
func rawConn(t *testing.T, addr string) *grpc.ClientConn {
	t.Helper()
	cc, err := grpc.NewClient("passthrough:///"+addr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatalf("grpc.NewClient: %v", err)
	}
	t.Cleanup(func() { _ = cc.Close() })
	return cc
}

// mustServe checks that the server still answers a valid call.
func mustServe(t *testing.T, addr string) {
	t.Helper()
	c := startClient(t, addr, nil)
	if _, err := c.GetCustomer(testCtx(t), 1); err != nil {
		t.Fatalf("server stopped serving: GetCustomer(1): %v", err)
	}
}

// rawCodec sends and receives message bytes as they are, so a test can put
// arbitrary bytes into a gRPC message. Its name is "proto" so the server
// decodes with its protobuf codec.
type rawCodec struct{}

func (rawCodec) Marshal(v any) (mem.BufferSlice, error) {
	return mem.BufferSlice{mem.SliceBuffer(*v.(*[]byte))}, nil
}

func (rawCodec) Unmarshal(data mem.BufferSlice, v any) error {
	*v.(*[]byte) = data.Materialize()
	return nil
}

func (rawCodec) Name() string { return "proto" }
