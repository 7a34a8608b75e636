package restkit

import (
	"context"
	"errors"
	"fmt"
	"net/url"

	"github.com/intbench/intbench/internal/httpx"
	"github.com/intbench/intbench/transports"
	"github.com/intbench/intbench/transports/rest"
)

// server is a v2 server: the v1 server and the proxy in front of it. The
// proxy is served as the v1 server is (internal/httpx, within the same
// limits), and reaches the v1 server with the HTTP clients' transport.
type server struct {
	v1  transports.Server
	hop *httpx.Client // the proxy's client of the v1 server
	hs  *httpx.Server
}

// serve starts the v1 server over cfg.Backend on a loopback port of its
// own and the v2 server for a on cfg's address, both within cfg.Limits.
func serve(ctx context.Context, a Adapter, cfg transports.ServeConfig) (*server, error) {
	lim := cfg.Limits.WithDefaults()
	v1, err := rest.New().Serve(ctx, transports.ServeConfig{Limits: lim, Backend: cfg.Backend})
	if err != nil {
		return nil, fmt.Errorf("restkit: v1 server: %w", err)
	}
	hop := httpx.NewClient(transports.DialConfig{}, nil)
	h := newHandler(a, &url.URL{Scheme: "http", Host: v1.Addr()}, hop.HTTP.Transport, lim.MaxBodyBytes)
	hs, err := httpx.Serve(ctx, cfg.ListenAddr(), lim, h)
	if err != nil {
		return nil, errors.Join(fmt.Errorf("restkit: %w", err), hop.Close(), v1.Close())
	}
	return &server{v1: v1, hop: hop, hs: hs}, nil
}

// Addr returns the v2 server's host:port.
func (s *server) Addr() string { return s.hs.Addr() }

// Settings describes the v2 server: the v1 server's HTTP limits, and the
// proxy.
func (s *server) Settings() map[string]string {
	m := s.hs.Settings()
	m["protocol"] = "JSON resources over HTTP/1.1 keep-alive: a transforming reverse proxy (net/http/httputil) in front of the v1 server"
	return m
}

// Close stops the v2 server, waiting a few seconds for calls in flight,
// then the v1 server. Calling it twice is safe.
func (s *server) Close() error {
	if err := errors.Join(s.hs.Close(), s.hop.Close(), s.v1.Close()); err != nil {
		return fmt.Errorf("restkit: %w", err)
	}
	return nil
}
