package rawtcp

import (
	"bufio"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"strconv"
	"sync"
	"time"

	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/transports"
)

// Server settings.
const (
	// idleTimeout bounds the wait for a client's next frame (and the time
	// to write a response), so stalled clients do not pin goroutines.
	idleTimeout = 5 * time.Minute
	// drainTimeout bounds how long an oversized frame is drained before
	// its connection is closed.
	drainTimeout = 2 * time.Second
	// readBufferSize is the bufio.Reader size of each connection.
	readBufferSize = 16 << 10
	// maxKeptBuffer is the largest frame buffer a connection keeps between
	// requests; bigger ones go to the garbage collector.
	maxKeptBuffer = 1 << 20
)

// server serves one backend over raw TCP.
type server struct {
	ln      net.Listener
	svc     service.Service
	maxBody int64
	ctx     context.Context // cancelled by Close; bounds the service calls
	cancel  context.CancelFunc
	wg      sync.WaitGroup

	mu     sync.Mutex
	conns  map[net.Conn]struct{}
	closed bool

	closeOnce sync.Once
	closeErr  error
}

func newServer(ctx context.Context, cfg transports.ServeConfig) (*server, error) {
	if cfg.Backend.Service == nil {
		return nil, errors.New("rawtcp: serve: backend has no service")
	}
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", cfg.ListenAddr())
	if err != nil {
		return nil, fmt.Errorf("rawtcp: listen: %w", err)
	}
	sctx, cancel := context.WithCancel(context.Background())
	s := &server{
		ln:      ln,
		svc:     cfg.Backend.Service,
		maxBody: cfg.MaxBody(),
		ctx:     sctx,
		cancel:  cancel,
		conns:   make(map[net.Conn]struct{}),
	}
	s.wg.Add(1)
	go s.acceptLoop()
	return s, nil
}

// Addr returns the host:port the server listens on.
func (s *server) Addr() string { return s.ln.Addr().String() }

// Settings describes the server's configuration for the results.
func (s *server) Settings() map[string]string {
	return map[string]string{
		"framing":           "4-byte length, op/status byte, varint fields (hand-written)",
		"max_body_bytes":    strconv.FormatInt(s.maxBody, 10),
		"idle_timeout":      idleTimeout.String(),
		"read_buffer_bytes": strconv.Itoa(readBufferSize),
	}
}

// Close stops the listener, closes live connections, cancels running calls
// and waits for every goroutine. Calling it twice is safe.
func (s *server) Close() error {
	s.closeOnce.Do(func() {
		s.mu.Lock()
		s.closed = true
		for c := range s.conns {
			c.Close()
		}
		s.mu.Unlock()
		if err := s.ln.Close(); err != nil && !errors.Is(err, net.ErrClosed) {
			s.closeErr = fmt.Errorf("rawtcp: close listener: %w", err)
		}
		s.cancel()
		s.wg.Wait()
	})
	return s.closeErr
}

func (s *server) acceptLoop() {
	defer s.wg.Done()
	var backoff time.Duration
	for {
		c, err := s.ln.Accept()
		if err != nil {
			if s.isClosed() || errors.Is(err, net.ErrClosed) {
				return
			}
			// Out of file descriptors and the like: back off, as net/http does.
			backoff = min(max(2*backoff, 5*time.Millisecond), time.Second)
			time.Sleep(backoff)
			continue
		}
		backoff = 0
		if !s.track(c) {
			c.Close()
			return
		}
		go s.serveConn(c)
	}
}

func (s *server) isClosed() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.closed
}

// track registers a live connection; it fails once the server is closed.
func (s *server) track(c net.Conn) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return false
	}
	s.conns[c] = struct{}{}
	s.wg.Add(1)
	return true
}

func (s *server) untrack(c net.Conn) {
	s.mu.Lock()
	delete(s.conns, c)
	s.mu.Unlock()
	c.Close()
	s.wg.Done()
}

// serveConn answers one request at a time until the client leaves, stalls
// or sends an oversized frame.
func (s *server) serveConn(c net.Conn) {
	defer s.untrack(c)
	br := bufio.NewReaderSize(c, readBufferSize)
	var hdr [headerLen]byte
	var in, out []byte
	for {
		c.SetReadDeadline(time.Now().Add(idleTimeout))
		if _, err := io.ReadFull(br, hdr[:]); err != nil {
			return
		}
		n := binary.BigEndian.Uint32(hdr[:])
		if int64(n) > s.maxBody {
			s.reject(c, br, out, n)
			return
		}
		in = grow(in, int(n))
		if _, err := io.ReadFull(br, in); err != nil {
			return
		}
		out = s.handle(in, out)
		c.SetWriteDeadline(time.Now().Add(idleTimeout))
		if _, err := c.Write(out); err != nil {
			return
		}
		in, out = keep(in), keep(out)
	}
}

// reject answers an oversized frame with InvalidArgument, then drains what
// the client sends for a moment before the connection is closed, so that
// the client reads the answer rather than a reset.
func (s *server) reject(c net.Conn, br *bufio.Reader, buf []byte, n uint32) {
	err := service.Errorf(service.KindInvalidArgument, "rawtcp: frame of %d bytes exceeds the limit of %d bytes", n, s.maxBody)
	c.SetWriteDeadline(time.Now().Add(drainTimeout))
	if _, werr := c.Write(appendError(buf, err)); werr != nil {
		return
	}
	if cw, ok := c.(interface{ CloseWrite() error }); ok {
		cw.CloseWrite()
	}
	c.SetReadDeadline(time.Now().Add(drainTimeout))
	io.CopyN(io.Discard, br, int64(n))
}

// handle decodes one request payload, calls the service and returns the
// response frame, encoded into out's storage.
func (s *server) handle(in, out []byte) []byte {
	req, err := decodeRequest(in)
	if err != nil {
		return appendError(out, &service.Error{Kind: service.KindInvalidArgument, Message: err.Error()})
	}
	b := beginFrame(out, statusOK)
	switch req.op {
	case opGetCustomer:
		c, err := s.svc.GetCustomer(s.ctx, req.id)
		if err != nil {
			return appendError(out, err)
		}
		b = appendCustomer(b, &c)
	case opPlaceOrder:
		o, err := s.svc.PlaceOrder(s.ctx, req.place)
		if err != nil {
			return appendError(out, err)
		}
		b = appendOrder(b, &o)
	case opListOrders:
		p, err := s.svc.ListOrders(s.ctx, req.list)
		if err != nil {
			return appendError(out, err)
		}
		b = appendOrderPage(b, &p)
	}
	if len(b)-headerLen > transports.MaxResponseBytes {
		return appendError(b, service.Errorf(service.KindInternal, "rawtcp: response of %d bytes exceeds the limit of %d bytes", len(b)-headerLen, transports.MaxResponseBytes))
	}
	return endFrame(b)
}

// grow returns a buffer of length n, reusing b's storage when it fits.
func grow(b []byte, n int) []byte {
	if cap(b) >= n {
		return b[:n]
	}
	return make([]byte, n)
}

// keep returns b for reuse, or nil when it is too big to keep around.
func keep(b []byte) []byte {
	if cap(b) > maxKeptBuffer {
		return nil
	}
	return b
}
