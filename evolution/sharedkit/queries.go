package sharedkit

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/lib/pq"

	"github.com/intbench/intbench/service"
)

// Order is an order as the statements read and write it: quantities as
// 64-bit integers, which hold what any version of the schema stores.
type Order struct {
	ID         int64
	CustomerID int64
	Status     string
	Items      []Item
	TotalCents int64
	Note       string
	CreatedAt  time.Time
}

// Item is a line item as the statements read and write it.
type Item struct {
	SKU            string
	Quantity       int64
	UnitPriceCents int64
}

// FromService returns o as the statements write it.
func FromService(o service.Order) Order {
	items := make([]Item, len(o.Items))
	for i, it := range o.Items {
		items[i] = Item{SKU: it.SKU, Quantity: int64(it.Quantity), UnitPriceCents: it.UnitPriceCents}
	}
	return Order{ID: o.ID, CustomerID: o.CustomerID, Status: string(o.Status), Items: items,
		TotalCents: o.TotalCents, Note: o.Note, CreatedAt: o.CreatedAt}
}

// Service returns o in the service's types, whose quantities are 32-bit:
// a larger one is an error, not a wrapped number.
func (o Order) Service() (service.Order, error) {
	var items []service.LineItem
	if len(o.Items) > 0 {
		items = make([]service.LineItem, len(o.Items))
	}
	for i, it := range o.Items {
		if it.Quantity < math.MinInt32 || it.Quantity > math.MaxInt32 {
			return service.Order{}, fmt.Errorf("sharedkit: order %d item %d: quantity %d does not fit 32 bits: %w", o.ID, i, it.Quantity, service.ErrInternal)
		}
		items[i] = service.LineItem{SKU: it.SKU, Quantity: int32(it.Quantity), UnitPriceCents: it.UnitPriceCents}
	}
	return service.Order{ID: o.ID, CustomerID: o.CustomerID, Status: service.Status(o.Status), Items: items,
		TotalCents: o.TotalCents, Note: o.Note, CreatedAt: o.CreatedAt.UTC()}, nil
}

// Queries are Statements prepared on a database.
type Queries struct {
	orders, create, redeliver *sql.Stmt
	args                      []any
}

// Prepare prepares st on db. An error names the statement the schema
// cannot run.
func Prepare(ctx context.Context, db *sql.DB, st Statements) (*Queries, error) {
	q := &Queries{args: st.CreateArgs}
	for _, p := range []struct {
		name string
		dst  **sql.Stmt
		sql  string
	}{{"orders", &q.orders, st.Orders}, {"create order", &q.create, st.Create}, {"redeliver order", &q.redeliver, st.Redeliver}} {
		s, err := db.PrepareContext(ctx, p.sql)
		if err != nil {
			return nil, errors.Join(wrap(ctx, "prepare "+p.name, err), q.Close())
		}
		*p.dst = s
	}
	return q, nil
}

// Close closes the statements (not the database).
func (q *Queries) Close() error {
	var errs []error
	for _, s := range []*sql.Stmt{q.orders, q.create, q.redeliver} {
		if s != nil {
			errs = append(errs, s.Close())
		}
	}
	return errors.Join(errs...)
}

// Orders returns up to limit orders of customerID with ID > afterID, in
// ID order, or NotFound for an unknown customer.
func (q *Queries) Orders(ctx context.Context, customerID, afterID int64, limit int) ([]Order, error) {
	rows, err := q.orders.QueryContext(ctx, customerID, afterID, limit)
	if err != nil {
		return nil, wrap(ctx, "list orders", err)
	}
	defer rows.Close()
	var out []Order
	found := false
	for rows.Next() {
		found = true
		o := Order{CustomerID: customerID}
		var items itemArrays
		if err := rows.Scan(&o.ID, &o.Status, &o.TotalCents, &o.Note, &o.CreatedAt, &items.skus, &items.qty, &items.prices); err != nil {
			return nil, wrap(ctx, "list orders", err)
		}
		if o.ID == 0 {
			continue
		}
		if o.Items, err = items.items(); err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	if err := rows.Err(); err != nil {
		return nil, wrap(ctx, "list orders", err)
	}
	if !found {
		return nil, service.Errorf(service.KindNotFound, "customer %d", customerID)
	}
	return out, nil
}

// Create stores o under requestID unless the ID is taken, in which case it
// returns the order stored under it and that order's fingerprint, with
// created false: service.Store's CreateOrder.
func (q *Queries) Create(ctx context.Context, o Order, requestID string, fp []byte) (Order, []byte, bool, error) {
	skus := make(pq.StringArray, len(o.Items))
	qty := make(pq.Int64Array, len(o.Items))
	prices := make(pq.Int64Array, len(o.Items))
	for i, it := range o.Items {
		skus[i], qty[i], prices[i] = it.SKU, it.Quantity, it.UnitPriceCents
	}
	args := append([]any{o.CustomerID, o.Status, o.TotalCents, o.Note, o.CreatedAt, requestID, fp, skus, qty, prices}, q.args...)
	// Two tries, as the v1 store: a conflicting insert that was rolled
	// back leaves no row to read, and the second insert then succeeds.
	for range 2 {
		err := q.create.QueryRowContext(ctx, args...).Scan(&o.ID)
		switch {
		case err == nil:
			return o, fp, true, nil
		case isForeignKeyViolation(err):
			return Order{}, nil, false, service.Errorf(service.KindNotFound, "customer %d", o.CustomerID)
		case !errors.Is(err, sql.ErrNoRows):
			return Order{}, nil, false, wrap(ctx, "create order", err)
		}
		stored, storedFP, err := q.redelivered(ctx, requestID)
		if !errors.Is(err, sql.ErrNoRows) {
			return stored, storedFP, false, err
		}
	}
	return Order{}, nil, false, fmt.Errorf("sharedkit: create order: request id %q neither free nor taken: %w", requestID, service.ErrInternal)
}

// redelivered counts one more delivery of requestID and reads the order
// stored under it; sql.ErrNoRows when there is none.
func (q *Queries) redelivered(ctx context.Context, requestID string) (Order, []byte, error) {
	var (
		o     Order
		fp    []byte
		items itemArrays
	)
	err := q.redeliver.QueryRowContext(ctx, requestID).Scan(&o.ID, &o.CustomerID, &o.Status, &o.TotalCents,
		&o.Note, &o.CreatedAt, &fp, &items.skus, &items.qty, &items.prices)
	if errors.Is(err, sql.ErrNoRows) {
		return o, nil, err
	}
	if err != nil {
		return o, nil, wrap(ctx, "redeliver order", err)
	}
	o.Items, err = items.items()
	return o, fp, err
}

// itemArrays are the aggregated columns of an order's line items; the
// quantities scan from int[] and bigint[] alike.
type itemArrays struct {
	skus        pq.StringArray
	qty, prices pq.Int64Array
}

func (a itemArrays) items() ([]Item, error) {
	if len(a.qty) != len(a.skus) || len(a.prices) != len(a.skus) {
		return nil, fmt.Errorf("sharedkit: line item arrays of unequal length: %w", service.ErrInternal)
	}
	if len(a.skus) == 0 {
		return nil, nil
	}
	items := make([]Item, len(a.skus))
	for i := range items {
		items[i] = Item{SKU: a.skus[i], Quantity: a.qty[i], UnitPriceCents: a.prices[i]}
	}
	return items, nil
}
