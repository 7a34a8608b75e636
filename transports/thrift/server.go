package thrift

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strconv"
	"sync"
	"time"

	"github.com/apache/thrift/lib/go/thrift"

	"github.com/intbench/intbench/internal/netx"
	"github.com/intbench/intbench/transports"
	"github.com/intbench/intbench/transports/thrift/gen/orders"
)

// server is a running Thrift server: an accept loop and one goroutine per
// connection.
type server struct {
	ln        net.Listener
	processor thrift.TProcessor
	inConf    *thrift.TConfiguration // requests: capped at MaxBodyBytes
	outConf   *thrift.TConfiguration // responses: capped at DefaultMaxResponseBytes
	inProto   thrift.TProtocolFactory
	outProto  thrift.TProtocolFactory
	proto     Protocol
	lim       transports.Limits

	ctx    context.Context // cancelled by Close; parent of every call
	cancel context.CancelFunc
	wg     sync.WaitGroup

	mu     sync.Mutex
	conns  map[net.Conn]struct{}
	closed bool

	closeOnce sync.Once
	closeErr  error
}

var _ transports.Describer = (*server)(nil)

func newServer(ctx context.Context, p Protocol, cfg transports.ServeConfig) (*server, error) {
	if cfg.Backend.Service == nil {
		return nil, errors.New("thrift: serve: backend has no service")
	}
	return serve(ctx, p, cfg, orders.NewOrdersProcessor(handler{svc: cfg.Backend.Service}))
}

// ServeProcessor serves processor, the generated processor of any Thrift
// service, on cfg's address as the pattern serves its own: t's protocol
// over the framed transport, within cfg.Limits (requests capped at
// MaxBodyBytes, responses at transports.DefaultMaxResponseBytes, at most
// MaxConns connections, each one's deadlines armed by netx.FrameConn), a
// goroutine per connection, kept after a declared exception or an unknown
// method only. cfg.Backend is not used: processor serves what it serves.
// It is the server loop of evolution/thriftkit's v2 sides.
func (t *Transport) ServeProcessor(ctx context.Context, cfg transports.ServeConfig, processor thrift.TProcessor) (transports.Server, error) {
	return serve(ctx, t.Protocol, cfg, processor)
}

func serve(ctx context.Context, p Protocol, cfg transports.ServeConfig, processor thrift.TProcessor) (*server, error) {
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", cfg.ListenAddr())
	if err != nil {
		return nil, fmt.Errorf("thrift: listen on %s: %w", cfg.ListenAddr(), err)
	}
	s := newConnServer(p, processor, cfg.Limits.WithDefaults())
	s.ln = netx.LimitListener(ln, s.lim.MaxConns)
	s.wg.Go(s.acceptLoop)
	return s, nil
}

// newConnServer returns a server without its listener: what serveConn
// needs to answer the requests of a connection with processor.
func newConnServer(p Protocol, processor thrift.TProcessor, lim transports.Limits) *server {
	s := &server{
		processor: processor,
		inConf:    limitConf(lim.MaxBodyBytes),
		outConf:   limitConf(transports.DefaultMaxResponseBytes),
		proto:     p,
		lim:       lim,
		conns:     map[net.Conn]struct{}{},
	}
	s.inProto = protocolFactory(p, s.inConf)
	s.outProto = protocolFactory(p, s.outConf)
	s.ctx, s.cancel = context.WithCancel(context.Background())
	return s
}

// Addr returns the host:port the server listens on.
func (s *server) Addr() string { return s.ln.Addr().String() }

// Settings describes the server's configuration.
func (s *server) Settings() map[string]string {
	m := s.lim.Settings()
	m["max_streams"] = transports.OneCallPerConn
	m["protocol"] = s.proto.String()
	m["transport"] = "framed"
	m["concurrency"] = "goroutine per connection"
	m["max_depth"] = strconv.Itoa(thrift.DEFAULT_RECURSION_DEPTH) + " (unknown nested structs; the library's constant)"
	return m
}

// Close stops accepting, closes every open connection and waits for the
// server's goroutines. Calling it again returns the first result.
func (s *server) Close() error {
	s.closeOnce.Do(func() {
		s.mu.Lock()
		s.closed = true
		for c := range s.conns {
			_ = c.Close()
		}
		s.mu.Unlock()
		s.cancel()
		if err := s.ln.Close(); err != nil && !errors.Is(err, net.ErrClosed) {
			s.closeErr = fmt.Errorf("thrift: close listener: %w", err)
		}
		s.wg.Wait()
	})
	return s.closeErr
}

// acceptLoop accepts connections until the listener is closed, backing off
// on temporary errors (too many open files) like net/http does.
func (s *server) acceptLoop() {
	var delay time.Duration
	for {
		conn, err := s.ln.Accept()
		if err != nil {
			if errors.Is(err, net.ErrClosed) || s.ctx.Err() != nil {
				return
			}
			delay = min(max(2*delay, 5*time.Millisecond), time.Second)
			select {
			case <-time.After(delay):
				continue
			case <-s.ctx.Done():
				return
			}
		}
		delay = 0
		if !s.track(conn) {
			_ = conn.Close()
			return
		}
		s.wg.Go(func() {
			defer s.untrack(conn)
			s.serveConn(conn)
		})
	}
}

// track registers conn so Close can close it; false once closed.
func (s *server) track(conn net.Conn) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return false
	}
	s.conns[conn] = struct{}{}
	return true
}

func (s *server) untrack(conn net.Conn) {
	s.mu.Lock()
	delete(s.conns, conn)
	s.mu.Unlock()
	_ = conn.Close()
}

// serveConn answers the requests of one connection in turn, like
// TSimpleServer: a declared exception or an unknown method keeps the
// connection; any other error (transport failure, oversized frame,
// undecodable request) ends it, since the stream can no longer be trusted.
func (s *server) serveConn(conn net.Conn) {
	sock := thrift.NewTSocketFromConnConf(netx.NewFrameConn(conn, s.lim), s.inConf)
	in := s.inProto.GetProtocol(thrift.NewTFramedTransportConf(sock, s.inConf))
	out := s.outProto.GetProtocol(thrift.NewTFramedTransportConf(newWriteBuffer(sock), s.outConf))
	for s.ctx.Err() == nil {
		ok, err := s.processor.Process(s.ctx, in, out)
		if err != nil && keepsConnection(err) {
			continue
		}
		if !ok {
			return
		}
	}
}

// keepsConnection reports whether the stream is still in step after a
// request that failed with err.
func keepsConnection(err error) bool {
	var te thrift.TTransportException
	if errors.As(err, &te) {
		return false
	}
	var ae thrift.TApplicationException
	return errors.As(err, &ae) && ae.TypeId() == thrift.UNKNOWN_METHOD
}
