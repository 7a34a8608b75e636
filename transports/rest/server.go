package rest

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/intbench/intbench/transports"
)

// Server limits. Reads and writes are bounded generously enough for an
// 8 MiB request or a large page over a slowed link; idle keep-alive
// connections are kept longer than the client's 90 s idle timeout so that
// the client, not the server, closes them.
const (
	readHeaderTimeout = 10 * time.Second
	readTimeout       = 2 * time.Minute
	writeTimeout      = 2 * time.Minute
	idleTimeout       = 2 * time.Minute
	maxHeaderBytes    = 64 << 10
	shutdownTimeout   = 5 * time.Second
)

// Server is a running REST server.
type Server struct {
	ln   net.Listener
	hs   *http.Server
	done chan struct{}

	closeOnce sync.Once
	closeErr  error
}

func newServer(ctx context.Context, cfg transports.ServeConfig) (*Server, error) {
	if cfg.Backend.Service == nil {
		return nil, errors.New("rest: serve: backend has no service")
	}
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", cfg.ListenAddr())
	if err != nil {
		return nil, fmt.Errorf("rest: listen: %w", err)
	}
	s := &Server{
		ln: ln,
		hs: &http.Server{
			Handler:           newMux(cfg.Backend.Service, cfg.MaxBody()),
			ReadHeaderTimeout: readHeaderTimeout,
			ReadTimeout:       readTimeout,
			WriteTimeout:      writeTimeout,
			IdleTimeout:       idleTimeout,
			MaxHeaderBytes:    maxHeaderBytes,
		},
		done: make(chan struct{}),
	}
	go func() {
		defer close(s.done)
		_ = s.hs.Serve(ln) // always ErrServerClosed or a listener error after Close
	}()
	return s, nil
}

// Addr returns the host:port the server listens on.
func (s *Server) Addr() string { return s.ln.Addr().String() }

// Close shuts the server down, waiting up to a few seconds for calls in
// flight before closing their connections. Calling it twice is safe.
func (s *Server) Close() error {
	s.closeOnce.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
		defer cancel()
		if err := s.hs.Shutdown(ctx); err != nil {
			if cerr := s.hs.Close(); cerr != nil {
				s.closeErr = fmt.Errorf("rest: close: %w", cerr)
			}
		}
		<-s.done
	})
	return s.closeErr
}
