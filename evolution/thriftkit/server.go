package thriftkit

import (
	"context"
	"errors"
	"fmt"
	"net"
	"sync"

	"github.com/apache/thrift/lib/go/thrift"

	"github.com/intbench/intbench/transports"
)

// server serves a generated processor as transports/thrift serves v1's:
// framed transport, binary protocol, requests capped at MaxBody and
// responses at transports.DefaultMaxResponseBytes, every socket read and write
// bounded by transports.DefaultServerIdleTimeout, a goroutine per connection, and
// the connection kept after a declared exception or an unknown method
// only. It is a copy of v1's loop (transports/thrift keeps its own
// unexported), without v1's write buffer, which saves a syscall per
// response and changes no byte.
type server struct {
	ln        net.Listener
	processor thrift.TProcessor
	in, out   thrift.TProtocolFactory
	inConf    *thrift.TConfiguration // requests: capped at MaxBody
	outConf   *thrift.TConfiguration // responses: capped at MaxResponseBytes

	ctx    context.Context // cancelled by Close; parent of every call
	cancel context.CancelFunc
	wg     sync.WaitGroup

	mu     sync.Mutex
	conns  map[net.Conn]struct{}
	closed bool
	once   sync.Once
}

// serve starts serving processor on cfg's address.
func serve(ctx context.Context, cfg transports.ServeConfig, processor thrift.TProcessor) (*server, error) {
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", cfg.ListenAddr())
	if err != nil {
		return nil, fmt.Errorf("thriftkit: listen on %s: %w", cfg.ListenAddr(), err)
	}
	s := &server{
		ln:        ln,
		processor: processor,
		inConf:    conf(cfg.Limits.WithDefaults().MaxBodyBytes, transports.DefaultServerIdleTimeout),
		outConf:   conf(transports.DefaultMaxResponseBytes, transports.DefaultServerIdleTimeout),
		conns:     map[net.Conn]struct{}{},
	}
	s.in = thrift.NewTBinaryProtocolFactoryConf(s.inConf)
	s.out = thrift.NewTBinaryProtocolFactoryConf(s.outConf)
	s.ctx, s.cancel = context.WithCancel(context.Background())
	s.wg.Go(s.acceptLoop)
	return s, nil
}

// Addr returns the host:port the server listens on.
func (s *server) Addr() string { return s.ln.Addr().String() }

// Close stops accepting, closes every connection and waits for the
// server's goroutines.
func (s *server) Close() error {
	var err error
	s.once.Do(func() {
		s.mu.Lock()
		s.closed = true
		for c := range s.conns {
			_ = c.Close()
		}
		s.mu.Unlock()
		s.cancel()
		if e := s.ln.Close(); e != nil && !errors.Is(e, net.ErrClosed) {
			err = fmt.Errorf("thriftkit: close listener: %w", e)
		}
		s.wg.Wait()
	})
	return err
}

func (s *server) acceptLoop() {
	for {
		conn, err := s.ln.Accept()
		if err != nil {
			return // closed: the evolution matrix opens a handful of connections, so no back-off
		}
		s.mu.Lock()
		if s.closed {
			s.mu.Unlock()
			_ = conn.Close()
			return
		}
		s.conns[conn] = struct{}{}
		s.mu.Unlock()
		s.wg.Go(func() {
			defer s.untrack(conn)
			s.serveConn(conn)
		})
	}
}

func (s *server) untrack(conn net.Conn) {
	s.mu.Lock()
	delete(s.conns, conn)
	s.mu.Unlock()
	_ = conn.Close()
}

// serveConn answers the requests of one connection in turn: an unknown
// method keeps the connection, any failure of the processor's own (a
// request it cannot decode, a broken connection) ends it.
func (s *server) serveConn(conn net.Conn) {
	sock := thrift.NewTSocketFromConnConf(conn, s.inConf)
	in := s.in.GetProtocol(thrift.NewTFramedTransportConf(sock, s.inConf))
	out := s.out.GetProtocol(thrift.NewTFramedTransportConf(sock, s.outConf))
	for s.ctx.Err() == nil {
		ok, err := s.processor.Process(s.ctx, in, out)
		var ae thrift.TApplicationException
		if err != nil && !isTransport(err) && errors.As(err, &ae) && ae.TypeId() == thrift.UNKNOWN_METHOD {
			continue
		}
		if !ok {
			return
		}
	}
}

func isTransport(err error) bool {
	var te thrift.TTransportException
	return errors.As(err, &te)
}
