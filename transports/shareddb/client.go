package shareddb

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"sync"
	"sync/atomic"

	"github.com/intbench/intbench/internal/netx"
	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/service/pgstore"
	"github.com/intbench/intbench/transports"
)

// poolSize is the default of ClientConfig.PoolSize here: the most
// connections one client holds, open or idle. It equals the pool that the
// other patterns' servers keep to the same database, so every pattern gets
// the same database capacity: up to 256 concurrent callers share it,
// waiting in database/sql's queue as they would in a server's. PostgreSQL
// itself serves best with a few connections per core.
const poolSize = 64

var errClosed = netx.Closed("shareddb")

// Client is the consumer's side: the reference rules over the provider's
// tables. It is safe for concurrent use.
type Client struct {
	core     *service.Core
	closed   atomic.Bool
	once     sync.Once
	err      error
	settings map[string]string
}

func newClient(ctx context.Context, dsn string, cfg transports.DialConfig) (*Client, error) {
	db, err := OpenDB(ctx, dsn, cfg)
	if err != nil {
		return nil, err
	}
	store, err := pgstore.New(ctx, db)
	if err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("shareddb: dial: %w", err)
	}
	return &Client{core: service.NewCore(store), settings: clientSettings(clientConfig(cfg))}, nil
}

// clientConfig returns cfg's client configuration with the defaults
// filled in, poolSize the pool's.
func clientConfig(cfg transports.DialConfig) transports.ClientConfig {
	cc := cfg.Client
	if cc.PoolSize <= 0 {
		cc.PoolSize = poolSize
	}
	return cc.WithDefaults()
}

// OpenDB connects to the PostgreSQL database at dsn (a URL) as the
// pattern's consumer does under cfg: lib/pq through pgstore's connector
// (connections opened by cfg.DialFunc(), the dial timeout bounding TCP and
// PostgreSQL's start-up, each call's I/O bounded by its context), at most
// PoolSize connections (64 by default), idle ones closed after
// IdleTimeout; it pings the database once. It serves the consumers of
// other schemas (evolution/sharedkit).
func OpenDB(ctx context.Context, dsn string, cfg transports.DialConfig) (*sql.DB, error) {
	cc := clientConfig(cfg)
	conn, err := pgstore.NewConnector(dsn, pgstore.ConnectorConfig{Dial: cfg.DialFunc(), ConnectTimeout: cc.DialTimeout})
	if err != nil {
		return nil, fmt.Errorf("shareddb: dial: %w", err)
	}
	db := sql.OpenDB(conn)
	pgstore.Configure(db, cc.PoolSize)
	db.SetConnMaxIdleTime(cc.IdleTimeout)
	if err := db.PingContext(ctx); err != nil {
		_ = db.Close()
		return nil, netx.Err(ctx, err, "shareddb: dial")
	}
	return db, nil
}

func clientSettings(cc transports.ClientConfig) map[string]string {
	return netx.Settings(cc, map[string]string{
		"driver":      "github.com/lib/pq (database/sql)",
		"pool":        "database/sql: pool_size open and idle, idle ones closed after idle_timeout",
		"statements":  "prepared once per connection",
		"round_trips": "1 per call (2 for a reused request id)",
		"context": "ours: our connector arms each connection's deadline from the call's context and, on cancellation, " +
			"cuts the waits short after lib/pq's cancel request; lib/pq alone waits forever on a silent network",
		"connect": "dial_timeout bounds TCP and PostgreSQL start-up",
		"pings":   "none (lib/pq has no keepalive parameters: TCP keepalive of our dialer only)",
		"library_retries": "database/sql re-runs a statement lib/pq fails with driver.ErrBadConn (up to 3 attempts), " +
			"which lib/pq also reports after a lost response (lib/pq#939): a write may run twice, harmless for PlaceOrder " +
			"by its request id; not counted in retries",
		"rules": "service.Core linked into the consumer",
	})
}

// GetCustomer reads one customer from the provider's tables.
func (c *Client) GetCustomer(ctx context.Context, id int64) (service.Customer, error) {
	if c.closed.Load() {
		return service.Customer{}, errClosed
	}
	return c.core.GetCustomer(ctx, id)
}

// PlaceOrder applies the rules locally and writes the order with one SQL
// statement.
func (c *Client) PlaceOrder(ctx context.Context, req service.PlaceOrderRequest) (service.Order, error) {
	if c.closed.Load() {
		return service.Order{}, errClosed
	}
	return c.core.PlaceOrder(ctx, req)
}

// ListOrders reads one page of orders with their items in one query.
func (c *Client) ListOrders(ctx context.Context, req service.ListOrdersRequest) (service.OrderPage, error) {
	if c.closed.Load() {
		return service.OrderPage{}, errClosed
	}
	return c.core.ListOrders(ctx, req)
}

// Close closes the client's connection pool; calling it twice is safe.
func (c *Client) Close() error {
	c.once.Do(func() {
		c.closed.Store(true)
		c.err = c.core.Close()
	})
	return c.err
}

// Settings describes the client's configuration for the results.
func (c *Client) Settings() map[string]string { return maps.Clone(c.settings) }
