package restkit

import (
	"context"

	"github.com/intbench/intbench/evolution"
	"github.com/intbench/intbench/transports"
)

// side is a v2 REST contract: its server (the v1 server behind a) and its
// client (of c).
type side[C, O any] struct {
	a Adapter
	c Contract[C, O]
}

// NewSide returns the v2 side whose server speaks a's contract and whose
// client is written against c.
func NewSide[C, O any](a Adapter, c Contract[C, O]) evolution.Side {
	if c.OrdersPath == nil {
		c.OrdersPath = OrdersPath
	}
	if c.Body == nil {
		c.Body = V1Body
	}
	return side[C, O]{a: a, c: c}
}

// Serve starts the v1 server over cfg.Backend and the v2 server in front
// of it on cfg's address.
func (s side[C, O]) Serve(ctx context.Context, cfg transports.ServeConfig) (transports.Server, error) {
	return serve(ctx, s.a, cfg)
}

// Dial returns a v2 client of the server at addr (host:port).
func (s side[C, O]) Dial(_ context.Context, addr string) (evolution.Client, error) {
	c, err := newCaller(addr)
	if err != nil {
		return nil, err
	}
	return &client[C, O]{caller: c, c: s.c}, nil
}
