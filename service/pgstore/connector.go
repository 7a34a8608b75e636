package pgstore

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"net"
	"time"

	"github.com/lib/pq"
)

// Pool and connection limits.
const (
	// ConnectTimeout bounds connection set-up (TCP and PostgreSQL start-up)
	// when the caller's context has no earlier deadline.
	ConnectTimeout = 10 * time.Second
	// DefaultOpTimeout bounds the network waits of an operation whose
	// context has no deadline, so that a dead peer never hangs a caller.
	DefaultOpTimeout = 2 * time.Minute
	// cancelRequestTimeout bounds lib/pq's out-of-band cancel request,
	// which a cancelled call waits for before it returns.
	cancelRequestTimeout = time.Second
	// connMaxIdleTime closes pooled connections unused for this long.
	connMaxIdleTime = 5 * time.Minute
	// connMaxLifetime recycles connections now and then, as a production
	// pool would (server-side memory of long sessions, fail-overs).
	connMaxLifetime = 30 * time.Minute
)

// DialFunc has the shape of net.Dialer.DialContext.
type DialFunc = func(ctx context.Context, network, addr string) (net.Conn, error)

// Connector returns a database/sql connector for dsn (a URL or key=value
// DSN as lib/pq accepts) whose connections are all opened through dial
// (nil means a plain net.Dialer). Every network wait of a connection is
// bounded by the context of the operation it serves, even where lib/pq
// would otherwise wait forever for a peer that went silent.
func Connector(dsn string, dial DialFunc) (driver.Connector, error) {
	pc, err := pq.NewConnector(dsn)
	if err != nil {
		return nil, fmt.Errorf("pgstore: connector: %w", err)
	}
	if dial == nil {
		dial = (&net.Dialer{Timeout: ConnectTimeout}).DialContext
	}
	pc.Dialer(dialer{dial: dial})
	return &connector{pq: pc}, nil
}

// Configure sizes db's pool for maxConns concurrent callers: as many open
// and idle connections (so none is closed and reopened under load), idle
// ones closed after a while.
func Configure(db *sql.DB, maxConns int) {
	maxConns = max(maxConns, 1)
	db.SetMaxOpenConns(maxConns)
	db.SetMaxIdleConns(maxConns)
	db.SetConnMaxIdleTime(connMaxIdleTime)
	db.SetConnMaxLifetime(connMaxLifetime)
}

// connector opens pq connections and wraps them in deadline-keeping conns.
type connector struct {
	pq *pq.Connector
}

type slotKey struct{}

// dialSlot receives the network connection dialed for one Connect call.
type dialSlot struct{ nc net.Conn }

// Connect opens one connection; the dialer records its net.Conn in a slot
// carried by ctx, so the wrapper can set deadlines on it.
func (c *connector) Connect(ctx context.Context) (driver.Conn, error) {
	slot := new(dialSlot)
	dc, err := c.pq.Connect(context.WithValue(ctx, slotKey{}, slot))
	if err != nil {
		return nil, err
	}
	if slot.nc == nil {
		_ = dc.Close()
		return nil, fmt.Errorf("pgstore: connect: lib/pq did not use the dialer")
	}
	_ = slot.nc.SetDeadline(time.Time{})
	return newConn(dc, slot.nc)
}

// Driver returns the lib/pq driver.
func (c *connector) Driver() driver.Driver { return c.pq.Driver() }

// dialer adapts a DialFunc to pq.Dialer and pq.DialerContext. Every new
// connection starts with a deadline, so that set-up is bounded: the
// context's or ConnectTimeout for a pooled connection, and the shorter
// cancelRequestTimeout for lib/pq's cancel requests (the only connections
// dialed outside Connect), which a cancelled call waits for.
type dialer struct{ dial DialFunc }

func (d dialer) Dial(network, addr string) (net.Conn, error) {
	return d.DialContext(context.Background(), network, addr)
}

func (d dialer) DialTimeout(network, addr string, timeout time.Duration) (net.Conn, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	return d.DialContext(ctx, network, addr)
}

func (d dialer) DialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	nc, err := d.dial(ctx, network, addr)
	if err != nil {
		return nil, err
	}
	slot, pooled := ctx.Value(slotKey{}).(*dialSlot)
	deadline := time.Now().Add(cancelRequestTimeout)
	if pooled {
		slot.nc = nc
		deadline = time.Now().Add(ConnectTimeout)
	}
	if dl, ok := ctx.Deadline(); ok && dl.Before(deadline) {
		deadline = dl
	}
	_ = nc.SetDeadline(deadline)
	return nc, nil
}
