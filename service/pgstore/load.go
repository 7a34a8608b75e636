package pgstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/lib/pq"

	"github.com/intbench/intbench/service"
)

// Load copies ds into db's empty, migrated tables in one transaction with
// COPY, moves the order ID sequence past the loaded IDs and refreshes the
// planner's statistics.
//
// As a superuser it skips the per-row foreign-key triggers during the copy
// (session_replication_role = replica) and checks the references once, in
// bulk, before committing: several times faster, equally safe.
func Load(ctx context.Context, db *sql.DB, ds service.Dataset) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("pgstore: load: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // a no-op after Commit
	steps := []struct {
		name string
		run  func(context.Context, *sql.Tx, service.Dataset) error
	}{
		{"settings", skipRowTriggers},
		{"customers", copyCustomers},
		{"orders", copyOrders},
		{"line items", copyItems},
		{"references", checkReferences},
		{"sequence", setSequence},
	}
	for _, st := range steps {
		if err := st.run(ctx, tx, ds); err != nil {
			return fmt.Errorf("pgstore: load %s: %w", st.name, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("pgstore: load: commit: %w", err)
	}
	if _, err := db.ExecContext(ctx, "ANALYZE customers, orders, line_items"); err != nil {
		return fmt.Errorf("pgstore: load: analyze: %w", err)
	}
	return nil
}

// copyRows runs COPY table(columns) FROM STDIN, feeding it rows from each.
func copyRows(ctx context.Context, tx *sql.Tx, table string, columns []string, each func(row func(args ...any) error) error) error {
	st, err := tx.PrepareContext(ctx, pq.CopyIn(table, columns...))
	if err != nil {
		return err
	}
	err = each(func(args ...any) error {
		_, err := st.ExecContext(ctx, args...)
		return err
	})
	if err == nil {
		_, err = st.ExecContext(ctx) // flush
	}
	return errors.Join(err, st.Close())
}

func copyCustomers(ctx context.Context, tx *sql.Tx, ds service.Dataset) error {
	cols := []string{"id", "name", "email", "tier", "created_at", "tags"}
	return copyRows(ctx, tx, "customers", cols, func(row func(...any) error) error {
		for _, c := range ds.Customers {
			if err := row(c.ID, c.Name, c.Email, string(c.Tier), c.CreatedAt, pq.StringArray(nonNil(c.Tags))); err != nil {
				return err
			}
		}
		return nil
	})
}

func copyOrders(ctx context.Context, tx *sql.Tx, ds service.Dataset) error {
	cols := []string{"id", "customer_id", "status", "total_cents", "note", "created_at"}
	return copyRows(ctx, tx, "orders", cols, func(row func(...any) error) error {
		for _, o := range ds.Orders {
			if err := row(o.ID, o.CustomerID, string(o.Status), o.TotalCents, o.Note, o.CreatedAt); err != nil {
				return err
			}
		}
		return nil
	})
}

func copyItems(ctx context.Context, tx *sql.Tx, ds service.Dataset) error {
	cols := []string{"order_id", "pos", "sku", "quantity", "unit_price_cents"}
	return copyRows(ctx, tx, "line_items", cols, func(row func(...any) error) error {
		for _, o := range ds.Orders {
			for i, it := range o.Items {
				if err := row(o.ID, int64(i+1), it.SKU, int64(it.Quantity), it.UnitPriceCents); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// skipRowTriggers turns off the foreign-key triggers for the rest of the
// transaction when the user is a superuser (nobody else may).
func skipRowTriggers(ctx context.Context, tx *sql.Tx, _ service.Dataset) error {
	var super bool
	if err := tx.QueryRowContext(ctx, "SELECT rolsuper FROM pg_roles WHERE rolname = current_user").Scan(&super); err != nil {
		return err
	}
	if !super {
		return nil
	}
	_, err := tx.ExecContext(ctx, "SET LOCAL session_replication_role = replica")
	return err
}

// checkReferences verifies every foreign key of the loaded rows with one
// query, in case the triggers were off.
func checkReferences(ctx context.Context, tx *sql.Tx, _ service.Dataset) error {
	var orphans int64
	err := tx.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM orders o WHERE NOT EXISTS (SELECT 1 FROM customers c WHERE c.id = o.customer_id)) +
		(SELECT count(*) FROM line_items li WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.id = li.order_id))`).Scan(&orphans)
	if err != nil {
		return err
	}
	if orphans > 0 {
		return fmt.Errorf("%d rows refer to missing customers or orders", orphans)
	}
	return nil
}

// setSequence makes the next order ID follow the largest loaded one.
func setSequence(ctx context.Context, tx *sql.Tx, _ service.Dataset) error {
	_, err := tx.ExecContext(ctx, `SELECT setval(pg_get_serial_sequence('orders', 'id'),
		COALESCE((SELECT max(id) FROM orders), 1), (SELECT max(id) FROM orders) IS NOT NULL)`)
	return err
}

// nonNil returns s, or an empty slice for nil (the column is NOT NULL).
func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
