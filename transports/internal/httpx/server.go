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
	"strconv"
	"sync"
	"time"
)

// Server limits. Reads and writes are bounded generously enough for an
// 8 MiB request or a large page over a slowed link; idle keep-alive
// connections are kept longer than the clients' default idle timeout
// (transports.DefaultIdleTimeout) so that the client, not the server,
// closes them.
const (
	// ReadHeaderTimeout bounds reading a request's headers.
	ReadHeaderTimeout = 10 * time.Second
	// ReadTimeout bounds reading a whole request.
	ReadTimeout = 2 * time.Minute
	// WriteTimeout bounds writing a response.
	WriteTimeout = 2 * time.Minute
	// IdleTimeout is how long an idle keep-alive connection is kept.
	IdleTimeout = 2 * time.Minute
	// MaxHeaderBytes caps a request's headers.
	MaxHeaderBytes = 64 << 10
	// ShutdownTimeout is how long Close waits for calls in flight before
	// closing their connections.
	ShutdownTimeout = 5 * time.Second
)

// Server is a running HTTP/1.1 server.
type Server struct {
	ln    net.Listener
	hs    *http.Server
	done  chan struct{}
	grace time.Duration // ShutdownTimeout; shorter in tests

	closeOnce sync.Once
	closeErr  error
}

// Serve listens on listenAddr (host:port) and serves h there with the
// limits above. It returns once the server accepts connections.
func Serve(ctx context.Context, listenAddr string, h http.Handler) (*Server, error) {
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", listenAddr)
	if err != nil {
		return nil, fmt.Errorf("listen: %w", err)
	}
	s := &Server{
		ln: ln,
		hs: &http.Server{
			Handler:           h,
			ReadHeaderTimeout: ReadHeaderTimeout,
			ReadTimeout:       ReadTimeout,
			WriteTimeout:      WriteTimeout,
			IdleTimeout:       IdleTimeout,
			MaxHeaderBytes:    MaxHeaderBytes,
		},
		done:  make(chan struct{}),
		grace: ShutdownTimeout,
	}
	go func() {
		defer close(s.done)
		_ = s.hs.Serve(ln) // always ErrServerClosed or a listener error after Close
	}()
	return s, nil
}

// Addr returns the host:port the server listens on.
func (s *Server) Addr() string { return s.ln.Addr().String() }

// Settings describes the server limits, for the results; callers add their
// protocol's own keys.
func (s *Server) Settings() map[string]string {
	return map[string]string{
		"read_header_timeout": ReadHeaderTimeout.String(),
		"read_timeout":        ReadTimeout.String(),
		"write_timeout":       WriteTimeout.String(),
		"idle_timeout":        IdleTimeout.String(),
		"max_header_bytes":    strconv.Itoa(MaxHeaderBytes),
	}
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
