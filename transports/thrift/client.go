package thrift

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/apache/thrift/lib/go/thrift"

	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/transports"
	"github.com/intbench/intbench/transports/thrift/gen/orders"
)

// frameHeader is the length prefix of the framed transport, excluded from
// transports.BodySizes.
const frameHeader = 4

// aLongTimeAgo is a deadline in the past: setting it makes blocked reads
// and writes return at once.
var aLongTimeAgo = time.Unix(1, 0)

// client is the orders service over Thrift, safe for concurrent use.
type client struct {
	addr  string
	proto Protocol
	dial  transports.DialFunc
	conf  *thrift.TConfiguration
	pf    thrift.TProtocolFactory
	pool  *pool
}

var _ transports.Describer = (*client)(nil)

func newClient(ctx context.Context, p Protocol, addr string, cfg transports.DialConfig) (*client, error) {
	conf := limitConf(transports.MaxResponseBytes, 0) // deadlines come from each call's context
	c := &client{
		addr:  addr,
		proto: p,
		dial:  cfg.DialFunc(),
		conf:  conf,
		pf:    protocolFactory(p, conf),
		pool:  newPool(MaxIdleConns, ClientIdleTimeout),
	}
	// Dial one connection now, so a wrong address fails here.
	pc, err := c.dialConn(ctx, "dial")
	if err != nil {
		return nil, err
	}
	c.pool.put(pc)
	return c, nil
}

// Close closes every connection, including those of calls in flight.
// Calling it twice is safe.
func (c *client) Close() error {
	c.pool.close()
	return nil
}

// Settings describes the client's configuration.
func (c *client) Settings() map[string]string {
	return map[string]string{
		"protocol":     c.proto.String(),
		"transport":    "framed",
		"pool":         "one connection per concurrent call, LIFO reuse",
		"max_idle":     strconv.Itoa(MaxIdleConns),
		"idle_timeout": ClientIdleTimeout.String(),
		"deadline":     "socket deadline from the call's context (else " + FallbackCallTimeout.String() + "), watchdog on cancel",
	}
}

// GetCustomer calls getCustomer.
func (c *client) GetCustomer(ctx context.Context, id int64) (service.Customer, error) {
	var res *orders.Customer
	err := c.call(ctx, "getCustomer", func(oc *orders.OrdersClient) (err error) {
		res, err = oc.GetCustomer(ctx, id)
		return err
	})
	if err != nil {
		return service.Customer{}, err
	}
	return fromWireCustomer(res)
}

// PlaceOrder calls placeOrder.
func (c *client) PlaceOrder(ctx context.Context, req service.PlaceOrderRequest) (service.Order, error) {
	wire := toWirePlaceOrder(req)
	var res *orders.Order
	err := c.call(ctx, "placeOrder", func(oc *orders.OrdersClient) (err error) {
		res, err = oc.PlaceOrder(ctx, wire)
		return err
	})
	if err != nil {
		return service.Order{}, err
	}
	return fromWireOrder(res)
}

// ListOrders calls listOrders.
func (c *client) ListOrders(ctx context.Context, req service.ListOrdersRequest) (service.OrderPage, error) {
	wire := &orders.ListOrdersRequest{CustomerId: req.CustomerID, Limit: req.Limit, Cursor: req.Cursor}
	var res *orders.OrderPage
	err := c.call(ctx, "listOrders", func(oc *orders.OrdersClient) (err error) {
		res, err = oc.ListOrders(ctx, wire)
		return err
	})
	if err != nil {
		return service.OrderPage{}, err
	}
	return fromWirePage(res)
}

// call runs fn on a pooled connection bounded by ctx, returns the
// connection to the pool when it is still in step and maps the error.
func (c *client) call(ctx context.Context, op string, fn func(*orders.OrdersClient) error) error {
	if ce := ctxError(ctx, nil); ce != nil {
		return fmt.Errorf("thrift: %s: %w: %w", op, ce, ctx.Err())
	}
	pc, err := c.conn(ctx, op)
	if err != nil {
		return err
	}
	disarm := arm(ctx, pc)
	pc.ct.read, pc.ct.written = 0, 0
	err = fn(pc.oc)
	clean := disarm()
	if err == nil {
		if bs := transports.BodySizesFrom(ctx); bs != nil {
			bs.Set(pc.ct.written-frameHeader, pc.ct.read-frameHeader)
		}
		c.release(pc, clean)
		return nil
	}
	mapped, reusable := callError(ctx, op, err)
	c.release(pc, clean && reusable)
	return mapped
}

func (c *client) release(pc *pconn, reuse bool) {
	if reuse {
		c.pool.put(pc)
	} else {
		c.pool.discard(pc)
	}
}

// arm bounds the connection's next call by ctx: its deadline becomes the
// socket deadline, and a cancellation expires the socket deadline. The
// returned function undoes that and reports whether the connection may be
// reused (false once the watchdog fired, as the socket is then expired).
//
// A context without a deadline still gets FallbackCallTimeout, so a hung
// server cannot block a call forever.
func arm(ctx context.Context, pc *pconn) (disarm func() bool) {
	deadline, ok := ctx.Deadline()
	if !ok {
		deadline = time.Now().Add(FallbackCallTimeout)
	}
	_ = pc.nc.SetDeadline(deadline)
	if ctx.Done() == nil {
		return func() bool {
			_ = pc.nc.SetDeadline(time.Time{})
			return true
		}
	}
	stop := context.AfterFunc(ctx, func() { _ = pc.nc.SetDeadline(aLongTimeAgo) })
	return func() bool {
		if !stop() {
			return false
		}
		_ = pc.nc.SetDeadline(time.Time{})
		return true
	}
}

// conn returns an idle connection or dials a new one.
func (c *client) conn(ctx context.Context, op string) (*pconn, error) {
	pc, err := c.pool.get()
	if err != nil {
		return nil, fmt.Errorf("thrift: %s: %w: %w", op, service.ErrUnavailable, err)
	}
	if pc != nil {
		return pc, nil
	}
	return c.dialConn(ctx, op)
}

// dialConn opens a connection through the configured dialer, bounded by
// ctx or transports.DefaultDialTimeout, and registers it with the pool.
func (c *client) dialConn(ctx context.Context, op string) (*pconn, error) {
	dctx := ctx
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		dctx, cancel = context.WithTimeout(ctx, transports.DefaultDialTimeout)
		defer cancel()
	}
	nc, err := c.dial(dctx, "tcp", c.addr)
	if err != nil {
		// Only the caller's context makes this a deadline or cancellation;
		// running out of the default dial timeout means unreachable.
		if ce := ctxError(ctx, err); ce != nil {
			return nil, fmt.Errorf("thrift: %s: dial %s: %w: %w", op, c.addr, ce, err)
		}
		return nil, fmt.Errorf("thrift: %s: dial %s: %w: %w", op, c.addr, service.ErrUnavailable, err)
	}
	ct := &connTransport{conn: nc}
	prot := c.pf.GetProtocol(thrift.NewTFramedTransportConf(newWriteBuffer(ct), c.conf))
	pc := &pconn{nc: nc, ct: ct, oc: orders.NewOrdersClient(thrift.NewTStandardClient(prot, prot))}
	if err := c.pool.add(pc); err != nil {
		_ = nc.Close()
		return nil, fmt.Errorf("thrift: %s: %w: %w", op, service.ErrUnavailable, err)
	}
	return pc, nil
}
