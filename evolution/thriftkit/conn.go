package thriftkit

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net"
	"sync"
	"time"

	"github.com/apache/thrift/lib/go/thrift"

	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/transports"
)

// conf returns a configuration whose frames and messages are capped at
// limit bytes, as transports/thrift's.
func conf(limit int64, timeout time.Duration) *thrift.TConfiguration {
	n := int32(min(limit, math.MaxInt32))
	return &thrift.TConfiguration{MaxFrameSize: n, MaxMessageSize: n, SocketTimeout: timeout}
}

// aLongTimeAgo is a deadline in the past: setting it makes blocked reads
// and writes return at once.
var aLongTimeAgo = time.Unix(1, 0)

// conn is a v2 client's one connection, with a generated client G over
// it: the framed transport and the binary protocol, as transports/thrift's
// client. The matrix calls in sequence, so there is no pool; a call that
// fails for any reason but a declared exception drops the connection (it
// may be out of step) and the next call dials again. Each call's context
// bounds its I/O: its deadline becomes the socket's, and its cancellation
// expires the socket's deadline. That is the minimal part of
// internal/netx's Deadline, which evolution/ cannot import.
type conn[G any] struct {
	addr   string
	dial   transports.DialFunc
	newGen func(thrift.TClient) G
	ex     Exceptions

	mu     sync.Mutex
	nc     net.Conn
	gen    G
	closed bool
}

func newConn[G any](addr string, newGen func(thrift.TClient) G, ex Exceptions) *conn[G] {
	return &conn[G]{addr: addr, dial: transports.DialConfig{}.DialFunc(), newGen: newGen, ex: ex}
}

// open dials when the connection is not open.
func (c *conn[G]) open(ctx context.Context) error {
	if c.closed {
		return service.Errorf(service.KindUnavailable, "thriftkit: client is closed")
	}
	if c.nc != nil {
		return nil
	}
	nc, err := c.dial(ctx, "tcp", c.addr)
	if err != nil {
		return service.Wrap(service.KindUnavailable, err, "thriftkit: dial %s", c.addr)
	}
	conf := conf(transports.DefaultMaxResponseBytes, 0) // deadlines come from each call's context
	// A stream transport, not a TSocket: TSocket resets the socket's
	// deadline on every read and write.
	prot := thrift.NewTBinaryProtocolFactoryConf(conf).GetProtocol(thrift.NewTFramedTransportConf(thrift.NewStreamTransportRW(nc), conf))
	c.nc, c.gen = nc, c.newGen(thrift.NewTStandardClient(prot, prot))
	return nil
}

// call runs fn with the generated client, bounded by ctx, and maps its
// error to the service's taxonomy.
func (c *conn[G]) call(ctx context.Context, op string, fn func(G) error) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if err := c.open(ctx); err != nil {
		return err
	}
	if dl, ok := ctx.Deadline(); ok {
		_ = c.nc.SetDeadline(dl)
	} else {
		_ = c.nc.SetDeadline(time.Time{})
	}
	nc := c.nc
	stop := context.AfterFunc(ctx, func() { _ = nc.SetDeadline(aLongTimeAgo) })
	err := fn(c.gen)
	interrupted := !stop()
	if err == nil && !interrupted {
		return nil
	}
	k, msg, declared := c.ex.Kind(err)
	if !declared || interrupted {
		c.drop()
	}
	switch {
	case err == nil:
		return nil
	case declared:
		return service.Errorf(k, "%s", msg)
	}
	return callError(ctx, op, err)
}

// callError maps what is not a declared exception as transports/thrift's
// client does: the context's end and broken connections by the context
// and the network, a TApplicationException PROTOCOL_ERROR (the server
// could not decode the request) as InvalidArgument, any other one and a
// malformed response as Internal.
func callError(ctx context.Context, op string, err error) error {
	var te thrift.TTransportException
	var ae thrift.TApplicationException
	switch {
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		return service.Wrap(service.KindDeadlineExceeded, err, "thriftkit: %s", op)
	case ctx.Err() != nil || errors.As(err, &te):
		return service.Wrap(service.KindUnavailable, err, "thriftkit: %s", op)
	case errors.As(err, &ae) && ae.TypeId() == thrift.PROTOCOL_ERROR:
		return fmt.Errorf("thriftkit: %s: %w: %w", op, service.ErrInvalidArgument, err)
	}
	return fmt.Errorf("thriftkit: %s: %w: %w", op, service.ErrInternal, err)
}

func (c *conn[G]) drop() {
	if c.nc != nil {
		_ = c.nc.Close()
		c.nc = nil
	}
}

// Close closes the connection; calling it twice is safe.
func (c *conn[G]) Close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.closed = true
	c.drop()
	return nil
}
