package service

import (
	"context"
	"errors"
	"reflect"
	"sync"
	"testing"
)

func orderRequest(id, note string) PlaceOrderRequest {
	return PlaceOrderRequest{CustomerID: 2, RequestID: id, Note: note, Items: []LineItem{{SKU: "A", Quantity: 1, UnitPriceCents: 5}}}
}

// TestMemoryStoreLedger covers the memory store alone; pgstore's
// TestLedger runs a larger table over both stores.
func TestMemoryStoreLedger(t *testing.T) {
	one := func(id string, n int) Delivery { return Delivery{RequestID: id, Deliveries: n, Executions: 1} }
	tests := []struct {
		name    string
		calls   []PlaceOrderRequest
		errs    []error // per call; nil entries and a short slice mean success
		prefix  string
		want    []Delivery
		wantErr error
	}{
		{name: "first delivery", calls: []PlaceOrderRequest{orderRequest("p/1", "")}, prefix: "p/", want: []Delivery{one("p/1", 1)}},
		{name: "replay", calls: []PlaceOrderRequest{orderRequest("p/1", ""), orderRequest("p/1", "")}, prefix: "p/", want: []Delivery{one("p/1", 2)}},
		{
			name:   "conflict is a delivery",
			calls:  []PlaceOrderRequest{orderRequest("p/1", ""), orderRequest("p/1", "other")},
			errs:   []error{nil, ErrConflict},
			prefix: "p/", want: []Delivery{one("p/1", 2)},
		},
		{
			name:   "unknown customer",
			calls:  []PlaceOrderRequest{{CustomerID: 99, RequestID: "p/1", Items: []LineItem{{SKU: "A", Quantity: 1}}}},
			errs:   []error{ErrNotFound},
			prefix: "",
		},
		{
			name:   "literal prefix, byte order",
			calls:  []PlaceOrderRequest{orderRequest("p%/2", ""), orderRequest("p%/1", ""), orderRequest("px/1", ""), orderRequest("p", "")},
			prefix: "p%", want: []Delivery{one("p%/1", 1), one("p%/2", 1)},
		},
		{name: "cancelled", prefix: "p", wantErr: context.Canceled},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := NewMemoryStore(MustGenerate(SeedConfig{Seed: 1, Customers: 3, OrdersPerCustomer: 1}))
			c := NewCore(m)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			for i, req := range tt.calls {
				var want error
				if i < len(tt.errs) {
					want = tt.errs[i]
				}
				if _, err := c.PlaceOrder(ctx, req); !errors.Is(err, want) || (err == nil) != (want == nil) {
					t.Fatalf("call %d: error %v, want %v", i, err, want)
				}
			}
			if tt.wantErr != nil {
				cancel()
			}
			got, err := m.Ledger(ctx, tt.prefix)
			if !errors.Is(err, tt.wantErr) || !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("Ledger(%q) = %v, %v; want %v, %v", tt.prefix, got, err, tt.want, tt.wantErr)
			}
		})
	}
}

func TestMemoryStoreConcurrentDeliveries(t *testing.T) {
	m := NewMemoryStore(MustGenerate(SeedConfig{Seed: 1, Customers: 3}))
	c := NewCore(m)
	const n = 32
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			if _, err := c.PlaceOrder(context.Background(), orderRequest("same", "")); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	got, err := m.Ledger(context.Background(), "same")
	if want := []Delivery{{RequestID: "same", Deliveries: n, Executions: 1}}; err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("Ledger = %v, %v; want %v", got, err, want)
	}
}
