// Package httpx holds the HTTP plumbing that the HTTP-based transports
// (rest and soap) share: the server lifecycle with its limits, the client's
// transport built from a transports.DialConfig, reading a response body
// under the size limit, and a pool of reusable buffers.
//
// Errors name the step that failed ("listen: ...", "close: ...") and wrap
// the cause; the calling transport wraps them again with its own prefix, so
// that they read "rest: listen: ..." or "soap: close: ...".
package httpx

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/intbench/intbench/internal/netx"
	"github.com/intbench/intbench/transports"
)

// ShutdownTimeout is how long Close waits for calls in flight before
// closing their connections.
const ShutdownTimeout = 5 * time.Second

// Server is a running HTTP/1.1 server.
type Server struct {
	ln    net.Listener
	lim   transports.Limits
	hs    *http.Server
	done  chan struct{}
	grace time.Duration // ShutdownTimeout; shorter in tests

	closeOnce sync.Once
	closeErr  error
}

// Serve listens on listenAddr (host:port) and serves h there within lim
// (zero fields mean the defaults): at most lim.MaxConns connections, the
// timeouts of lim, request heads of at most transports.MaxHeaderBytes. It
// returns once the server accepts connections.
func Serve(ctx context.Context, listenAddr string, lim transports.Limits, h http.Handler) (*Server, error) {
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", listenAddr)
	if err != nil {
		return nil, fmt.Errorf("listen: %w", err)
	}
	lim = lim.WithDefaults()
	s := &Server{
		ln:  ln,
		lim: lim,
		hs: &http.Server{
			Handler:           limitHeaders(h),
			ReadHeaderTimeout: lim.ReadHeaderTimeout,
			ReadTimeout:       lim.ReadTimeout,
			WriteTimeout:      lim.WriteTimeout,
			IdleTimeout:       lim.IdleTimeout,
			MaxHeaderBytes:    transports.MaxHeaderBytes,
		},
		done:  make(chan struct{}),
		grace: ShutdownTimeout,
	}
	go func() {
		defer close(s.done)
		_ = s.hs.Serve(netx.LimitListener(ln, lim.MaxConns)) // always ErrServerClosed or a listener error after Close
	}()
	return s, nil
}

// Addr returns the host:port the server listens on.
func (s *Server) Addr() string { return s.ln.Addr().String() }

// Settings describes the server limits, for the results; callers add their
// protocol's own keys.
func (s *Server) Settings() map[string]string {
	m := s.lim.Settings()
	m["max_streams"] = transports.OneCallPerConn
	return m
}

// Close shuts the server down, waiting up to ShutdownTimeout for calls in
// flight before closing their connections, and returns once the server
// has stopped. Calling it twice is safe and returns the same error.
func (s *Server) Close() error {
	s.closeOnce.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), s.grace)
		defer cancel()
		if err := s.hs.Shutdown(ctx); err != nil {
			if cerr := s.hs.Close(); cerr != nil {
				s.closeErr = fmt.Errorf("close: %w", cerr)
			}
		}
		<-s.done
	})
	return s.closeErr
}
