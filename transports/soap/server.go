package soap

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/intbench/intbench/transports"
)

// Server limits. Reads and writes are bounded generously enough for an
// 8 MiB request or a large page over a slowed link.
const (
	readHeaderTimeout = 10 * time.Second
	readTimeout       = 2 * time.Minute
	writeTimeout      = 2 * time.Minute
	idleTimeout       = 2 * time.Minute
	maxHeaderBytes    = 64 << 10
	shutdownTimeout   = 5 * time.Second
)

// Server is a running SOAP server.
type Server struct {
	ln      net.Listener
	hs      *http.Server
	done    chan struct{}
	maxBody int64

	closeOnce sync.Once
	closeErr  error
}

func newServer(ctx context.Context, cfg transports.ServeConfig) (*Server, error) {
	if cfg.Backend.Service == nil {
		return nil, errors.New("soap: serve: backend has no service")
	}
	h, err := newHandler(cfg.Backend.Service, cfg.MaxBody())
	if err != nil {
		return nil, err
	}
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", cfg.ListenAddr())
	if err != nil {
		return nil, fmt.Errorf("soap: listen: %w", err)
	}
	s := &Server{
		ln: ln,
		hs: &http.Server{
			Handler:           h,
			ReadHeaderTimeout: readHeaderTimeout,
			ReadTimeout:       readTimeout,
			WriteTimeout:      writeTimeout,
			IdleTimeout:       idleTimeout,
			MaxHeaderBytes:    maxHeaderBytes,
		},
		done:    make(chan struct{}),
		maxBody: cfg.MaxBody(),
	}
	go func() {
		defer close(s.done)
		_ = s.hs.Serve(ln) // always ErrServerClosed or a listener error after Close
	}()
	return s, nil
}

// Addr returns the host:port the server listens on.
func (s *Server) Addr() string { return s.ln.Addr().String() }

// Settings describes the server's configuration for the results.
func (s *Server) Settings() map[string]string {
	return map[string]string{
		"protocol":            "SOAP 1.1 document/literal over HTTP/1.1 (net/http, encoding/xml)",
		"read_header_timeout": readHeaderTimeout.String(),
		"read_timeout":        readTimeout.String(),
		"write_timeout":       writeTimeout.String(),
		"idle_timeout":        idleTimeout.String(),
		"max_header_bytes":    strconv.Itoa(maxHeaderBytes),
		"max_body_bytes":      strconv.FormatInt(s.maxBody, 10),
		"fault_http_status":   "500 (SOAP 1.1, WS-I BP R1126)",
	}
}

// Close shuts the server down, waiting up to a few seconds for calls in
// flight before closing their connections. Calling it twice is safe.
func (s *Server) Close() error {
	s.closeOnce.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
		defer cancel()
		if err := s.hs.Shutdown(ctx); err != nil {
			if cerr := s.hs.Close(); cerr != nil {
				s.closeErr = fmt.Errorf("soap: close: %w", cerr)
			}
		}
		<-s.done
	})
	return s.closeErr
}
