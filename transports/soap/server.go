package soap

import (
	"context"
	"errors"
	"fmt"

	"github.com/intbench/intbench/internal/httpx"
	"github.com/intbench/intbench/transports"
)

// Server is a running SOAP server.
type Server struct {
	hs *httpx.Server
}

func newServer(ctx context.Context, cfg transports.ServeConfig) (*Server, error) {
	if cfg.Backend.Service == nil {
		return nil, errors.New("soap: serve: backend has no service")
	}
	lim := cfg.Limits.WithDefaults()
	h, err := newHandler(cfg.Backend.Service, lim.MaxBodyBytes)
	if err != nil {
		return nil, err
	}
	hs, err := httpx.Serve(ctx, cfg.ListenAddr(), lim, h)
	if err != nil {
		return nil, fmt.Errorf("soap: %w", err)
	}
	return &Server{hs: hs}, nil
}

// Addr returns the host:port the server listens on.
func (s *Server) Addr() string { return s.hs.Addr() }

// Settings describes the server's configuration for the results.
func (s *Server) Settings() map[string]string {
	m := s.hs.Settings()
	m["protocol"] = "SOAP 1.1 document/literal over HTTP/1.1 (net/http, encoding/xml)"
	m["fault_http_status"] = "500 (SOAP 1.1, WS-I BP R1126)"
	return m
}

// Close shuts the server down, waiting up to a few seconds for calls in
// flight before closing their connections. Calling it twice is safe.
func (s *Server) Close() error {
	if err := s.hs.Close(); err != nil {
		return fmt.Errorf("soap: %w", err)
	}
	return nil
}
