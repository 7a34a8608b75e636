package shareddb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net"
	"os"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/intbench/intbench/internal/backend"
	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/transports"
	"github.com/intbench/intbench/transports/conformance"
)

func TestConformance(t *testing.T) { conformance.Run(t, New()) }

func testCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	t.Cleanup(cancel)
	return ctx
}

// cluster is the PostgreSQL server of this package's own tests (the
// conformance suite starts its own), started on first use.
var cluster struct {
	once sync.Once
	pg   *backend.Cluster
	err  error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if cluster.pg != nil {
		if err := cluster.pg.Close(); err != nil {
			fmt.Fprintln(os.Stderr, "close postgres:", err)
			code = 1
		}
	}
	// Every connection pool and database a test opened is closed by now.
	if err := goleak.Find(); code == 0 && err != nil {
		fmt.Fprintln(os.Stderr, "goleak:", err)
		code = 1
	}
	os.Exit(code)
}

// database returns a fresh seeded PostgreSQL backend for t.
func database(t *testing.T) *backend.Backend {
	t.Helper()
	if os.Getenv("INTBENCH_NO_PG") == "1" {
		t.Skip("INTBENCH_NO_PG=1")
	}
	ctx := testCtx(t)
	cluster.once.Do(func() {
		cluster.pg, cluster.err = backend.StartPostgres(ctx, service.MustGenerate(conformance.Seed))
	})
	if cluster.err != nil {
		t.Fatalf("postgres: %v", cluster.err)
	}
	b, err := cluster.pg.NewDatabase(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = b.Close() })
	return b
}

func TestServeNeedsDatabase(t *testing.T) {
	_, err := New().Serve(context.Background(), transports.ServeConfig{})
	if !errors.Is(err, errNoDatabase) {
		t.Fatalf("Serve without a DSN: %v", err)
	}
	if !transports.NeedsPostgres(New()) {
		t.Fatal("NeedsPostgres = false")
	}
}

func TestServerIsTheDatabase(t *testing.T) {
	srv, err := New().Serve(context.Background(), transports.ServeConfig{Backend: transports.Backend{DSN: "postgres://h/db"}})
	if err != nil {
		t.Fatal(err)
	}
	if srv.Addr() != "postgres://h/db" {
		t.Fatalf("Addr = %q", srv.Addr())
	}
	for range 2 {
		if err := srv.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

func TestClientDialsThroughDialFuncAndCloses(t *testing.T) {
	b := database(t)
	var dials atomic.Int64
	cfg := transports.DialConfig{Dial: func(ctx context.Context, network, addr string) (net.Conn, error) {
		dials.Add(1)
		return (&net.Dialer{}).DialContext(ctx, network, addr)
	}}
	cl, err := New().Dial(testCtx(t), b.DSN, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cl.GetCustomer(testCtx(t), 1); err != nil {
		t.Fatal(err)
	}
	if dials.Load() == 0 {
		t.Fatal("the client did not dial through DialConfig.Dial")
	}
	for range 2 {
		if err := cl.Close(); err != nil {
			t.Fatalf("Close: %v", err)
		}
	}
	if _, err := cl.GetCustomer(testCtx(t), 1); !errors.Is(err, service.ErrUnavailable) {
		t.Fatalf("call after Close: %v, want ErrUnavailable", err)
	}
}

func TestDialUnreachable(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	_ = ln.Close()
	_, err = New().Dial(testCtx(t), "postgres://u@"+addr+"/db?sslmode=disable", transports.DialConfig{})
	if !errors.Is(err, service.ErrUnavailable) {
		t.Fatalf("Dial of a closed port: %v, want ErrUnavailable", err)
	}
}

// TestSchemaIsTheContract reads, as psql would, the columns the consumer
// depends on: in this pattern they are the interface.
func TestSchemaIsTheContract(t *testing.T) {
	b := database(t)
	db, err := sql.Open("postgres", b.DSN)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.QueryContext(testCtx(t), `SELECT table_name || '.' || column_name || ' ' || data_type
		FROM information_schema.columns WHERE table_schema = 'public'
		AND table_name IN ('customers', 'orders', 'line_items')
		ORDER BY table_name, ordinal_position`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		got = append(got, s)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"customers.id bigint", "customers.name text", "customers.email text", "customers.tier text",
		"customers.created_at timestamp with time zone", "customers.tags ARRAY",
		"line_items.order_id bigint", "line_items.pos integer", "line_items.sku text",
		"line_items.quantity integer", "line_items.unit_price_cents bigint",
		"orders.id bigint", "orders.customer_id bigint", "orders.status text", "orders.total_cents bigint",
		"orders.note text", "orders.created_at timestamp with time zone", "orders.request_id text", "orders.request_fp bytea",
	}
	if len(got) != len(want) {
		t.Fatalf("schema columns:\n got %q\nwant %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("column %d = %q, want %q", i, got[i], want[i])
		}
	}
}

// TestNetworkErrors: the failures happen during Dial (TCP connect, or
// PostgreSQL start-up); the cause survives into the error's chain.
func TestNetworkErrors(t *testing.T) {
	url := func(hostport string) string { return "postgres://intbench@" + hostport + "/intbench?sslmode=disable" }
	conformance.Network(t, New(), url, conformance.CausesKept)
}
