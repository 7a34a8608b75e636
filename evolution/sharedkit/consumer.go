package sharedkit

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/intbench/intbench/evolution"
	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/transports"
	"github.com/intbench/intbench/transports/shareddb"
)

// consumer is a v2 consumer: a Schema's SQL over the provider's database,
// with its own copy of the rules.
type consumer struct {
	db         *sql.DB
	customer   *sql.Stmt
	scan       func(*sql.Row) (any, error)
	q          *Queries
	order      func(Order) (any, error)
	placed     *sql.Stmt // nil without a PlacedQuery
	scanPlaced func(*sql.Row, any) (any, error)
}

// page is a page of orders in the consumer's own types.
type page struct {
	Orders     []any
	NextCursor string
}

// open connects to the database at dsn as transports/shareddb's consumer
// does under the default profile (shareddb.OpenDB) and prepares s's
// statements, as the v1 consumer prepares its own.
func open(ctx context.Context, dsn string, s Schema) (*consumer, error) {
	db, err := shareddb.OpenDB(ctx, dsn, transports.DialConfig{})
	if err != nil {
		return nil, fmt.Errorf("sharedkit: %w", err)
	}
	c := &consumer{db: db, scan: s.Customer.Scan, order: s.Order, scanPlaced: s.Placed.Scan}
	if c.order == nil {
		c.order = func(o Order) (any, error) { return o.Service() }
	}
	if c.customer, err = db.PrepareContext(ctx, s.Customer.SQL); err != nil {
		return nil, errors.Join(wrap(ctx, "prepare customer", err), db.Close())
	}
	if c.q, err = Prepare(ctx, db, s.Statements); err != nil {
		return nil, errors.Join(err, db.Close())
	}
	if s.Placed.SQL != "" {
		if c.placed, err = db.PrepareContext(ctx, s.Placed.SQL); err != nil {
			return nil, errors.Join(wrap(ctx, "prepare placed order", err), db.Close())
		}
	}
	return c, nil
}

// GetCustomer reads one customer into the consumer's type.
func (c *consumer) GetCustomer(ctx context.Context, id int64) (evolution.Record, error) {
	if id <= 0 {
		return nil, service.Errorf(service.KindInvalidArgument, "customer id %d must be positive", id)
	}
	v, err := c.scan(c.customer.QueryRowContext(ctx, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, service.Errorf(service.KindNotFound, "customer %d", id)
	}
	if err != nil {
		return nil, wrap(ctx, "customer", err)
	}
	return evolution.Flatten("customer", v), nil
}

// ListOrders reads the first page of a customer's orders, a row more than
// the page to know whether another follows, as the rules say.
func (c *consumer) ListOrders(ctx context.Context, customerID int64, limit int32) (evolution.Record, error) {
	if customerID <= 0 || limit < 1 || limit > service.MaxListLimit {
		return nil, service.Errorf(service.KindInvalidArgument, "customer id %d and limit %d: want a positive id and a limit in 1..%d", customerID, limit, service.MaxListLimit)
	}
	orders, err := c.q.Orders(ctx, customerID, 0, int(limit)+1)
	if err != nil {
		return nil, err
	}
	var p page
	if len(orders) > int(limit) {
		orders = orders[:limit]
		p.NextCursor = service.FormatCursor(orders[limit-1].ID)
	}
	for _, o := range orders {
		v, err := c.order(o)
		if err != nil {
			return nil, err
		}
		p.Orders = append(p.Orders, v)
	}
	return evolution.Flatten("page", p), nil
}

// PlaceOrder applies the rules and writes the order, idempotently by its
// request ID.
func (c *consumer) PlaceOrder(ctx context.Context, req service.PlaceOrderRequest) (evolution.Record, error) {
	if err := service.ValidatePlaceOrder(req); err != nil {
		return nil, err
	}
	o := FromService(service.Order{CustomerID: req.CustomerID, Status: service.StatusPending, Items: req.Items,
		TotalCents: service.Total(req.Items), Note: req.Note, CreatedAt: time.Now().UTC().Truncate(time.Microsecond)})
	fp := service.Fingerprint(req)
	stored, storedFP, created, err := c.q.Create(ctx, o, req.RequestID, fp)
	if err != nil {
		return nil, err
	}
	if !created && !bytes.Equal(storedFP, fp) {
		return nil, service.Errorf(service.KindConflict, "request id %q was used for a different order", req.RequestID)
	}
	v, err := c.order(stored)
	if err != nil {
		return nil, err
	}
	if c.placed != nil {
		if v, err = c.scanPlaced(c.placed.QueryRowContext(ctx, stored.ID), v); err != nil {
			return nil, wrap(ctx, "read placed order", err)
		}
	}
	return evolution.Flatten("order", v), nil
}

// Close closes the statements and the connections.
func (c *consumer) Close() error {
	errs := []error{c.customer.Close(), c.q.Close()}
	if c.placed != nil {
		errs = append(errs, c.placed.Close())
	}
	return errors.Join(append(errs, c.db.Close())...)
}
