package soap

import (
	"context"

	"github.com/intbench/intbench/internal/netx"
	"github.com/intbench/intbench/transports"
)

// Transport is the SOAP pattern. The zero value is ready to use.
type Transport struct{}

// New returns the SOAP transport.
func New() *Transport { return &Transport{} }

// Name returns "soap".
func (*Transport) Name() string { return "soap" }

// Serve starts a SOAP server for cfg.Backend and returns once it accepts
// connections.
func (*Transport) Serve(ctx context.Context, cfg transports.ServeConfig) (transports.Server, error) {
	return newServer(ctx, cfg)
}

// Dial returns a SOAP client of the server at addr (host:port).
func (*Transport) Dial(ctx context.Context, addr string, cfg transports.DialConfig) (transports.Client, error) {
	cl, err := newClient(ctx, addr, cfg)
	return netx.Dial(cl, err, cfg.Client)
}
