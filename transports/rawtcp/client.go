package rawtcp

import (
	"bufio"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"net"
	"strconv"
	"syscall"

	"github.com/intbench/intbench/internal/netx"
	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/transports"
)

var (
	errClosed   = netx.Closed("rawtcp")
	errTooLarge = errors.New("rawtcp: response exceeds the size limit")
)

// Client calls the orders service over raw TCP. It is safe for concurrent
// use; each call has a connection of its own for its duration.
type Client struct {
	addr     string
	maxResp  int64
	dial     transports.DialFunc
	pool     *netx.Pool[*conn]
	settings map[string]string
}

// conn is one pooled connection with its reusable buffers.
type conn struct {
	nc      net.Conn
	br      *bufio.Reader
	hdr     [headerLen]byte
	out, in []byte
	maxResp int64 // the largest response payload read
	dl      netx.Deadline
	reused  bool
}

// Close closes the connection.
func (pc *conn) Close() error { return pc.nc.Close() }

func newClient(_ context.Context, addr string, cfg transports.DialConfig) (*Client, error) {
	if _, _, err := net.SplitHostPort(addr); err != nil {
		return nil, fmt.Errorf("rawtcp: dial %q: %w", addr, err)
	}
	cc := cfg.Client.WithDefaults()
	c := &Client{addr: addr, maxResp: cfg.MaxResponse(), dial: cfg.DialFunc()}
	c.pool = netx.NewPool(c.dialConn, cc.PoolSize, cc.IdleTimeout)
	c.settings = netx.Settings(cc, map[string]string{
		"framing":              "4-byte length, op/status byte, varint fields (hand-written)",
		"calls_per_connection": "1 at a time",
		"pool":                 "one connection per concurrent call, LIFO reuse, pool_size idle",
		"context":              "deadline and cancellation armed on the socket",
		"pings":                "none (the protocol has none)",
		"read_buffer_bytes":    strconv.Itoa(readBufferSize),
		"library_retries":      "ours, as net/http's: once, on a reused connection that failed before any response byte; not counted in retries",
		"max_response_bytes":   strconv.FormatInt(c.maxResp, 10),
	})
	return c, nil
}

// Settings describes the client's configuration for the results.
func (c *Client) Settings() map[string]string { return maps.Clone(c.settings) }

// Close closes every connection, including those of calls in flight, which
// fail with ErrUnavailable like later calls. Calling it twice is safe.
func (c *Client) Close() error {
	c.pool.Close()
	return nil
}

// GetCustomer returns one customer.
func (c *Client) GetCustomer(ctx context.Context, id int64) (service.Customer, error) {
	pc, err := c.acquire(ctx)
	if err != nil {
		return service.Customer{}, err
	}
	pc.out = endFrame(appendGetCustomer(beginFrame(pc.out, opGetCustomer), id))
	pc, r, err := c.exchange(ctx, pc)
	if err != nil {
		return service.Customer{}, err
	}
	cust := r.customer()
	if err := c.finish(pc, &r); err != nil {
		return service.Customer{}, err
	}
	return cust, nil
}

// PlaceOrder places an order, idempotently by req.RequestID.
func (c *Client) PlaceOrder(ctx context.Context, req service.PlaceOrderRequest) (service.Order, error) {
	pc, err := c.acquire(ctx)
	if err != nil {
		return service.Order{}, err
	}
	pc.out = endFrame(appendPlaceOrder(beginFrame(pc.out, opPlaceOrder), &req))
	pc, r, err := c.exchange(ctx, pc)
	if err != nil {
		return service.Order{}, err
	}
	o := r.order()
	if err := c.finish(pc, &r); err != nil {
		return service.Order{}, err
	}
	return o, nil
}

// ListOrders returns one page of a customer's orders.
func (c *Client) ListOrders(ctx context.Context, req service.ListOrdersRequest) (service.OrderPage, error) {
	pc, err := c.acquire(ctx)
	if err != nil {
		return service.OrderPage{}, err
	}
	pc.out = endFrame(appendListOrders(beginFrame(pc.out, opListOrders), &req))
	pc, r, err := c.exchange(ctx, pc)
	if err != nil {
		return service.OrderPage{}, err
	}
	p := r.orderPage()
	if err := c.finish(pc, &r); err != nil {
		return service.OrderPage{}, err
	}
	return p, nil
}

// acquire returns an idle connection or dials a new one.
func (c *Client) acquire(ctx context.Context) (*conn, error) {
	if err := ctx.Err(); err != nil {
		return nil, netx.Err(ctx, err, "rawtcp")
	}
	pc, err := c.pool.Get(ctx)
	if errors.Is(err, netx.ErrClientClosed) {
		return nil, errClosed
	} else if err != nil {
		return nil, netx.Err(ctx, err, "rawtcp: dial %s", c.addr)
	}
	return pc, nil
}

func (c *Client) dialConn(ctx context.Context) (*conn, error) {
	nc, err := c.dial(ctx, "tcp", c.addr)
	if err != nil {
		return nil, err
	}
	return &conn{nc: nc, br: bufio.NewReaderSize(nc, readBufferSize), maxResp: c.maxResp, dl: netx.NewDeadline(nc)}, nil
}

// exchange sends pc.out and reads the response. On success it returns the
// connection (possibly another one, after a retry) and a reader over the
// response fields; the caller decodes them, then calls finish. Error
// responses are returned as service errors, I/O failures wrap
// ErrUnavailable or ErrDeadlineExceeded.
func (c *Client) exchange(ctx context.Context, pc *conn) (*conn, reader, error) {
	if len(pc.out)-headerLen > math.MaxUint32 {
		c.release(pc)
		return nil, reader{}, service.Errorf(service.KindInvalidArgument, "rawtcp: request of %d bytes is too large to frame", len(pc.out)-headerLen)
	}
	payload, untouched, err := pc.roundTrip(ctx)
	if err != nil && pc.reused && untouched && staleConn(err) && ctx.Err() == nil {
		// The server closed a pooled connection (restart, idle timeout):
		// retry once on a fresh one, as net/http does.
		fresh, derr := c.pool.New(ctx)
		if derr != nil {
			c.discard(pc)
			return nil, reader{}, netx.Err(ctx, derr, "rawtcp: dial %s", c.addr)
		}
		fresh.out, pc.out = pc.out, fresh.out
		c.discard(pc)
		pc = fresh
		payload, _, err = pc.roundTrip(ctx)
	}
	if err != nil {
		c.discard(pc)
		if errors.Is(err, errTooLarge) || errors.Is(err, errEmpty) {
			return nil, reader{}, protoErr(err)
		}
		return nil, reader{}, netx.Err(ctx, err, "rawtcp")
	}
	if sizes := transports.BodySizesFrom(ctx); sizes != nil {
		sizes.Set(int64(len(pc.out)-headerLen), int64(len(payload)))
	}
	r := reader{b: payload[1:]}
	if status := payload[0]; status != statusOK {
		err := decodeError(status, &r) // copies the message out of pc.in
		if r.err != nil {
			c.discard(pc)
			return nil, reader{}, protoErr(err)
		}
		c.release(pc)
		return nil, reader{}, err
	}
	return pc, r, nil
}

// finish checks that the response was decoded completely and returns the
// connection to the pool, or discards it.
func (c *Client) finish(pc *conn, r *reader) error {
	if err := r.done(); err != nil {
		c.discard(pc)
		return protoErr(err)
	}
	c.release(pc)
	return nil
}

// roundTrip writes one request frame and reads one response payload into
// pc.in, bounded by ctx. untouched reports that the failure happened
// before any byte of the response arrived.
func (pc *conn) roundTrip(ctx context.Context) (payload []byte, untouched bool, err error) {
	pc.dl.Arm(ctx)
	if _, err := pc.nc.Write(pc.out); err != nil {
		return nil, true, err
	}
	if n, err := io.ReadFull(pc.br, pc.hdr[:]); err != nil {
		return nil, n == 0, err
	}
	n := binary.BigEndian.Uint32(pc.hdr[:])
	switch {
	case n == 0:
		return nil, false, errEmpty
	case int64(n) > pc.maxResp:
		return nil, false, fmt.Errorf("%w: %d bytes, the limit is %d", errTooLarge, n, pc.maxResp)
	}
	in, err := readPayload(pc.br, pc.in, n)
	if err != nil {
		return nil, false, err
	}
	pc.in = in
	return in, false, nil
}

// release returns pc to the pool unless its call was interrupted (the
// connection then has a past deadline).
func (c *Client) release(pc *conn) {
	if !pc.dl.Disarm() {
		c.pool.Discard(pc)
		return
	}
	pc.in, pc.out = keep(pc.in), keep(pc.out)
	pc.reused = true
	c.pool.Put(pc)
}

// discard closes pc after a failed call.
func (c *Client) discard(pc *conn) {
	pc.dl.Disarm()
	c.pool.Discard(pc)
}

// staleConn reports whether err is how a connection the server has closed
// fails: EOF, reset or broken pipe.
func staleConn(err error) bool {
	return errors.Is(err, io.EOF) || errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE)
}

// protoErr reports a response that breaks the protocol.
func protoErr(err error) error {
	return fmt.Errorf("rawtcp: malformed response: %w: %w", service.ErrInternal, err)
}
