package pgstore

import (
	"context"
	"database/sql"
	"errors"
	"net"
	"net/url"
	"sync/atomic"
	"testing"
	"time"

	"github.com/intbench/intbench/faults"
	"github.com/intbench/intbench/service"
)

// viaProxy returns dsn with its host replaced by a fault proxy's address,
// and a function that makes the network go dark: the proxy swallows every
// byte both ways and keeps the connections open (faults' blackhole).
func viaProxy(t *testing.T, dsn string) (string, func()) {
	t.Helper()
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	p, err := faults.New(u.Host, faults.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = p.Close() })
	u.Host = p.Addr()
	dark := func() {
		f, err := faults.Parse("blackhole")
		if err == nil {
			_, err = p.Inject(f)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	return u.String(), dark
}

func storeOver(t *testing.T, db *sql.DB) *Store {
	t.Helper()
	s, err := New(testCtx(t), db)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// TestSilentNetworkIsBounded shows that a call over a network that went
// dark ends at its deadline, though lib/pq alone would wait forever.
func TestSilentNetworkIsBounded(t *testing.T) {
	dsn, dark := viaProxy(t, newDatabase(t, true))
	s := storeOver(t, openDB(t, dsn, nil))
	if _, err := s.Customer(testCtx(t), 1); err != nil {
		t.Fatalf("Customer through the proxy: %v", err)
	}
	dark()
	calls := []struct {
		name string
		call func(ctx context.Context) error
	}{
		{"Customer", func(ctx context.Context) error { _, err := s.Customer(ctx, 1); return err }},
		{"Orders", func(ctx context.Context) error { _, err := s.Orders(ctx, 1, 0, 10); return err }},
		{"CreateOrder", func(ctx context.Context) error {
			_, _, _, err := s.CreateOrder(ctx, newOrder(1, "", service.LineItem{SKU: "A", Quantity: 1}), "dark", []byte("fp"))
			return err
		}},
	}
	for _, c := range calls {
		t.Run(c.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
			defer cancel()
			begin := time.Now()
			err := c.call(ctx)
			if took := time.Since(begin); took > 5*time.Second {
				t.Fatalf("call took %v", took)
			}
			if !errors.Is(err, service.ErrDeadlineExceeded) {
				t.Fatalf("error = %v, want ErrDeadlineExceeded", err)
			}
		})
	}
}

func TestCancelIsBounded(t *testing.T) {
	dsn, dark := viaProxy(t, newDatabase(t, true))
	s := storeOver(t, openDB(t, dsn, nil))
	dark()
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	done := make(chan error, 1)
	go func() { _, err := s.Customer(ctx, 1); done <- err }()
	select {
	case err := <-done:
		if !errors.Is(err, service.ErrUnavailable) {
			t.Fatalf("cancelled call: %v, want ErrUnavailable", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("cancelled call did not return")
	}
}

func TestLockWaitHitsDeadline(t *testing.T) {
	s := newStore(t)
	ctx := testCtx(t)
	tx, err := s.DB().BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback() //nolint:errcheck
	if _, err := tx.ExecContext(ctx, "SELECT 1 FROM customers WHERE id = 3 FOR UPDATE"); err != nil {
		t.Fatal(err)
	}
	short, cancel := context.WithTimeout(ctx, 150*time.Millisecond)
	defer cancel()
	_, _, _, err = s.CreateOrder(short, newOrder(3, "", service.LineItem{SKU: "A", Quantity: 1}), "locked", []byte("fp"))
	if !errors.Is(err, service.ErrDeadlineExceeded) {
		t.Fatalf("CreateOrder behind a lock: %v, want ErrDeadlineExceeded", err)
	}
	if _, err := s.Customer(ctx, 4); err != nil {
		t.Fatalf("store unusable after a deadline: %v", err)
	}
}

func TestUnreachableIsUnavailable(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	_ = ln.Close()
	db := openDB(t, "postgres://u@"+addr+"/db?sslmode=disable", nil)
	_, err = New(testCtx(t), db)
	if !errors.Is(err, service.ErrUnavailable) {
		t.Fatalf("New against a closed port: %v, want ErrUnavailable", err)
	}
}

// countingConn counts the bytes a connection reads and writes.
type countingConn struct {
	net.Conn
	n *atomic.Int64
}

func (c countingConn) Read(b []byte) (int, error) {
	n, err := c.Conn.Read(b)
	c.n.Add(int64(n))
	return n, err
}

func (c countingConn) Write(b []byte) (int, error) {
	n, err := c.Conn.Write(b)
	c.n.Add(int64(n))
	return n, err
}

func TestConnectorUsesDialer(t *testing.T) {
	var dials, bytes atomic.Int64
	dial := func(ctx context.Context, network, addr string) (net.Conn, error) {
		dials.Add(1)
		c, err := (&net.Dialer{}).DialContext(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		return countingConn{c, &bytes}, nil
	}
	s := storeOver(t, openDB(t, newDatabase(t, true), dial))
	if _, err := s.Customer(testCtx(t), 1); err != nil {
		t.Fatal(err)
	}
	if dials.Load() == 0 || bytes.Load() == 0 {
		t.Fatalf("dialer used %d times, %d bytes counted", dials.Load(), bytes.Load())
	}
}

func TestLoadRejectsOrphans(t *testing.T) {
	db := openDB(t, newDatabase(t, false), nil)
	ctx := testCtx(t)
	if err := Migrate(ctx, db); err != nil {
		t.Fatal(err)
	}
	ds := service.MustGenerate(service.SeedConfig{Seed: 1, Customers: 3, OrdersPerCustomer: 1})
	ds.Orders[0].CustomerID = 99
	if err := Load(ctx, db, ds); err == nil {
		t.Fatal("Load of an order of a missing customer succeeded")
	}
	var n int
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM customers").Scan(&n); err != nil || n != 0 {
		t.Fatalf("failed Load left %d customers (err %v)", n, err)
	}
}
