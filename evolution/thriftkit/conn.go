package thriftkit

import (
	"context"
	"net"

	"github.com/apache/thrift/lib/go/thrift"

	"github.com/intbench/intbench/internal/netx"
	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/transports"
	thrifttr "github.com/intbench/intbench/transports/thrift"
)

// conn is one connection of a v2 client, with a generated client G over
// it (a generated client holds a sequence number: one per connection).
type conn[G any] struct {
	nc  net.Conn
	gen G
	dl  netx.Deadline
}

// Close closes the connection.
func (c *conn[G]) Close() error { return c.nc.Close() }

// caller is a v2 client's plumbing, transports/thrift's client's under
// the default profile: connections from the default dialer in netx's
// LIFO pool, each speaking the pattern's protocol (Transport.
// ClientProtocol: the framed transport and binary protocol, responses
// within the shared limit), each call's I/O bounded by its context
// (netx.Deadline), and its failures mapped as transports/thrift maps
// them (CallError). A connection goes back to the pool after a success
// or a declared exception only: after any other failure it may be out of
// step.
type caller[G any] struct {
	addr   string
	dial   transports.DialFunc
	newGen func(thrift.TClient) G
	ex     Exceptions
	pool   *netx.Pool[*conn[G]]
}

// newCaller returns a caller of the server at addr; it dials once now, so
// a wrong address fails here.
func newCaller[G any](ctx context.Context, addr string, newGen func(thrift.TClient) G, ex Exceptions) (*caller[G], error) {
	cfg := transports.DialConfig{}
	cc := cfg.Client.WithDefaults()
	c := &caller[G]{addr: addr, dial: cfg.DialFunc(), newGen: newGen, ex: ex}
	c.pool = netx.NewPool(c.dialConn, cc.PoolSize, cc.IdleTimeout)
	pc, err := c.pool.Get(ctx)
	if err != nil {
		return nil, netx.Err(ctx, err, "thriftkit: dial %s", addr)
	}
	c.pool.Put(pc)
	return c, nil
}

func (c *caller[G]) dialConn(ctx context.Context) (*conn[G], error) {
	nc, err := c.dial(ctx, "tcp", c.addr)
	if err != nil {
		return nil, err
	}
	prot := thrifttr.New().ClientProtocol(nc, transports.DefaultMaxResponseBytes)
	return &conn[G]{nc: nc, gen: c.newGen(thrift.NewTStandardClient(prot, prot)), dl: netx.NewDeadline(nc)}, nil
}

// call runs fn with a generated client, bounded by ctx, and maps its
// error to the service's taxonomy.
func (c *caller[G]) call(ctx context.Context, op string, fn func(G) error) error {
	if err := ctx.Err(); err != nil {
		return netx.Err(ctx, err, "thriftkit: %s", op)
	}
	pc, err := c.pool.Get(ctx)
	if err != nil {
		return netx.Err(ctx, err, "thriftkit: %s: dial %s", op, c.addr)
	}
	pc.dl.Arm(ctx)
	err = fn(pc.gen)
	clean := pc.dl.Disarm()
	k, msg, declared := c.ex.Kind(err)
	if clean && (err == nil || declared) {
		c.pool.Put(pc)
	} else {
		c.pool.Discard(pc)
	}
	switch {
	case err == nil:
		return nil
	case declared:
		return service.Errorf(k, "%s", msg)
	}
	return thrifttr.CallError(ctx, err, "thriftkit: %s", op)
}

// Close closes every connection, including those of calls in flight.
// Calling it twice is safe.
func (c *caller[G]) Close() error {
	c.pool.Close()
	return nil
}
