package grpctransport

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"google.golang.org/grpc/backoff"

	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/transports"
)

// kindService answers GetCustomer(base+k) with an error of kind k, and
// otherwise delegates to a memory core.
type kindService struct{ service.Service }

const kindBase = 1000

func (s kindService) GetCustomer(ctx context.Context, id int64) (service.Customer, error) {
	if k := service.Kind(id - kindBase); id > kindBase && k <= service.KindInternal {
		return service.Customer{}, service.Errorf(k, "injected %s «%d»", k, id)
	}
	return s.Service.GetCustomer(ctx, id)
}

func TestErrorKindsRoundTrip(t *testing.T) {
	core := service.NewCore(service.NewMemoryStore(service.MustGenerate(testSeed)))
	srv := startServer(t, kindService{core}, 0)
	c := startClient(t, srv.Addr(), nil)
	for k := service.KindNotFound; k <= service.KindInternal; k++ {
		t.Run(k.String(), func(t *testing.T) {
			id := int64(kindBase) + int64(k)
			_, err := c.GetCustomer(testCtx(t), id)
			if got := service.KindOf(err); got != k || !errors.Is(err, k.Sentinel()) {
				t.Fatalf("error %v of kind %v, want kind %v", err, got, k)
			}
			if got, want := service.MessageOf(err), fmt.Sprintf("injected %s «%d»", k, id); got != want {
				t.Fatalf("message %q, want %q", got, want)
			}
		})
	}
}

func TestCodeMappingIsInverse(t *testing.T) {
	for k := service.KindOK; k <= service.KindInternal; k++ {
		if got := kindOf(codeOf(k)); got != k {
			t.Errorf("kindOf(codeOf(%v)) = %v", k, got)
		}
	}
}

func TestContextAndTransportErrors(t *testing.T) {
	srv := startServer(t, nil, 0)
	closed := startClient(t, srv.Addr(), nil)
	if err := closed.Close(); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	deadAddr := ln.Addr().String()
	_ = ln.Close()

	expired, cancel := context.WithTimeout(context.Background(), -1)
	defer cancel()
	canceled, cancel2 := context.WithCancel(context.Background())
	cancel2()
	tests := []struct {
		name    string
		client  *Client
		ctx     context.Context
		want    error
		wantCtx error
	}{
		{"expired deadline", startClient(t, srv.Addr(), nil), expired, service.ErrDeadlineExceeded, context.DeadlineExceeded},
		{"canceled", startClient(t, srv.Addr(), nil), canceled, service.ErrUnavailable, context.Canceled},
		{"closed client", closed, testCtx(t), service.ErrUnavailable, nil},
		{"connection refused", startClient(t, deadAddr, nil), testCtx(t), service.ErrUnavailable, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.client.GetCustomer(tt.ctx, 1)
			if !errors.Is(err, tt.want) {
				t.Fatalf("error %v, want %v", err, tt.want)
			}
			if tt.wantCtx != nil && !errors.Is(err, tt.wantCtx) {
				t.Fatalf("error %v does not wrap %v", err, tt.wantCtx)
			}
		})
	}
}

// TestOneConnection shows that 256 goroutines share one HTTP/2 connection
// opened through the configured dialer.
func TestOneConnection(t *testing.T) {
	srv := startServer(t, nil, 0)
	var d countingDialer
	c := startClient(t, srv.Addr(), d.dial)
	var wg sync.WaitGroup
	errs := make(chan error, 256)
	for i := range 256 {
		wg.Go(func() {
			if _, err := c.GetCustomer(testCtx(t), int64(i%testSeed.Customers)+1); err != nil {
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if n := d.n.Load(); n != 1 {
		t.Fatalf("client opened %d connections, want 1", n)
	}
}

// sliceConn writes one byte at a time, as the fault proxy's slicer does.
type sliceConn struct{ net.Conn }

func (c sliceConn) Write(b []byte) (int, error) {
	for i := range b {
		if _, err := c.Conn.Write(b[i : i+1]); err != nil {
			return i, err
		}
	}
	return len(b), nil
}

// TestSlicedPreface checks that the server's preface check copes with a
// preface that arrives a byte at a time.
func TestSlicedPreface(t *testing.T) {
	srv := startServer(t, nil, 0)
	dial := func(ctx context.Context, network, addr string) (net.Conn, error) {
		var d net.Dialer
		c, err := d.DialContext(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		return sliceConn{c}, nil
	}
	c := startClient(t, srv.Addr(), dial)
	if _, err := c.GetCustomer(testCtx(t), 1); err != nil {
		t.Fatalf("GetCustomer over a sliced connection: %v", err)
	}
}

func TestBodySizesAndLargeNote(t *testing.T) {
	srv := startServer(t, nil, 0)
	c := startClient(t, srv.Addr(), nil)
	note := strings.Repeat("é", service.MaxNoteBytes/2)
	var sizes transports.BodySizes
	ctx := transports.WithBodySizes(testCtx(t), &sizes)
	o, err := c.PlaceOrder(ctx, service.PlaceOrderRequest{CustomerID: 2, RequestID: "big-note", Note: note,
		Items: []service.LineItem{{SKU: "A", Quantity: 2, UnitPriceCents: 5}}})
	if err != nil {
		t.Fatalf("PlaceOrder: %v", err)
	}
	if o.Note != note || o.TotalCents != 10 {
		t.Fatalf("order note %d bytes, total %d; want %d bytes, 10", len(o.Note), o.TotalCents, len(note))
	}
	if !sizes.Known() || sizes.Request <= int64(len(note)) || sizes.Response <= int64(len(note)) {
		t.Fatalf("body sizes %+v, want both above %d", sizes, len(note))
	}
}

func TestInvalidUTF8RefusedBeforeSending(t *testing.T) {
	srv := startServer(t, nil, 0)
	c := startClient(t, srv.Addr(), nil)
	item := service.LineItem{SKU: "A", Quantity: 1}
	tests := []service.PlaceOrderRequest{
		{CustomerID: 1, RequestID: "u1", Items: []service.LineItem{item}, Note: "bad \xff"},
		{CustomerID: 1, RequestID: "u2\xfe", Items: []service.LineItem{item}},
		{CustomerID: 1, RequestID: "u3", Items: []service.LineItem{{SKU: "\xc3", Quantity: 1}}},
	}
	for _, req := range tests {
		if _, err := c.PlaceOrder(testCtx(t), req); !errors.Is(err, service.ErrInvalidArgument) {
			t.Errorf("PlaceOrder(%q): error %v, want %v", req.RequestID, err, service.ErrInvalidArgument)
		}
	}
}

func TestClientConfigMapping(t *testing.T) {
	hardened, err := transports.LookupProfile(transports.ProfileHardened)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name        string
		cfg         transports.ClientConfig
		wantPings   bool
		wantPing    time.Duration
		wantBackoff backoff.Config
	}{
		{"default", transports.ClientConfig{}, false, 0, backoff.DefaultConfig},
		{"hardened", hardened, true, minPingTime,
			backoff.Config{BaseDelay: 50 * time.Millisecond, Multiplier: 1.6, Jitter: 0.2, MaxDelay: 500 * time.Millisecond}},
		{"slow pings kept", transports.ClientConfig{KeepAlive: time.Minute}, true, time.Minute, backoff.DefaultConfig},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			kp, ok := pings(tt.cfg)
			if ok != tt.wantPings || kp.Time != tt.wantPing {
				t.Fatalf("pings = %+v, %v; want every %v: %v", kp, ok, tt.wantPing, tt.wantPings)
			}
			if ok && kp.Time < pingMinTime {
				t.Fatalf("client pings every %v, below the server's enforced minimum %v: GOAWAY too_many_pings", kp.Time, pingMinTime)
			}
			if got := reconnectBackoff(tt.cfg); got != tt.wantBackoff {
				t.Fatalf("reconnect backoff %+v, want %+v", got, tt.wantBackoff)
			}
		})
	}
}
