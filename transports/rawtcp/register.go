package rawtcp

import (
	"context"

	"github.com/intbench/intbench/internal/netx"
	"github.com/intbench/intbench/transports"
)

var _ transports.Transport = (*Transport)(nil)

func init() { transports.Register(New()) }

// Transport is the raw-TCP baseline. The zero value is ready to use.
type Transport struct{}

// New returns the raw-TCP transport.
func New() *Transport { return &Transport{} }

// Name returns "rawtcp".
func (*Transport) Name() string { return "rawtcp" }

// Serve starts a raw-TCP server for cfg.Backend and returns once it accepts
// connections.
func (*Transport) Serve(ctx context.Context, cfg transports.ServeConfig) (transports.Server, error) {
	return newServer(ctx, cfg)
}

// Dial returns a raw-TCP client of the server at addr (host:port).
// Connections are opened lazily, on the first calls.
func (*Transport) Dial(ctx context.Context, addr string, cfg transports.DialConfig) (transports.Client, error) {
	cl, err := newClient(ctx, addr, cfg)
	return netx.Dial(cl, err, cfg.Client)
}
