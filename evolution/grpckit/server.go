package grpckit

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"net"
	"slices"
	"sync"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/keepalive"

	"github.com/intbench/intbench/transports"
)

// Server settings, as transports/grpc's server has them.
const (
	handshakeTimeout  = 10 * time.Second
	pingMinTime       = 5 * time.Second
	serverPingTime    = 30 * time.Second
	serverPingTimeout = 10 * time.Second
	shutdownTimeout   = 5 * time.Second
)

// server is a running v2 gRPC server.
type server struct {
	ln       net.Listener
	gs       *grpc.Server
	done     chan struct{}
	serveErr error
	once     sync.Once
}

// serve starts a v2 server of c for cfg.Backend: one gRPC service per v2
// service that holds an operation, each method served by the provider.
func serve(ctx context.Context, c *contract, cfg transports.ServeConfig) (*server, error) {
	if cfg.Backend.Service == nil {
		return nil, errors.New("grpckit: serve: backend has no service")
	}
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", cfg.ListenAddr())
	if err != nil {
		return nil, fmt.Errorf("grpckit: listen: %w", err)
	}
	gs := grpc.NewServer(
		grpc.MaxRecvMsgSize(int(min(cfg.Limits.WithDefaults().MaxBodyBytes, int64(transports.DefaultMaxResponseBytes)))),
		grpc.MaxSendMsgSize(transports.DefaultMaxResponseBytes),
		grpc.ConnectionTimeout(handshakeTimeout),
		grpc.KeepaliveEnforcementPolicy(keepalive.EnforcementPolicy{MinTime: pingMinTime, PermitWithoutStream: true}),
		grpc.KeepaliveParams(keepalive.ServerParameters{Time: serverPingTime, Timeout: serverPingTimeout}),
	)
	for _, sd := range serviceDescs(c, provider{c: c, svc: cfg.Backend.Service}) {
		gs.RegisterService(sd, nil)
	}
	s := &server{ln: ln, gs: gs, done: make(chan struct{})}
	go func() {
		defer close(s.done)
		s.serveErr = gs.Serve(ln)
	}()
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

// Addr returns the host:port the server listens on.
func (s *server) Addr() string { return s.ln.Addr().String() }

// Close lets calls in flight finish for a few seconds, then cuts the rest
// off (a concurrent Stop is grpc-go's way to end a GracefulStop). Calling
// it twice is safe.
func (s *server) Close() error {
	s.once.Do(func() {
		cut := time.AfterFunc(shutdownTimeout, s.gs.Stop)
		s.gs.GracefulStop()
		cut.Stop()
		<-s.done
	})
	if s.serveErr != nil && !errors.Is(s.serveErr, grpc.ErrServerStopped) {
		return fmt.Errorf("grpckit: serve: %w", s.serveErr)
	}
	return nil
}
