package grpctransport

import (
	"context"

	"github.com/intbench/intbench/internal/netx"
	"github.com/intbench/intbench/transports"
)

// Transport is the gRPC pattern. The zero value is ready to use.
type Transport struct{}

// New returns the gRPC transport.
func New() *Transport { return &Transport{} }

// Name returns "grpc".
func (*Transport) Name() string { return "grpc" }

// Serve starts a gRPC server for cfg.Backend and returns once it accepts
// connections.
func (*Transport) Serve(ctx context.Context, cfg transports.ServeConfig) (transports.Server, error) {
	return newServer(ctx, cfg)
}

// Dial returns a gRPC client of the server at addr (host:port). The
// connection is opened in the background; calls wait for it only as long
// as it is being established and fail fast once it has failed.
func (*Transport) Dial(ctx context.Context, addr string, cfg transports.DialConfig) (transports.Client, error) {
	cl, err := newClient(ctx, addr, cfg)
	return netx.Dial(cl, err, cfg.Client)
}
