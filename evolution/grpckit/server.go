package grpckit

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"

	"google.golang.org/grpc"

	"github.com/intbench/intbench/transports"
	grpctransport "github.com/intbench/intbench/transports/grpc"
)

// serve starts a v2 server of c for cfg.Backend: one gRPC service per v2
// service that holds an operation, each method served by the provider,
// on transports/grpc's server (its options within cfg.Limits, its
// listener and its stop), without reflection or health.
func serve(ctx context.Context, c *contract, cfg transports.ServeConfig) (transports.Server, error) {
	if cfg.Backend.Service == nil {
		return nil, errors.New("grpckit: serve: backend has no service")
	}
	s, err := grpctransport.NewServer(ctx, cfg, func(gs *grpc.Server) {
		for _, sd := range serviceDescs(c, provider{c: c, svc: cfg.Backend.Service}) {
			gs.RegisterService(sd, nil)
		}
	})
	if err != nil {
		return nil, fmt.Errorf("grpckit: %w", err)
	}
	return s, nil
}

// serviceDescs makes the ServiceDescs of c's methods, by service.
func serviceDescs(c *contract, p provider) []*grpc.ServiceDesc {
	byName := map[string]*grpc.ServiceDesc{}
	for op, md := range c.methods {
		name := string(md.Parent().FullName())
		sd := byName[name]
		if sd == nil {
			sd = &grpc.ServiceDesc{ServiceName: name, Metadata: md.ParentFile().Path()}
			byName[name] = sd
		}
		sd.Methods = append(sd.Methods, p.method(op, md))
	}
	var out []*grpc.ServiceDesc
	for _, name := range slices.Sorted(maps.Keys(byName)) {
		out = append(out, byName[name])
	}
	return out
}
