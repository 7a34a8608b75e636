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
	// ConnectTimeout is the default bound of connection set-up (TCP and
	// PostgreSQL start-up) when the caller's context has no earlier
	// deadline.
	ConnectTimeout = 10 * time.Second
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

// ConnectorConfig configures the connections of a connector.
type ConnectorConfig struct {
	// Dial opens every network connection; nil means a plain net.Dialer
	// bounded by ConnectTimeout.
	Dial DialFunc
	// ConnectTimeout bounds a connection's set-up, TCP and PostgreSQL
	// start-up, when the context has no earlier deadline; 0 means the
	// package's ConnectTimeout.
	ConnectTimeout time.Duration
}

// Connector returns NewConnector(dsn, ConnectorConfig{Dial: dial}).
func Connector(dsn string, dial DialFunc) (driver.Connector, error) {
	return NewConnector(dsn, ConnectorConfig{Dial: dial})
}

// NewConnector returns a database/sql connector for dsn (a URL or
// key=value DSN as lib/pq accepts) whose connections are all opened
// through cfg.Dial. Every network wait of a connection is bounded by the
// context of the operation it serves: its deadline, if it has one, and its
// cancellation, even where lib/pq would otherwise wait forever for a peer
// that went silent. An operation whose context has neither waits as long
// as lib/pq would.
func NewConnector(dsn string, cfg ConnectorConfig) (driver.Connector, error) {
	pc, err := pq.NewConnector(dsn)
	if err != nil {
		return nil, fmt.Errorf("pgstore: connector: %w", err)
	}
	if cfg.ConnectTimeout <= 0 {
		cfg.ConnectTimeout = ConnectTimeout
	}
	if cfg.Dial == nil {
		cfg.Dial = (&net.Dialer{Timeout: cfg.ConnectTimeout}).DialContext
	}
	pc.Dialer(dialer{dial: cfg.Dial, connectTimeout: cfg.ConnectTimeout})
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
// context's or connectTimeout for a pooled connection, and the shorter
// cancelRequestTimeout for lib/pq's cancel requests (the only connections
// dialed outside Connect), which a cancelled call waits for.
type dialer struct {
	dial           DialFunc
	connectTimeout time.Duration
}

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
		deadline = time.Now().Add(d.connectTimeout)
	}
	if dl, ok := ctx.Deadline(); ok && dl.Before(deadline) {
		deadline = dl
	}
	_ = nc.SetDeadline(deadline)
	return nc, nil
}
