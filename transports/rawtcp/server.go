package rawtcp

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"strconv"
	"sync"
	"time"

	"github.com/intbench/intbench/internal/netx"
	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/transports"
)

// Server settings.
const (
	// drainTimeout bounds how long an oversized frame is drained before
	// its connection is closed.
	drainTimeout = 2 * time.Second
	// readBufferSize is the bufio.Reader size of each connection.
	readBufferSize = 16 << 10
	// maxKeptBuffer is the largest frame buffer a connection keeps between
	// requests; bigger ones go to the garbage collector. It is the HTTP
	// patterns' (httpx.MaxPooledBuffer): a 1 MiB note's frame is kept,
	// so its buffer is not grown again from maxPrealloc on every call.
	maxKeptBuffer = 4 << 20
)

// server serves one backend over raw TCP.
type server struct {
	ln     net.Listener
	svc    service.Service
	lim    transports.Limits
	ctx    context.Context // cancelled by Close; bounds the service calls
	cancel context.CancelFunc
	wg     sync.WaitGroup

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
	lim := cfg.Limits.WithDefaults()
	s := &server{
		ln:     netx.LimitListener(ln, lim.MaxConns),
		svc:    cfg.Backend.Service,
		lim:    lim,
		ctx:    sctx,
		cancel: cancel,
		conns:  make(map[net.Conn]struct{}),
	}
	s.wg.Add(1)
	go s.acceptLoop()
	return s, nil
}

// Addr returns the host:port the server listens on.
func (s *server) Addr() string { return s.ln.Addr().String() }

// Settings describes the server's configuration for the results.
func (s *server) Settings() map[string]string {
	m := s.lim.Settings()
	m["max_streams"] = transports.OneCallPerConn
	m["max_depth"] = "1 (flat fields)"
	m["framing"] = "4-byte length, op/status byte, varint fields (hand-written)"
	m["read_buffer_bytes"] = strconv.Itoa(readBufferSize)
	return m
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
// or sends an oversized frame. The frames arm the connection's deadlines
// (netx.FrameConn): a client that trickles a request or does not read its
// answer is dropped.
func (s *server) serveConn(c net.Conn) {
	defer s.untrack(c)
	fc := netx.NewFrameConn(c, s.lim)
	br := bufio.NewReaderSize(fc, readBufferSize)
	var hdr [headerLen]byte
	var in, out []byte
	for {
		if _, err := io.ReadFull(br, hdr[:]); err != nil {
			return
		}
		n := binary.BigEndian.Uint32(hdr[:])
		if int64(n) > s.lim.MaxBodyBytes {
			s.reject(c, br, out, n)
			return
		}
		var err error
		if in, err = readPayload(br, in, n); err != nil {
			return
		}
		out = s.handle(in, out)
		if _, err := fc.Write(out); err != nil {
			return
		}
		in, out = keep(in), keep(out)
	}
}

// reject answers an oversized frame with InvalidArgument, then drains what
// the client sends for a moment before the connection is closed, so that
// the client reads the answer rather than a reset. It works on the raw
// connection c, past the FrameConn, whose deadlines are a request's.
func (s *server) reject(c net.Conn, br *bufio.Reader, buf []byte, n uint32) {
	err := service.Errorf(service.KindInvalidArgument, "rawtcp: frame of %d bytes exceeds the limit of %d bytes", n, s.lim.MaxBodyBytes)
	c.SetWriteDeadline(time.Now().Add(drainTimeout))
	if _, werr := c.Write(appendError(buf, err)); werr != nil {
		return
	}
	if cw, ok := c.(interface{ CloseWrite() error }); ok {
		cw.CloseWrite()
	}
	c.SetReadDeadline(time.Now().Add(drainTimeout))
	buffered, _ := br.Peek(br.Buffered())
	io.CopyN(io.Discard, io.MultiReader(bytes.NewReader(buffered), c), int64(n))
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
	if len(b)-headerLen > transports.DefaultMaxResponseBytes {
		return appendError(b, service.Errorf(service.KindInternal, "rawtcp: response of %d bytes exceeds the limit of %d bytes", len(b)-headerLen, transports.DefaultMaxResponseBytes))
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

// maxPrealloc is the most of a frame's declared length allocated before
// its bytes arrive; a longer frame's buffer grows as they do, so a peer
// that announces much and sends little costs little. Kept buffers keep
// their size, so the steady state grows nothing.
const maxPrealloc = 64 << 10

// readPayload reads a payload of n bytes from r into b's storage.
func readPayload(r io.Reader, b []byte, n uint32) ([]byte, error) {
	size, have := int(n), 0
	b = grow(b, min(size, max(cap(b), maxPrealloc)))
	for {
		if _, err := io.ReadFull(r, b[have:]); err != nil {
			return nil, err
		}
		if len(b) == size {
			return b, nil
		}
		have = len(b)
		next := make([]byte, min(2*have, size))
		copy(next, b)
		b = next
	}
}

// keep returns b for reuse, or nil when it is too big to keep around.
func keep(b []byte) []byte {
	if cap(b) > maxKeptBuffer {
		return nil
	}
	return b
}
