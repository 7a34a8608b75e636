package service

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func newTestCore(t *testing.T) (*Core, Dataset) {
	t.Helper()
	ds := MustGenerate(SeedConfig{Seed: 3, Customers: 5, OrdersPerCustomer: 2, HeavyCustomers: 1, HeavyOrders: 9})
	return NewCore(NewMemoryStore(ds)), ds
}

func TestValidatePlaceOrder(t *testing.T) {
	ok := PlaceOrderRequest{CustomerID: 1, RequestID: "r", Items: []LineItem{{SKU: "A", Quantity: 1, UnitPriceCents: 5}}}
	tests := []struct {
		name   string
		change func(*PlaceOrderRequest)
		valid  bool
	}{
		{"valid", func(*PlaceOrderRequest) {}, true},
		{"max note", func(r *PlaceOrderRequest) { r.Note = strings.Repeat("n", MaxNoteBytes) }, true},
		{"tab newline cr", func(r *PlaceOrderRequest) { r.Note = "a\tb\nc\r" }, true},
		{"literal replacement char", func(r *PlaceOrderRequest) { r.Note = "\uFFFD" }, true},
		{"free item", func(r *PlaceOrderRequest) { r.Items[0].UnitPriceCents = 0 }, true},
		{"customer 0", func(r *PlaceOrderRequest) { r.CustomerID = 0 }, false},
		{"no request id", func(r *PlaceOrderRequest) { r.RequestID = "" }, false},
		{"long request id", func(r *PlaceOrderRequest) { r.RequestID = strings.Repeat("r", MaxRequestID+1) }, false},
		{"no items", func(r *PlaceOrderRequest) { r.Items = nil }, false},
		{"quantity 0", func(r *PlaceOrderRequest) { r.Items[0].Quantity = 0 }, false},
		{"quantity too big", func(r *PlaceOrderRequest) { r.Items[0].Quantity = MaxQuantity + 1 }, false},
		{"negative price", func(r *PlaceOrderRequest) { r.Items[0].UnitPriceCents = -1 }, false},
		{"empty sku", func(r *PlaceOrderRequest) { r.Items[0].SKU = "" }, false},
		{"note too long", func(r *PlaceOrderRequest) { r.Note = strings.Repeat("n", MaxNoteBytes+1) }, false},
		{"nul in note", func(r *PlaceOrderRequest) { r.Note = "a\x00b" }, false},
		{"invalid utf-8", func(r *PlaceOrderRequest) { r.Note = "\xff" }, false},
		{"U+FFFF", func(r *PlaceOrderRequest) { r.Note = "\uFFFF" }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := ok
			r.Items = append([]LineItem(nil), ok.Items...)
			tt.change(&r)
			err := ValidatePlaceOrder(r)
			if tt.valid && err != nil {
				t.Fatalf("got %v, want valid", err)
			}
			if !tt.valid && !errors.Is(err, ErrInvalidArgument) {
				t.Fatalf("got %v, want ErrInvalidArgument", err)
			}
		})
	}
}

func TestCoreIdempotencyAndConflict(t *testing.T) {
	c, _ := newTestCore(t)
	ctx := context.Background()
	req := PlaceOrderRequest{CustomerID: 2, RequestID: "x", Items: []LineItem{{SKU: "A", Quantity: 2, UnitPriceCents: 150}}, Note: "n"}
	first, err := c.PlaceOrder(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	if first.TotalCents != 300 || first.Status != StatusPending {
		t.Fatalf("got total %d status %s, want 300 pending", first.TotalCents, first.Status)
	}
	again, err := c.PlaceOrder(ctx, req)
	if err != nil || !reflect.DeepEqual(again, first) {
		t.Fatalf("replay = %+v, %v; want %+v", again, err, first)
	}
	req.Note = "other"
	if _, err := c.PlaceOrder(ctx, req); !errors.Is(err, ErrConflict) {
		t.Fatalf("changed body: got %v, want ErrConflict", err)
	}
	req.CustomerID = 99
	req.RequestID = "y"
	if _, err := c.PlaceOrder(ctx, req); !errors.Is(err, ErrNotFound) {
		t.Fatalf("unknown customer: got %v, want ErrNotFound", err)
	}
}

func TestCoreListOrdersPaging(t *testing.T) {
	c, ds := newTestCore(t)
	var got []Order
	cursor := ""
	for pages := 1; ; pages++ {
		p, err := c.ListOrders(context.Background(), ListOrdersRequest{CustomerID: 1, Limit: 4, Cursor: cursor})
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, p.Orders...)
		if p.NextCursor == "" {
			if pages != 3 {
				t.Fatalf("9 orders in pages of 4 took %d pages, want 3", pages)
			}
			break
		}
		cursor = p.NextCursor
	}
	if !reflect.DeepEqual(got, ds.Orders[:9]) {
		t.Fatalf("paged orders differ from the seed")
	}
}

func TestCursor(t *testing.T) {
	tests := []struct {
		in      string
		want    int64
		wantErr bool
	}{
		{"", 0, false}, {FormatCursor(42), 42, false}, {"o0", 0, true}, {"o-1", 0, true}, {"x1", 0, true}, {"o", 0, true}, {"o99999999999999999999", 0, true},
	}
	for _, tt := range tests {
		got, err := ParseCursor(tt.in)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("ParseCursor(%q) = %d, %v; want %d, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
		if err != nil && !errors.Is(err, ErrInvalidArgument) {
			t.Errorf("ParseCursor(%q) error %v is not ErrInvalidArgument", tt.in, err)
		}
	}
}

func TestKinds(t *testing.T) {
	for k := KindOK; k <= KindInternal; k++ {
		got, ok := ParseKind(k.String())
		if !ok || got != k {
			t.Errorf("ParseKind(%q) = %v, %v", k.String(), got, ok)
		}
		if k == KindOK {
			continue
		}
		err := fmt.Errorf("wrapped: %w", Errorf(k, "msg %d", 1))
		if KindOf(err) != k || !errors.Is(err, k.Sentinel()) || MessageOf(err) != "msg 1" {
			t.Errorf("kind %v: KindOf=%v Is=%v Message=%q", k, KindOf(err), errors.Is(err, k.Sentinel()), MessageOf(err))
		}
	}
	if _, ok := ParseKind("Bogus"); ok {
		t.Error("ParseKind accepted an unknown name")
	}
	if KindOf(context.DeadlineExceeded) != KindDeadlineExceeded || KindOf(errors.New("x")) != KindInternal || KindOf(nil) != KindOK {
		t.Error("KindOf misclassifies context or unknown errors")
	}
}

func TestGenerateDeterministic(t *testing.T) {
	cfg := DefaultSeed()
	a, b := MustGenerate(cfg), MustGenerate(cfg)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("same seed produced different data")
	}
	if len(a.Customers) != cfg.Customers || len(a.Orders) != cfg.HeavyCustomers*cfg.HeavyOrders+(cfg.Customers-cfg.HeavyCustomers)*cfg.OrdersPerCustomer {
		t.Fatalf("got %d customers, %d orders", len(a.Customers), len(a.Orders))
	}
	for i, c := range a.Customers {
		if c.ID != int64(i+1) || !c.Tier.Valid() {
			t.Fatalf("customer %d: id %d tier %q", i, c.ID, c.Tier)
		}
	}
	for i, o := range a.Orders {
		if o.ID != int64(i+1) || o.TotalCents != Total(o.Items) || !o.Status.Valid() {
			t.Fatalf("order %d inconsistent: %+v", i, o)
		}
	}
	cfg.Seed++
	if reflect.DeepEqual(MustGenerate(cfg).Customers, a.Customers) {
		t.Fatal("another seed produced the same customers")
	}
}

func TestSeedValidate(t *testing.T) {
	bad := []SeedConfig{
		{Customers: 0},
		{Customers: 5, HeavyCustomers: 6},
		{Customers: 5, OrdersPerCustomer: -1},
		{Customers: 10_000_000, OrdersPerCustomer: 100},
	}
	for _, c := range bad {
		if _, err := Generate(c); err == nil {
			t.Errorf("Generate(%+v) succeeded", c)
		}
	}
}

func TestMemoryStoreCopies(t *testing.T) {
	c, _ := newTestCore(t)
	ctx := context.Background()
	p, _ := c.ListOrders(ctx, ListOrdersRequest{CustomerID: 1, Limit: 1})
	p.Orders[0].Items[0].SKU = "mutated"
	q, _ := c.ListOrders(ctx, ListOrdersRequest{CustomerID: 1, Limit: 1})
	if q.Orders[0].Items[0].SKU == "mutated" {
		t.Fatal("caller mutation reached the store")
	}
}
