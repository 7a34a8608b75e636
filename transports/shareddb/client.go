package shareddb

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/service/pgstore"
	"github.com/intbench/intbench/transports"
)

// poolSize is the most connections one client holds. It equals the pool
// that the other patterns' servers keep to the same database, so every
// pattern gets the same database capacity: up to 256 concurrent callers
// share it, waiting in database/sql's queue as they would in a server's.
// PostgreSQL itself serves best with a few connections per core.
const poolSize = 64

var errClosed = fmt.Errorf("shareddb: client is closed: %w", service.ErrUnavailable)

// Client is the consumer's side: the reference rules over the provider's
// tables. It is safe for concurrent use.
type Client struct {
	core   *service.Core
	closed atomic.Bool
	once   sync.Once
	err    error
}

func newClient(ctx context.Context, dsn string, cfg transports.DialConfig) (*Client, error) {
	conn, err := pgstore.Connector(dsn, cfg.DialFunc())
	if err != nil {
		return nil, fmt.Errorf("shareddb: dial: %w", err)
	}
	db := sql.OpenDB(conn)
	pgstore.Configure(db, poolSize)
	if err := db.PingContext(ctx); err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("shareddb: dial: %w: %w", service.ErrUnavailable, err)
	}
	store, err := pgstore.New(ctx, db)
	if err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("shareddb: dial: %w", err)
	}
	return &Client{core: service.NewCore(store)}, nil
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
func (c *Client) Settings() map[string]string {
	return map[string]string{
		"driver":          "github.com/lib/pq (database/sql)",
		"pool.max_open":   strconv.Itoa(poolSize),
		"pool.max_idle":   strconv.Itoa(poolSize),
		"statements":      "prepared once per connection",
		"round_trips":     "1 per call (2 for a reused request id)",
		"deadlines":       "net.Conn deadlines from ctx, plus lib/pq cancel requests",
		"connect_timeout": pgstore.ConnectTimeout.String(),
		"default_timeout": pgstore.DefaultOpTimeout.String(),
		"rules":           "service.Core linked into the consumer",
	}
}
