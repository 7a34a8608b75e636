package conformance

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/intbench/intbench/service"
)

func writeCases() []testCase {
	return []testCase{
		{name: "PlaceOrder/CreatesAndLists", run: testPlaceOrder},
		{name: "PlaceOrder/IdempotentRetry", run: testIdempotent},
		{name: "PlaceOrder/ConflictOnReusedID", run: testConflict},
		{name: "PlaceOrder/Invalid", run: testPlaceInvalid},
		{name: "PlaceOrder/LargeUnicodeNote", run: testLargeNote},
		{name: "PlaceOrder/ConcurrentWriters", run: testConcurrentWriters},
		{name: "PlaceOrder/SQLMetacharacters", run: testSQLMetacharacters},
	}
}

// unicodeText exercises escaping in every encoding: markup characters,
// quotes, tabs, CR and LF, combining marks and astral-plane characters.
const unicodeText = "ünïcödé ✓ 日本語 <b>&amp;</b> \"quoted\" 'single' \t tab \r\n crlf 🚀 e\u0301"

func testPlaceOrder(t *testing.T, f *fixture) {
	const cust = 10
	req := service.PlaceOrderRequest{
		CustomerID: cust,
		Items: []service.LineItem{
			{SKU: "SKU-Ω-1", Quantity: 3, UnitPriceCents: 1999},
			{SKU: "SKU-<2>", Quantity: 1, UnitPriceCents: 0},
		},
		Note:      unicodeText,
		RequestID: "place-1",
	}
	got, err := f.client.PlaceOrder(callCtx(t), req)
	if err != nil {
		t.Fatalf("PlaceOrder: %v", err)
	}
	want := service.Order{ID: got.ID, CustomerID: cust, Status: service.StatusPending, Items: req.Items,
		TotalCents: 3 * 1999, Note: req.Note, CreatedAt: got.CreatedAt}
	wantOrders(t, []service.Order{got}, []service.Order{want})
	if got.ID <= 0 || !recent(got.CreatedAt) {
		t.Fatalf("order id %d created at %v: want a positive id and a recent time", got.ID, got.CreatedAt)
	}
	all, _ := listAll(t, f.client, cust, 100)
	seeded := ordersOf(f.ds, cust)
	wantOrders(t, all, append(seeded, got))
}

func testIdempotent(t *testing.T, f *fixture) {
	const cust = 11
	req := service.PlaceOrderRequest{CustomerID: cust, Items: []service.LineItem{{SKU: "A", Quantity: 2, UnitPriceCents: 500}}, Note: "twice", RequestID: "idem-1"}
	first, err := f.client.PlaceOrder(callCtx(t), req)
	if err != nil {
		t.Fatalf("first PlaceOrder: %v", err)
	}
	for i := range 3 {
		again, err := f.client.PlaceOrder(callCtx(t), req)
		if err != nil {
			t.Fatalf("retry %d: %v", i, err)
		}
		wantOrders(t, []service.Order{again}, []service.Order{first})
	}
	all, _ := listAll(t, f.client, cust, 100)
	if want := len(ordersOf(f.ds, cust)) + 1; len(all) != want {
		t.Fatalf("after retries the customer has %d orders, want %d", len(all), want)
	}
}

func testConflict(t *testing.T, f *fixture) {
	req := service.PlaceOrderRequest{CustomerID: 12, Items: []service.LineItem{{SKU: "A", Quantity: 1, UnitPriceCents: 100}}, RequestID: "conf-1"}
	if _, err := f.client.PlaceOrder(callCtx(t), req); err != nil {
		t.Fatalf("PlaceOrder: %v", err)
	}
	variants := map[string]func(r *service.PlaceOrderRequest){
		"other note": func(r *service.PlaceOrderRequest) { r.Note = "changed" },
		"other quantity": func(r *service.PlaceOrderRequest) {
			r.Items = []service.LineItem{{SKU: "A", Quantity: 2, UnitPriceCents: 100}}
		},
		"other customer": func(r *service.PlaceOrderRequest) { r.CustomerID = 13 },
	}
	for name, change := range variants {
		r := req
		change(&r)
		if _, err := f.client.PlaceOrder(callCtx(t), r); !errors.Is(err, service.ErrConflict) {
			t.Errorf("%s: error %v, want %v", name, err, service.ErrConflict)
		}
	}
}

func testPlaceInvalid(t *testing.T, f *fixture) {
	item := service.LineItem{SKU: "A", Quantity: 1, UnitPriceCents: 100}
	many := make([]service.LineItem, service.MaxItems+1)
	for i := range many {
		many[i] = item
	}
	tests := []struct {
		name string
		req  service.PlaceOrderRequest
		want error
	}{
		{"no items", service.PlaceOrderRequest{CustomerID: 14, RequestID: "i1"}, service.ErrInvalidArgument},
		{"quantity 0", service.PlaceOrderRequest{CustomerID: 14, RequestID: "i2", Items: []service.LineItem{{SKU: "A", Quantity: 0, UnitPriceCents: 1}}}, service.ErrInvalidArgument},
		{"quantity negative", service.PlaceOrderRequest{CustomerID: 14, RequestID: "i3", Items: []service.LineItem{{SKU: "A", Quantity: -2, UnitPriceCents: 1}}}, service.ErrInvalidArgument},
		{"negative price", service.PlaceOrderRequest{CustomerID: 14, RequestID: "i4", Items: []service.LineItem{{SKU: "A", Quantity: 1, UnitPriceCents: -1}}}, service.ErrInvalidArgument},
		{"empty sku", service.PlaceOrderRequest{CustomerID: 14, RequestID: "i5", Items: []service.LineItem{{Quantity: 1}}}, service.ErrInvalidArgument},
		{"too many items", service.PlaceOrderRequest{CustomerID: 14, RequestID: "i6", Items: many}, service.ErrInvalidArgument},
		{"empty request id", service.PlaceOrderRequest{CustomerID: 14, Items: []service.LineItem{item}}, service.ErrInvalidArgument},
		{"note too long", service.PlaceOrderRequest{CustomerID: 14, RequestID: "i7", Items: []service.LineItem{item}, Note: strings.Repeat("x", service.MaxNoteBytes+1)}, service.ErrInvalidArgument},
		{"control character", service.PlaceOrderRequest{CustomerID: 14, RequestID: "i8", Items: []service.LineItem{item}, Note: "bell\x07"}, service.ErrInvalidArgument},
		{"invalid utf-8", service.PlaceOrderRequest{CustomerID: 14, RequestID: "i9", Items: []service.LineItem{item}, Note: "bad \xff\xfe"}, service.ErrInvalidArgument},
		{"customer 0", service.PlaceOrderRequest{CustomerID: 0, RequestID: "i10", Items: []service.LineItem{item}}, service.ErrInvalidArgument},
		{"unknown customer", service.PlaceOrderRequest{CustomerID: int64(len(f.ds.Customers)) + 1, RequestID: "i11", Items: []service.LineItem{item}}, service.ErrNotFound},
	}
	for _, tt := range tests {
		if _, err := f.client.PlaceOrder(callCtx(t), tt.req); !errors.Is(err, tt.want) {
			t.Errorf("%s: error %v, want %v", tt.name, err, tt.want)
		}
	}
	all, _ := listAll(t, f.client, 14, 100)
	if want := len(ordersOf(f.ds, 14)); len(all) != want {
		t.Fatalf("rejected orders were stored: customer has %d orders, want %d", len(all), want)
	}
}

func testLargeNote(t *testing.T, f *fixture) {
	note := strings.Repeat("é", service.MaxNoteBytes/2) // exactly 1 MiB of 2-byte runes
	req := service.PlaceOrderRequest{CustomerID: 15, Items: []service.LineItem{{SKU: "BIG", Quantity: 1, UnitPriceCents: 1}}, Note: note, RequestID: "large-1"}
	got, err := f.client.PlaceOrder(callCtx(t), req)
	if err != nil {
		t.Fatalf("PlaceOrder with a %d-byte note: %v", len(note), err)
	}
	if got.Note != note {
		t.Fatalf("note came back as %d bytes, want %d identical bytes", len(got.Note), len(note))
	}
	all, _ := listAll(t, f.client, 15, 10)
	if last := all[len(all)-1]; last.ID != got.ID || last.Note != note {
		t.Fatalf("listed order %d has a %d-byte note, want order %d with the %d-byte note", last.ID, len(last.Note), got.ID, len(note))
	}
}

func testConcurrentWriters(t *testing.T, f *fixture) {
	const (
		cust    = 20
		workers = 16
		each    = 8
	)
	var wg sync.WaitGroup
	errs := make(chan error, workers*(each+1))
	for w := range workers {
		wg.Go(func() {
			for i := range each {
				req := service.PlaceOrderRequest{CustomerID: cust, RequestID: fmt.Sprintf("cw-%d-%d", w, i),
					Items: []service.LineItem{{SKU: "C", Quantity: int32(w + 1), UnitPriceCents: int64(100 + i)}}}
				if _, err := f.client.PlaceOrder(callCtx(t), req); err != nil {
					errs <- fmt.Errorf("worker %d order %d: %w", w, i, err)
				}
			}
			// A retry of the first write must not create another order.
			req := service.PlaceOrderRequest{CustomerID: cust, RequestID: fmt.Sprintf("cw-%d-0", w),
				Items: []service.LineItem{{SKU: "C", Quantity: int32(w + 1), UnitPriceCents: 100}}}
			if _, err := f.client.PlaceOrder(callCtx(t), req); err != nil {
				errs <- fmt.Errorf("worker %d retry: %w", w, err)
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	all, _ := listAll(t, f.client, cust, 50)
	seeded := len(ordersOf(f.ds, cust))
	if len(all) != seeded+workers*each {
		t.Fatalf("customer has %d orders, want %d", len(all), seeded+workers*each)
	}
	var total, want int64
	seen := map[int64]bool{}
	for _, o := range all[seeded:] {
		total += o.TotalCents
		if seen[o.ID] {
			t.Fatalf("order id %d listed twice", o.ID)
		}
		seen[o.ID] = true
	}
	for w := range workers {
		for i := range each {
			want += int64(w+1) * int64(100+i)
		}
	}
	if total != want {
		t.Fatalf("new orders total %d cents, want %d", total, want)
	}
}

// sqlText is SQL that would do harm if any layer pasted text into a
// statement: quotes of both kinds, comment and statement ends, escapes,
// placeholders, LIKE wildcards, dollar quoting and a type cast.
var sqlText = []string{
	`'; DROP TABLE orders; --`,
	`" OR "1"="1`,
	`\'); DELETE FROM customers WHERE ('1'='1`,
	`$1 $$ $tag$ %_ \% ::text /* */ E'\x41'`,
}

// testSQLMetacharacters sends SQL through every text field of the
// contract (SKUs, note, request ID, cursor) and reads it back unchanged:
// statements are parameterised in the shared database's consumer and
// the PostgreSQL store alike, so text is only ever data.
func testSQLMetacharacters(t *testing.T, f *fixture) {
	const cust = 16
	var placed []service.Order
	for i, s := range sqlText {
		req := service.PlaceOrderRequest{CustomerID: cust, Note: strings.Repeat(s, 3),
			Items:     []service.LineItem{{SKU: s, Quantity: 1, UnitPriceCents: 7}, {SKU: "plain", Quantity: 2, UnitPriceCents: 1}},
			RequestID: fmt.Sprintf("%d %s", i, s)}
		got, err := f.client.PlaceOrder(callCtx(t), req)
		if err != nil {
			t.Fatalf("PlaceOrder with %q: %v", s, err)
		}
		want := service.Order{ID: got.ID, CustomerID: cust, Status: service.StatusPending, Items: req.Items,
			TotalCents: 9, Note: req.Note, CreatedAt: got.CreatedAt}
		wantOrders(t, []service.Order{got}, []service.Order{want})
		// The same request ID again is the same order: it was stored as given.
		again, err := f.client.PlaceOrder(callCtx(t), req)
		if err != nil || again.ID != got.ID {
			t.Fatalf("retry with request ID %q: order %d, %v; want order %d", req.RequestID, again.ID, err, got.ID)
		}
		placed = append(placed, got)
	}
	all, _ := listAll(t, f.client, cust, 100)
	wantOrders(t, all, append(ordersOf(f.ds, cust), placed...))
	for _, s := range sqlText {
		_, err := f.client.ListOrders(callCtx(t), service.ListOrdersRequest{CustomerID: cust, Limit: 5, Cursor: s})
		if !errors.Is(err, service.ErrInvalidArgument) {
			t.Errorf("ListOrders with cursor %q: %v, want %v", s, err, service.ErrInvalidArgument)
		}
	}
	if _, err := f.client.GetCustomer(callCtx(t), 1); err != nil {
		t.Fatalf("GetCustomer after SQL in every field: %v", err)
	}
}
