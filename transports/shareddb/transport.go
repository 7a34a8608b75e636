package shareddb

import (
	"context"
	"errors"
	"fmt"

	"github.com/intbench/intbench/internal/netx"
	"github.com/intbench/intbench/transports"
)

// Name is the pattern's registry key.
const Name = "shareddb"

// Transport is the shared-database pattern. The zero value is ready to
// use.
type Transport struct{}

// New returns the shared-database transport.
func New() *Transport { return &Transport{} }

// Name returns "shareddb".
func (*Transport) Name() string { return Name }

// PostgresOnly reports true: without a database there is nothing to share.
func (*Transport) PostgresOnly() bool { return true }

var errNoDatabase = errors.New("shareddb: the shared-database pattern needs the PostgreSQL backend (ServeConfig.Backend.DSN is empty)")

// Serve returns a Server whose address is the backend's PostgreSQL URL.
// It starts nothing: the database is the server.
func (*Transport) Serve(_ context.Context, cfg transports.ServeConfig) (transports.Server, error) {
	if cfg.Backend.DSN == "" {
		return nil, errNoDatabase
	}
	return &Server{dsn: cfg.Backend.DSN}, nil
}

// Dial connects to the PostgreSQL database at addr (a URL) through
// cfg.DialFunc() and returns the reference rules over it.
func (*Transport) Dial(ctx context.Context, addr string, cfg transports.DialConfig) (transports.Client, error) {
	if addr == "" {
		return nil, fmt.Errorf("shareddb: dial: empty database URL")
	}
	cl, err := newClient(ctx, addr, cfg)
	return netx.Dial(cl, err, cfg.Client)
}

// Server stands for the provider's database. It owns nothing.
type Server struct {
	dsn string
}

// Addr returns the PostgreSQL URL a consumer connects to.
func (s *Server) Addr() string { return s.dsn }

// Close does nothing: the database belongs to whoever created it.
func (s *Server) Close() error { return nil }

// Settings describes the "server" for the results.
func (s *Server) Settings() map[string]string {
	return map[string]string{"server": "none: consumers use the provider's PostgreSQL tables directly"}
}
