package soap

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/transports"
)

// countingDial counts the connections a client opens.
func countingDial(n *atomic.Int64) transports.DialFunc {
	d := &net.Dialer{Timeout: time.Second}
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		n.Add(1)
		return d.DialContext(ctx, network, addr)
	}
}

func TestConnectionReuse(t *testing.T) {
	srv, _ := startServer(t, 0)
	var dials atomic.Int64
	c, err := newClient(testCtx(t), srv.Addr(), transports.DialConfig{Dial: countingDial(&dials)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Close() })
	const workers, calls = 32, 20
	var wg sync.WaitGroup
	errs := make(chan error, workers*calls)
	for w := range workers {
		wg.Go(func() {
			for i := range calls {
				var err error
				if i%3 == 0 { // errors must not cost connections either
					_, err = c.GetCustomer(testCtx(t), 99_999)
					if errors.Is(err, service.ErrNotFound) {
						err = nil
					}
				} else {
					_, err = c.GetCustomer(testCtx(t), int64(1+(w+i)%10))
				}
				if err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	// net/http hands a finished connection back to its pool from another
	// goroutine, so a caller that is quick to call again may dial once
	// more; without reuse there would be one dial per call.
	if n := dials.Load(); n == 0 || n > 2*workers {
		t.Fatalf("%d dials for %d workers making %d calls: connections are not reused (or DialFunc is bypassed)", n, workers, workers*calls)
	}
}

func TestClientFailures(t *testing.T) {
	srv, _ := startServer(t, 0)

	// A listener that accepts and never answers.
	silent, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = silent.Close() })
	go func() {
		for {
			conn, err := silent.Accept()
			if err != nil {
				return
			}
			t.Cleanup(func() { _ = conn.Close() })
		}
	}()

	// A port nobody listens on.
	gone, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	goneAddr := gone.Addr().String()
	_ = gone.Close()

	// A proxy that answers with an HTML error page.
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "<html>upstream down</html>", http.StatusServiceUnavailable)
	}))
	t.Cleanup(proxy.Close)

	closed := dial(t, srv)
	_ = closed.Close()

	expired, cancel := context.WithTimeout(context.Background(), -1)
	defer cancel()
	canceled, cancel2 := context.WithCancel(context.Background())
	cancel2()

	tests := []struct {
		name string
		addr string
		c    *Client
		ctx  func() context.Context
		want error
	}{
		{"expired deadline", srv.Addr(), nil, func() context.Context { return expired }, service.ErrDeadlineExceeded},
		{"canceled", srv.Addr(), nil, func() context.Context { return canceled }, service.ErrUnavailable},
		{"silent server", silent.Addr().String(), nil, func() context.Context {
			ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
			t.Cleanup(cancel)
			return ctx
		}, service.ErrDeadlineExceeded},
		{"connection refused", goneAddr, nil, func() context.Context { return testCtx(t) }, service.ErrUnavailable},
		{"proxy error page", proxy.Listener.Addr().String(), nil, func() context.Context { return testCtx(t) }, service.ErrUnavailable},
		{"closed client", "", closed, func() context.Context { return testCtx(t) }, service.ErrUnavailable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := tt.c
			if c == nil {
				var err error
				if c, err = newClient(testCtx(t), tt.addr, transports.DialConfig{}); err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { _ = c.Close() })
			}
			start := time.Now()
			_, err := c.GetCustomer(tt.ctx(), 1)
			if !errors.Is(err, tt.want) || service.KindOf(err) != service.KindOf(tt.want) {
				t.Fatalf("error %v (kind %v), want %v", err, service.KindOf(err), tt.want)
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Fatalf("took %v", d)
			}
		})
	}
}

func TestDialRejectsBadAddress(t *testing.T) {
	if _, err := New().Dial(testCtx(t), "no-port", transports.DialConfig{}); err == nil {
		t.Fatal("Dial accepted an address without a port")
	}
}

func TestServeRejectsNoBackend(t *testing.T) {
	if _, err := New().Serve(testCtx(t), transports.ServeConfig{}); err == nil {
		t.Fatal("Serve accepted a config without a backend")
	}
}

func TestServerCloseTwice(t *testing.T) {
	srv, _ := startServer(t, 0)
	c := dial(t, srv)
	if _, err := c.GetCustomer(testCtx(t), 1); err != nil {
		t.Fatal(err)
	}
	for i := range 2 {
		if err := srv.Close(); err != nil {
			t.Fatalf("Close #%d: %v", i+1, err)
		}
	}
	if _, err := c.GetCustomer(testCtx(t), 1); !errors.Is(err, service.ErrUnavailable) {
		t.Fatalf("call to a closed server: %v, want %v", err, service.ErrUnavailable)
	}
}

func TestFaultMapping(t *testing.T) {
	tests := []struct {
		f    wireFault
		want service.Kind
	}{
		{wireFault{Code: "soap:Client", String: "m", Kind: "NotFound"}, service.KindNotFound},
		{wireFault{Code: "soap:Server", String: "m", Kind: "Unavailable"}, service.KindUnavailable},
		{wireFault{Code: "soap:Server", String: "m", Kind: " DeadlineExceeded\n"}, service.KindDeadlineExceeded},
		{wireFault{Code: "env:Client.Auth", String: "m"}, service.KindInvalidArgument},
		{wireFault{Code: "Server", String: "m"}, service.KindInternal},
		{wireFault{Code: "soap:Client", String: "m", Kind: "Bogus"}, service.KindInvalidArgument},
		{wireFault{Code: "soap:VersionMismatch", String: "m"}, service.KindInvalidArgument},
	}
	for _, tt := range tests {
		err := tt.f.err()
		if service.KindOf(err) != tt.want || service.MessageOf(err) != "m" {
			t.Errorf("%+v: got %v (kind %v), want kind %v with message m", tt.f, err, service.KindOf(err), tt.want)
		}
	}
}
