package backend

import (
	"context"
	"database/sql"
	"errors"
	"io"
	"net"
	"net/url"
	"os"
	"reflect"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/service/pgstore"
)

var smallSeed = service.SeedConfig{Seed: 1, Customers: 3, OrdersPerCustomer: 1}

func needPostgres(t *testing.T) {
	t.Helper()
	if os.Getenv("INTBENCH_NO_PG") == "1" {
		t.Skip("INTBENCH_NO_PG=1")
	}
}

// forwarder is a TCP proxy that counts the connections it forwards.
type forwarder struct {
	ln    net.Listener
	conns atomic.Int64
	wg    sync.WaitGroup
}

func forward(t *testing.T, to string) *forwarder {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	f := &forwarder{ln: ln}
	f.wg.Go(func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			f.conns.Add(1)
			f.wg.Go(func() { f.pipe(c, to) })
		}
	})
	t.Cleanup(func() { _ = ln.Close(); f.wg.Wait() })
	return f
}

func (f *forwarder) pipe(c net.Conn, to string) {
	defer c.Close()
	up, err := net.DialTimeout("tcp", to, 5*time.Second)
	if err != nil {
		return
	}
	defer up.Close()
	done := make(chan struct{}, 2)
	go func() { _, _ = io.Copy(up, c); done <- struct{}{} }()
	go func() { _, _ = io.Copy(c, up); done <- struct{}{} }()
	<-done // either side ending ends both
	_ = c.Close()
	_ = up.Close()
	<-done
}

func placeOrder(ctx context.Context, s service.Service, id string) error {
	_, err := s.PlaceOrder(ctx, service.PlaceOrderRequest{CustomerID: 1, RequestID: id, Items: []service.LineItem{{SKU: "A", Quantity: 1}}})
	return err
}

func readLedger(ctx context.Context, t *testing.T, url, prefix string) []service.Delivery {
	t.Helper()
	db, err := sql.Open("postgres", url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ledger, err := pgstore.ReadLedger(ctx, db, prefix)
	if err != nil {
		t.Fatal(err)
	}
	return ledger
}

// TestDatabaseViaProxyAcrossRestart is what a fault run does: a durable
// cluster, a database served through a proxy, a restart of the server,
// and the ledger read directly.
func TestDatabaseViaProxyAcrossRestart(t *testing.T) {
	needPostgres(t)
	t.Setenv("INTBENCH_PG_DSN", "")
	t.Setenv("DATABASE_URL", "")
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	pg, err := StartPostgres(ctx, service.MustGenerate(smallSeed), Durable(true))
	if err != nil {
		t.Fatal(err)
	}
	defer pg.Close()
	if s, err := pg.Settings(ctx); err != nil || s["synchronous_commit"] != "on" {
		t.Fatalf("Settings = %v, %v; want synchronous_commit on", s, err)
	}
	addr, err := pg.Addr()
	if err != nil {
		t.Fatal(err)
	}
	proxy := forward(t, addr)
	b, err := pg.NewDatabaseVia(ctx, proxy.ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if u, err := url.Parse(b.DSN); err != nil || u.Host != proxy.ln.Addr().String() || b.Database == "" || b.Cluster() != pg {
		t.Fatalf("backend DSN %s (%v), database %q: want the proxy's address and a name", b.DSN, err, b.Database)
	}
	if err := placeOrder(ctx, b.Service, "cell/1"); err != nil {
		t.Fatal(err)
	}
	if proxy.conns.Load() == 0 {
		t.Fatal("the service did not connect through the proxy")
	}

	if err := pg.Restart(ctx); err != nil {
		t.Fatalf("Restart: %v", err)
	}
	// The pool replaces its dead connections; a call may fail meanwhile.
	var calls int
	for err = errors.New("no call yet"); err != nil && calls < 5; calls++ {
		err = placeOrder(ctx, b.Service, "cell/1")
	}
	if err != nil {
		t.Fatalf("replay after Restart, %d calls: %v", calls, err)
	}
	t.Logf("replay after Restart succeeded at call %d", calls)
	got := readLedger(ctx, t, pg.URL(b.Database), "cell/")
	want := []service.Delivery{{RequestID: "cell/1", Deliveries: 2, Executions: 1}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("ledger after Restart = %v, want %v", got, want)
	}
}

func TestOpenPostgres(t *testing.T) {
	needPostgres(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	b, err := Open(ctx, Postgres, service.MustGenerate(smallSeed), Durable(true))
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if b.Cluster() == nil || b.Database == "" || b.DSN != b.Cluster().URL(b.Database) {
		t.Fatalf("Open(postgres): cluster %v, database %q, DSN %s", b.Cluster(), b.Database, b.DSN)
	}
	if err := placeOrder(ctx, b.Service, "open/1"); err != nil {
		t.Fatal(err)
	}
	if m := NewMemory(service.MustGenerate(smallSeed)); m.Cluster() != nil || m.Database != "" {
		t.Fatal("the memory backend has a cluster or database")
	}
}
