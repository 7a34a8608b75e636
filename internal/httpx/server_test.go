package httpx

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/intbench/intbench/transports"
)

func TestServe(t *testing.T) {
	entered := make(chan struct{}, 1)
	handler := func(d time.Duration) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			entered <- struct{}{}
			select {
			case <-time.After(d):
				_, _ = io.WriteString(w, "ok")
			case <-r.Context().Done():
			}
		})
	}
	tests := []struct {
		name     string
		listen   string
		handler  http.Handler
		inFlight bool          // Close while one request is in its handler
		grace    time.Duration // Close's wait for calls in flight
		wantErr  string        // from Serve
		wantOK   bool          // the request succeeds
	}{
		{name: "serve and close", listen: "127.0.0.1:0", handler: handler(0), grace: ShutdownTimeout, wantOK: true},
		{name: "bad address", listen: "256.0.0.1:0", handler: handler(0), wantErr: "listen: "},
		{name: "in flight finishes within grace", listen: "127.0.0.1:0", handler: handler(50 * time.Millisecond),
			inFlight: true, grace: ShutdownTimeout, wantOK: true},
		{name: "in flight cut off after grace", listen: "127.0.0.1:0", handler: handler(time.Hour),
			inFlight: true, grace: 100 * time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Serve(t.Context(), tt.listen, transports.Limits{}, tt.handler)
			if tt.wantErr != "" {
				if err == nil || !strings.HasPrefix(err.Error(), tt.wantErr) || errors.Unwrap(err) == nil {
					t.Fatalf("Serve: err = %v, want a wrapped %q...", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("Serve: %v", err)
			}
			s.grace = tt.grace
			if _, port, _ := net.SplitHostPort(s.Addr()); port == "" || port == "0" {
				t.Fatalf("Addr = %q, want a bound port", s.Addr())
			}

			got := make(chan error, 1)
			go func() {
				res, err := http.Get("http://" + s.Addr() + "/")
				if err == nil {
					var b []byte
					b, err = io.ReadAll(res.Body)
					res.Body.Close()
					if err == nil && (res.StatusCode != http.StatusOK || string(b) != "ok") {
						err = errors.New("status " + res.Status + ", body " + string(b))
					}
				}
				got <- err
			}()
			if !tt.inFlight {
				if err := <-got; err != nil {
					t.Fatalf("request: %v", err)
				}
			} else {
				<-entered
			}

			start := time.Now()
			if err := s.Close(); err != nil {
				t.Fatalf("Close: %v", err)
			}
			if d := time.Since(start); d > tt.grace+time.Second {
				t.Errorf("Close took %v, want at most the grace %v (and a little)", d, tt.grace)
			}
			if err := s.Close(); err != nil {
				t.Fatalf("second Close: %v", err)
			}
			if tt.inFlight {
				if err := <-got; (err == nil) != tt.wantOK {
					t.Fatalf("request in flight: err = %v, want success %v", err, tt.wantOK)
				}
			}
			if c, err := net.DialTimeout("tcp", s.Addr(), time.Second); err == nil {
				c.Close()
				t.Errorf("dial after Close succeeded")
			}
			select {
			case <-entered:
			default:
			}
		})
	}
}

func TestNewClient(t *testing.T) {
	var dialed int
	var d net.Dialer
	c := NewClient(transports.DialConfig{Dial: func(ctx context.Context, network, addr string) (net.Conn, error) {
		dialed++
		return d.DialContext(ctx, network, addr)
	}}, map[string]string{"protocol": "test"})
	defer c.Close()
	hc := c.HTTP
	s, err := Serve(t.Context(), "127.0.0.1:0", transports.Limits{}, http.RedirectHandler("/elsewhere", http.StatusFound))
	if err != nil {
		t.Fatalf("Serve: %v", err)
	}
	defer s.Close()
	for range 2 {
		res, err := hc.Get("http://" + s.Addr() + "/")
		if err != nil {
			t.Fatalf("Get: %v", err)
		}
		_, _ = io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusFound || res.ProtoMajor != 1 {
			t.Fatalf("got %s %s, want the redirect itself over HTTP/1.x", res.Proto, res.Status)
		}
	}
	if dialed != 1 {
		t.Errorf("dialed %d times, want 1 (keep-alive through the given dial)", dialed)
	}
	if s := c.Settings(); s["protocol"] != "test" || s["pool_size"] != "512" || s["compression"] != "off" {
		t.Errorf("Settings = %v, want the pattern's, the common and the HTTP keys", s)
	}
	if err := c.Close(); err != nil || !c.Closed() {
		t.Errorf("Close: %v, Closed %v", err, c.Closed())
	}
}
