package pgstore

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/intbench/intbench/service"
)

// seedStores returns the PostgreSQL store and the reference memory store
// over the same default seed.
func seedStores(t *testing.T) (*Store, *service.MemoryStore) {
	return newStore(t), service.NewMemoryStore(service.MustGenerate(service.DefaultSeed()))
}

func TestCustomer(t *testing.T) {
	s, ref := seedStores(t)
	ctx := testCtx(t)
	for _, id := range []int64{1, 2, 10, 11, 500, 1000, 0, -1, 1001} {
		want, wantErr := ref.Customer(ctx, id)
		got, err := s.Customer(ctx, id)
		if service.KindOf(err) != service.KindOf(wantErr) {
			t.Fatalf("Customer(%d) error = %v, want kind of %v", id, err, wantErr)
		}
		if len(got.Tags) == 0 && len(want.Tags) == 0 {
			got.Tags, want.Tags = nil, nil
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("Customer(%d) = %+v, want %+v", id, got, want)
		}
	}
}

func TestOrders(t *testing.T) {
	s, ref := seedStores(t)
	ctx := testCtx(t)
	tests := []struct {
		customer, after int64
		limit           int
	}{
		{1, 0, 1},
		{1, 0, 1001},
		{1, 600, 50},
		{10, 0, 1200},
		{11, 0, 10},
		{11, 1_000_000, 10}, // existing customer, nothing after the cursor
		{1000, 0, 6},
		{0, 0, 5},
		{1001, 0, 5},
	}
	for _, tt := range tests {
		name := fmt.Sprintf("customer=%d/after=%d/limit=%d", tt.customer, tt.after, tt.limit)
		want, wantErr := ref.Orders(ctx, tt.customer, tt.after, tt.limit)
		got, err := s.Orders(ctx, tt.customer, tt.after, tt.limit)
		if service.KindOf(err) != service.KindOf(wantErr) {
			t.Fatalf("%s: error = %v, want kind of %v", name, err, wantErr)
		}
		if len(got) != len(want) {
			t.Fatalf("%s: %d orders, want %d", name, len(got), len(want))
		}
		for i := range got {
			if !reflect.DeepEqual(got[i], want[i]) {
				t.Fatalf("%s: order %d =\n%+v\nwant\n%+v", name, i, got[i], want[i])
			}
		}
	}
}

func TestOrdersPaging(t *testing.T) {
	s, ref := seedStores(t)
	ctx := testCtx(t)
	want, _ := ref.Orders(ctx, 3, 0, 10_000)
	var got []service.Order
	for after := int64(0); ; {
		page, err := s.Orders(ctx, 3, after, 97)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, page...)
		if len(page) < 97 {
			break
		}
		after = page[len(page)-1].ID
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("paged %d orders differ from the %d expected", len(got), len(want))
	}
}

func newOrder(customer int64, note string, items ...service.LineItem) service.Order {
	return service.Order{
		CustomerID: customer,
		Status:     service.StatusPending,
		Items:      items,
		TotalCents: service.Total(items),
		Note:       note,
		CreatedAt:  time.Now().UTC().Truncate(time.Microsecond),
	}
}

func TestCreateOrder(t *testing.T) {
	s, _ := seedStores(t)
	ctx := testCtx(t)
	ds := service.MustGenerate(service.DefaultSeed())
	many := make([]service.LineItem, service.MaxItems)
	for i := range many {
		many[i] = service.LineItem{SKU: fmt.Sprintf("SKU-%d", i), Quantity: int32(i + 1), UnitPriceCents: int64(i)}
	}
	tests := []struct {
		name string
		o    service.Order
	}{
		{"one item", newOrder(5, "hi", service.LineItem{SKU: "A", Quantity: 1, UnitPriceCents: 100})},
		{"max items", newOrder(5, "", many...)},
		{"1 MiB note", newOrder(7, strings.Repeat("ü", service.MaxNoteBytes/2), service.LineItem{SKU: "B", Quantity: 2, UnitPriceCents: 0})},
		{"odd text", newOrder(7, "tab\tquote' \"{},\\ NULL", service.LineItem{SKU: `{"x",NULL}`, Quantity: 3, UnitPriceCents: 9})},
	}
	lastID := int64(len(ds.Orders))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			reqID, fp := "req-"+tt.name, []byte("fp-"+tt.name)
			got, gotFP, created, err := s.CreateOrder(ctx, tt.o, reqID, fp)
			if err != nil || !created {
				t.Fatalf("CreateOrder: created=%v err=%v", created, err)
			}
			if got.ID <= lastID {
				t.Fatalf("new order id %d not above %d", got.ID, lastID)
			}
			lastID = got.ID // a used request id may burn a sequence value
			want := tt.o
			want.ID = got.ID
			if !reflect.DeepEqual(got, want) || !bytes.Equal(gotFP, fp) {
				t.Fatalf("CreateOrder = %+v, want %+v", got, want)
			}
			again, againFP, created, err := s.CreateOrder(ctx, newOrder(tt.o.CustomerID, "other"), reqID, []byte("other"))
			if err != nil || created || !reflect.DeepEqual(again, want) || !bytes.Equal(againFP, fp) {
				t.Fatalf("CreateOrder with a used request id: created=%v err=%v id=%d fp=%q", created, err, again.ID, againFP)
			}
			listed, err := s.Orders(ctx, tt.o.CustomerID, got.ID-1, 5)
			if err != nil || len(listed) != 1 || !reflect.DeepEqual(listed[0], want) {
				t.Fatalf("Orders after CreateOrder: %d orders, err %v", len(listed), err)
			}
		})
	}
}

func TestCreateOrderUnknownCustomer(t *testing.T) {
	s, _ := seedStores(t)
	o := newOrder(4242, "", service.LineItem{SKU: "A", Quantity: 1})
	_, _, _, err := s.CreateOrder(testCtx(t), o, "r1", []byte("fp"))
	if !errors.Is(err, service.ErrNotFound) {
		t.Fatalf("CreateOrder for an unknown customer: %v, want ErrNotFound", err)
	}
}

func TestCreateOrderConcurrentSameRequest(t *testing.T) {
	s, _ := seedStores(t)
	ctx := testCtx(t)
	const n = 20
	type result struct {
		id      int64
		created bool
		err     error
	}
	results := make([]result, n)
	var wg sync.WaitGroup
	o := newOrder(9, "race", service.LineItem{SKU: "A", Quantity: 1, UnitPriceCents: 5})
	for i := range results {
		wg.Go(func() {
			got, _, created, err := s.CreateOrder(ctx, o, "same-request", []byte("fp"))
			results[i] = result{got.ID, created, err}
		})
	}
	wg.Wait()
	created := 0
	for _, r := range results {
		if r.err != nil {
			t.Fatalf("CreateOrder: %v", r.err)
		}
		if r.id != results[0].id {
			t.Fatalf("order ids differ: %d and %d", r.id, results[0].id)
		}
		if r.created {
			created++
		}
	}
	var rows int
	if err := s.DB().QueryRowContext(ctx, "SELECT count(*) FROM orders WHERE request_id = 'same-request'").Scan(&rows); err != nil {
		t.Fatal(err)
	}
	if created != 1 || rows != 1 {
		t.Fatalf("%d calls created an order and %d rows exist, want 1 and 1", created, rows)
	}
	// Concurrent redeliveries queue on one counter row; none is lost.
	ledger, err := s.Ledger(ctx, "same-request")
	want := []service.Delivery{{RequestID: "same-request", Deliveries: n, Executions: 1}}
	if err != nil || !reflect.DeepEqual(ledger, want) {
		t.Fatalf("Ledger = %v, %v; want %v", ledger, err, want)
	}
}

func TestCloseTwice(t *testing.T) {
	s := newStore(t)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
	_, err := s.Customer(context.Background(), 1)
	if err == nil {
		t.Fatal("Customer after Close succeeded")
	}
}
