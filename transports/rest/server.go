package rest

import (
	"context"
	"errors"
	"fmt"

	"github.com/intbench/intbench/internal/httpx"
	"github.com/intbench/intbench/transports"
)

// Server is a running REST server.
type Server struct {
	hs *httpx.Server
}

func newServer(ctx context.Context, cfg transports.ServeConfig) (*Server, error) {
	if cfg.Backend.Service == nil {
		return nil, errors.New("rest: serve: backend has no service")
	}
	lim := cfg.Limits.WithDefaults()
	hs, err := httpx.Serve(ctx, cfg.ListenAddr(), lim, newMux(cfg.Backend.Service, lim.MaxBodyBytes))
	if err != nil {
		return nil, fmt.Errorf("rest: %w", err)
	}
	return &Server{hs: hs}, nil
}

// Settings describes the server's configuration for the results.
func (s *Server) Settings() map[string]string {
	m := s.hs.Settings()
	m["protocol"] = "JSON resources over HTTP/1.1 keep-alive (net/http, encoding/json)"
	return m
}

// Addr returns the host:port the server listens on.
func (s *Server) Addr() string { return s.hs.Addr() }

// Close shuts the server down, waiting up to a few seconds for calls in
// flight before closing their connections. Calling it twice is safe.
func (s *Server) Close() error {
	if err := s.hs.Close(); err != nil {
		return fmt.Errorf("rest: %w", err)
	}
	return nil
}
