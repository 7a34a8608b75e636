package grpckit

import (
	"context"

	"github.com/intbench/intbench/evolution"
	"github.com/intbench/intbench/transports"
	grpctransport "github.com/intbench/intbench/transports/grpc"
)

// Pattern is the name the gRPC pattern is registered under.
var Pattern = grpctransport.New().Name()

// side is the v2 side of a contract: its server and its client.
type side struct{ c *contract }

// Side returns the v2 side of c.
func Side(c Contract) (evolution.Side, error) {
	cc, err := compile(c)
	if err != nil {
		return nil, err
	}
	return side{cc}, nil
}

// Register makes c the gRPC pattern's v2 side under change. It panics
// when c's descriptors do not resolve (they are committed, and every
// change's tests use them); call it from init.
func Register(change string, c Contract) {
	s, err := Side(c)
	if err != nil {
		panic("grpckit: " + change + ": " + err.Error())
	}
	evolution.RegisterVariant(change, Pattern, evolution.Variant{Side: s})
}

// Serve serves the v2 contract over cfg.Backend.
func (s side) Serve(ctx context.Context, cfg transports.ServeConfig) (transports.Server, error) {
	return serve(ctx, s.c, cfg)
}

// Dial returns a v2 client of the server at addr.
func (s side) Dial(_ context.Context, addr string) (evolution.Client, error) {
	return dial(s.c, addr)
}
