package pgstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/lib/pq"

	"github.com/intbench/intbench/service"
)

// Store is a service.Store over a PostgreSQL database migrated by Migrate.
// It is safe for concurrent use.
type Store struct {
	db                                  *sql.DB
	customer, create, redeliver, orders *sql.Stmt
}

var (
	_ service.Store        = (*Store)(nil)
	_ service.LedgerReader = (*Store)(nil)
)

// New prepares the store's statements on db, which the store then owns:
// Close closes it. Size db's pool with Configure.
func New(ctx context.Context, db *sql.DB) (*Store, error) {
	s := &Store{db: db}
	stmts := []struct {
		dst **sql.Stmt
		sql string
	}{
		{&s.customer, qCustomer},
		{&s.create, qCreateOrder},
		{&s.redeliver, qRedeliver},
		{&s.orders, qOrders},
	}
	for _, st := range stmts {
		p, err := db.PrepareContext(ctx, st.sql)
		if err != nil {
			_ = s.closeStmts()
			return nil, wrapErr(ctx, "prepare", err)
		}
		*st.dst = p
	}
	return s, nil
}

// DB returns the database the store uses.
func (s *Store) DB() *sql.DB { return s.db }

// Customer returns one customer.
func (s *Store) Customer(ctx context.Context, id int64) (service.Customer, error) {
	c := service.Customer{ID: id}
	var tier string
	err := s.customer.QueryRowContext(ctx, id).Scan(&c.Name, &c.Email, &tier, &c.CreatedAt, (*pq.StringArray)(&c.Tags))
	if errors.Is(err, sql.ErrNoRows) {
		return service.Customer{}, service.Errorf(service.KindNotFound, "customer %d", id)
	}
	if err != nil {
		return service.Customer{}, wrapErr(ctx, "customer", err)
	}
	c.Tier = service.Tier(tier)
	c.CreatedAt = c.CreatedAt.UTC()
	return c, nil
}

// CreateOrder stores o under requestID unless the ID is taken, in which
// case it counts one more delivery of the ID and returns the order stored
// under it and that order's fingerprint. A new order costs one statement
// (one round trip); a taken ID two: the insert that finds it taken, then
// one that counts and reads.
func (s *Store) CreateOrder(ctx context.Context, o service.Order, requestID string, fp []byte) (service.Order, []byte, bool, error) {
	skus := make([]string, len(o.Items))
	qty := make([]int32, len(o.Items))
	prices := make([]int64, len(o.Items))
	for i, it := range o.Items {
		skus[i], qty[i], prices[i] = it.SKU, it.Quantity, it.UnitPriceCents
	}
	// Two tries: a conflicting insert that was rolled back leaves no row
	// to read, and the second insert then succeeds.
	for range 2 {
		var id int64
		err := s.create.QueryRowContext(ctx, o.CustomerID, string(o.Status), o.TotalCents, o.Note,
			o.CreatedAt, requestID, fp, pq.StringArray(skus), pq.Int32Array(qty), pq.Int64Array(prices)).Scan(&id)
		switch {
		case err == nil:
			o.ID = id
			o.Items = append([]service.LineItem(nil), o.Items...)
			return o, fp, true, nil
		case isForeignKeyViolation(err):
			return service.Order{}, nil, false, service.Errorf(service.KindNotFound, "customer %d", o.CustomerID)
		case !errors.Is(err, sql.ErrNoRows):
			return service.Order{}, nil, false, wrapErr(ctx, "create order", err)
		}
		stored, storedFP, err := s.redelivered(ctx, requestID)
		if !errors.Is(err, sql.ErrNoRows) {
			return stored, storedFP, false, err
		}
	}
	return service.Order{}, nil, false, fmt.Errorf("pgstore: create order: request id %q neither free nor taken: %w", requestID, service.ErrInternal)
}

// redelivered counts one more delivery of requestID and reads the order
// stored under it; sql.ErrNoRows (and nothing counted) when there is none.
func (s *Store) redelivered(ctx context.Context, requestID string) (service.Order, []byte, error) {
	var (
		o      service.Order
		status string
		fp     []byte
		items  itemArrays
	)
	err := s.redeliver.QueryRowContext(ctx, requestID).Scan(&o.ID, &o.CustomerID, &status, &o.TotalCents,
		&o.Note, &o.CreatedAt, &fp, &items.skus, &items.qty, &items.prices)
	if errors.Is(err, sql.ErrNoRows) {
		return o, nil, err
	}
	if err != nil {
		return o, nil, wrapErr(ctx, "redeliver order", err)
	}
	o.Status = service.Status(status)
	o.CreatedAt = o.CreatedAt.UTC()
	if o.Items, err = items.lineItems(); err != nil {
		return service.Order{}, nil, err
	}
	return o, fp, nil
}

// Orders returns up to limit orders of customerID with ID > afterID, in
// ID order, with their items.
func (s *Store) Orders(ctx context.Context, customerID, afterID int64, limit int) ([]service.Order, error) {
	rows, err := s.orders.QueryContext(ctx, customerID, afterID, limit)
	if err != nil {
		return nil, wrapErr(ctx, "list orders", err)
	}
	defer rows.Close()
	out := make([]service.Order, 0, min(limit, 64))
	found := false
	for rows.Next() {
		found = true
		o, err := scanOrder(rows, customerID)
		if err != nil {
			return nil, wrapErr(ctx, "list orders", err)
		}
		if o.ID != 0 {
			out = append(out, o)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, wrapErr(ctx, "list orders", err)
	}
	if !found {
		return nil, service.Errorf(service.KindNotFound, "customer %d", customerID)
	}
	return out, nil
}

func scanOrder(rows *sql.Rows, customerID int64) (service.Order, error) {
	o := service.Order{CustomerID: customerID}
	var (
		status string
		items  itemArrays
	)
	if err := rows.Scan(&o.ID, &status, &o.TotalCents, &o.Note, &o.CreatedAt, &items.skus, &items.qty, &items.prices); err != nil {
		return o, err
	}
	o.Status = service.Status(status)
	o.CreatedAt = o.CreatedAt.UTC()
	var err error
	o.Items, err = items.lineItems()
	return o, err
}

// itemArrays are the aggregated columns of an order's line items.
type itemArrays struct {
	skus   pq.StringArray
	qty    pq.Int32Array
	prices pq.Int64Array
}

func (a itemArrays) lineItems() ([]service.LineItem, error) {
	if len(a.qty) != len(a.skus) || len(a.prices) != len(a.skus) {
		return nil, fmt.Errorf("pgstore: line item arrays of unequal length: %w", service.ErrInternal)
	}
	if len(a.skus) == 0 {
		return nil, nil
	}
	items := make([]service.LineItem, len(a.skus))
	for i := range items {
		items[i] = service.LineItem{SKU: a.skus[i], Quantity: a.qty[i], UnitPriceCents: a.prices[i]}
	}
	return items, nil
}

// Close closes the statements and the database.
func (s *Store) Close() error {
	return errors.Join(s.closeStmts(), s.db.Close())
}

func (s *Store) closeStmts() error {
	var errs []error
	for _, st := range []*sql.Stmt{s.customer, s.create, s.redeliver, s.orders} {
		if st != nil {
			errs = append(errs, st.Close())
		}
	}
	return errors.Join(errs...)
}
