package grpctransport

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"net"
	"strconv"
	"sync"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/health"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/keepalive"
	"google.golang.org/grpc/reflection"

	"github.com/intbench/intbench/internal/netx"
	"github.com/intbench/intbench/transports"
	pb "github.com/intbench/intbench/transports/grpc/gen/ordersv1"
)

// Server settings.
const (
	// pingMinTime is the shortest client ping interval tolerated, also
	// without calls in flight: below grpc-go's client floor of 10 s
	// (minPingTime), so a hardened client is never punished with GOAWAY
	// "too_many_pings".
	pingMinTime = 5 * time.Second
	// serverPingTime and serverPingTimeout make the server detect dead
	// clients on idle connections.
	serverPingTime    = 30 * time.Second
	serverPingTimeout = 10 * time.Second
	// shutdownTimeout bounds GracefulStop before Stop cuts calls off.
	shutdownTimeout = 5 * time.Second
)

// Server is a running gRPC server.
type Server struct {
	ln       net.Listener
	gs       *grpc.Server
	health   *health.Server
	lim      transports.Limits
	maxRecv  int
	done     chan struct{}
	serveErr error

	closeOnce sync.Once
}

func newServer(ctx context.Context, cfg transports.ServeConfig) (*Server, error) {
	if cfg.Backend.Service == nil {
		return nil, errors.New("grpctransport: serve: backend has no service")
	}
	hs := health.NewServer()
	return serve(ctx, cfg, hs, func(gs *grpc.Server) {
		pb.RegisterOrdersServiceServer(gs, &handler{svc: cfg.Backend.Service})
		hs.SetServingStatus("", healthpb.HealthCheckResponse_SERVING)
		hs.SetServingStatus(pb.OrdersService_ServiceDesc.ServiceName, healthpb.HealthCheckResponse_SERVING)
		healthpb.RegisterHealthServer(gs, hs)
		reflection.Register(gs)
	})
}

// NewServer starts a gRPC server on cfg's address with the services that
// register adds, configured and stopped as the pattern's own server:
// within cfg.Limits (message sizes, concurrent streams, header list, the
// HTTP/2 handshake's timeout, idle connections closed, at most MaxConns
// connections), with its keepalive policy and pings and its answer to
// HTTP/1.x. It has no reflection or health service unless register adds
// them. cfg.Backend is not used. It serves the v2 sides of
// evolution/grpckit.
func NewServer(ctx context.Context, cfg transports.ServeConfig, register func(*grpc.Server)) (*Server, error) {
	return serve(ctx, cfg, nil, register)
}

// serve starts a server of register's services; hs, when not nil, is the
// health service among them, which Close marks NOT_SERVING first.
func serve(ctx context.Context, cfg transports.ServeConfig, hs *health.Server, register func(*grpc.Server)) (*Server, error) {
	lim := cfg.Limits.WithDefaults()
	maxRecv := int(min(lim.MaxBodyBytes, transports.DefaultMaxResponseBytes))
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", cfg.ListenAddr())
	if err != nil {
		return nil, fmt.Errorf("grpctransport: listen: %w", err)
	}
	gs := grpc.NewServer(
		grpc.MaxRecvMsgSize(maxRecv),
		grpc.MaxSendMsgSize(transports.DefaultMaxResponseBytes),
		grpc.MaxConcurrentStreams(uint32(lim.MaxStreams)),
		grpc.MaxHeaderListSize(transports.MaxHeaderBytes),
		grpc.ConnectionTimeout(lim.ReadHeaderTimeout),
		grpc.KeepaliveEnforcementPolicy(keepalive.EnforcementPolicy{MinTime: pingMinTime, PermitWithoutStream: true}),
		grpc.KeepaliveParams(keepalive.ServerParameters{MaxConnectionIdle: lim.IdleTimeout, Time: serverPingTime, Timeout: serverPingTimeout}),
	)
	register(gs)
	s := &Server{ln: ln, gs: gs, health: hs, lim: lim, maxRecv: maxRecv, done: make(chan struct{})}
	go func() {
		defer close(s.done)
		s.serveErr = gs.Serve(sniffListener{netx.LimitListener(ln, lim.MaxConns)})
	}()
	return s, nil
}

// Addr returns the host:port the server listens on.
func (s *Server) Addr() string { return s.ln.Addr().String() }

// Close marks the server NOT_SERVING, lets calls in flight finish for up
// to a few seconds (GracefulStop), then cuts the rest off (Stop). Calling
// it twice is safe.
func (s *Server) Close() error {
	s.closeOnce.Do(func() {
		if s.health != nil {
			s.health.Shutdown()
		}
		stopped := make(chan struct{})
		go func() {
			s.gs.GracefulStop()
			close(stopped)
		}()
		timer := time.NewTimer(shutdownTimeout)
		defer timer.Stop()
		select {
		case <-stopped:
		case <-timer.C:
			s.gs.Stop()
			<-stopped
		}
		<-s.done
	})
	if s.serveErr != nil && !errors.Is(s.serveErr, grpc.ErrServerStopped) {
		return fmt.Errorf("grpctransport: serve: %w", s.serveErr)
	}
	return nil
}

// Settings describes the server's configuration for the results.
func (s *Server) Settings() map[string]string {
	m := s.lim.Settings()
	maps.Copy(m, map[string]string{
		"library":                  "google.golang.org/grpc",
		"max_body_bytes":           strconv.Itoa(s.maxRecv),
		"max_recv_msg_bytes":       strconv.Itoa(s.maxRecv),
		"max_send_msg_bytes":       strconv.Itoa(transports.DefaultMaxResponseBytes),
		"read_header_timeout":      s.lim.ReadHeaderTimeout.String() + " (HTTP/2 handshake from accept: grpc.ConnectionTimeout)",
		"read_timeout":             "none per call (grpc-go has none; a stalled stream holds one of max_streams until its connection ends)",
		"write_timeout":            "none per call (as read_timeout)",
		"idle_timeout":             s.lim.IdleTimeout.String() + " (GOAWAY after no call: keepalive MaxConnectionIdle)",
		"keepalive_min_ping":       pingMinTime.String(),
		"keepalive_permit_no_rpcs": "true",
		"keepalive_server_ping":    serverPingTime.String() + "/" + serverPingTimeout.String(),
		"graceful_stop_timeout":    shutdownTimeout.String(),
		"reflection":               "false",
		"health":                   "none",
		"compression":              "none",
	})
	if s.health != nil { // the pattern's own server
		m["reflection"], m["health"] = "true", "grpc.health.v1"
	}
	return m
}
