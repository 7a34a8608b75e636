package thrift

import (
	"context"
	"maps"
	"net"
	"strconv"

	"github.com/apache/thrift/lib/go/thrift"

	"github.com/intbench/intbench/internal/netx"
	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/transports"
	"github.com/intbench/intbench/transports/thrift/gen/orders"
)

// frameHeader is the length prefix of the framed transport, excluded from
// transports.BodySizes.
const frameHeader = 4

// client is the orders service over Thrift, safe for concurrent use.
type client struct {
	addr     string
	dial     transports.DialFunc
	conf     *thrift.TConfiguration
	pf       thrift.TProtocolFactory
	pool     *netx.Pool[*pconn]
	settings map[string]string
}

var _ transports.Describer = (*client)(nil)

// pconn is one pooled connection with its own generated client (a Thrift
// client holds a sequence number and must not be shared between calls).
type pconn struct {
	nc net.Conn
	ct *connTransport
	oc *orders.OrdersClient
	dl netx.Deadline
}

// Close closes the connection.
func (pc *pconn) Close() error { return pc.nc.Close() }

func newClient(ctx context.Context, p Protocol, addr string, cfg transports.DialConfig) (*client, error) {
	cc := cfg.Client.WithDefaults()
	conf := limitConf(cfg.MaxResponse())
	c := &client{
		addr: addr,
		dial: cfg.DialFunc(),
		conf: conf,
		pf:   protocolFactory(p, conf),
		settings: netx.Settings(cc, map[string]string{
			"protocol":        p.String(),
			"transport":       "framed",
			"pool":            "one connection per concurrent call, LIFO reuse, pool_size idle",
			"context":         "deadline and cancellation armed on the socket by our TTransport (a stock TSocket with SocketTimeout 0 ignores both)",
			"pings":           "none (the protocol has none)",
			"library_retries": "none (Thrift neither retries nor reconnects)",
			"max_frame_bytes": strconv.Itoa(int(conf.MaxFrameSize)),
		}),
	}
	c.pool = netx.NewPool(c.dialConn, cc.PoolSize, cc.IdleTimeout)
	// Dial one connection now, so a wrong address fails here.
	pc, err := c.conn(ctx, "dial")
	if err != nil {
		return nil, err
	}
	c.pool.Put(pc)
	return c, nil
}

// Close closes every connection, including those of calls in flight.
// Calling it twice is safe.
func (c *client) Close() error {
	c.pool.Close()
	return nil
}

// Settings describes the client's configuration.
func (c *client) Settings() map[string]string { return maps.Clone(c.settings) }

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
	if err := ctx.Err(); err != nil {
		return netx.Err(ctx, err, "thrift: %s", op)
	}
	pc, err := c.conn(ctx, op)
	if err != nil {
		return err
	}
	pc.dl.Arm(ctx)
	pc.ct.read, pc.ct.written = 0, 0
	err = fn(pc.oc)
	clean := pc.dl.Disarm()
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
		c.pool.Put(pc)
	} else {
		c.pool.Discard(pc)
	}
}

// conn returns an idle connection or dials a new one.
func (c *client) conn(ctx context.Context, op string) (*pconn, error) {
	pc, err := c.pool.Get(ctx)
	if err != nil {
		return nil, netx.Err(ctx, err, "thrift: %s: dial %s", op, c.addr)
	}
	return pc, nil
}

// dialConn opens a connection through the configured dialer.
func (c *client) dialConn(ctx context.Context) (*pconn, error) {
	nc, err := c.dial(ctx, "tcp", c.addr)
	if err != nil {
		return nil, err
	}
	prot, ct := clientProtocol(c.pf, c.conf, nc)
	return &pconn{nc: nc, ct: ct, oc: orders.NewOrdersClient(thrift.NewTStandardClient(prot, prot)), dl: netx.NewDeadline(nc)}, nil
}

// ClientProtocol returns the protocol a client of t speaks over nc, as
// the pattern's own client does: t's protocol over the framed transport,
// each message written at once, a response frame over maxResponse bytes
// refused as Internal before it is read (netx.FrameLimit), and the
// socket's deadlines left to the caller (netx.Deadline: a TSocket would
// reset them on every read and write). It serves the clients of other
// generated code (evolution/thriftkit).
func (t *Transport) ClientProtocol(nc net.Conn, maxResponse int64) thrift.TProtocol {
	conf := limitConf(maxResponse)
	prot, _ := clientProtocol(protocolFactory(t.Protocol, conf), conf, nc)
	return prot
}

// clientProtocol returns the protocol of pf over nc under conf, and the
// transport below it that counts the bytes of each call.
func clientProtocol(pf thrift.TProtocolFactory, conf *thrift.TConfiguration, nc net.Conn) (thrift.TProtocol, *connTransport) {
	ct := &connTransport{conn: nc, in: netx.FrameLimit(nc, int64(conf.MaxFrameSize))}
	return pf.GetProtocol(thrift.NewTFramedTransportConf(newWriteBuffer(ct), conf)), ct
}
