package pgstore

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"github.com/intbench/intbench/service"
)

// ledgerStore is a store with a write ledger.
type ledgerStore interface {
	service.Store
	service.LedgerReader
}

// ledgerStores opens a fresh store of each kind over the default seed: the
// ledger must mean the same in both.
var ledgerStores = []struct {
	name string
	open func(t *testing.T) ledgerStore
}{
	{"memory", func(*testing.T) ledgerStore {
		return service.NewMemoryStore(service.MustGenerate(service.DefaultSeed()))
	}},
	{"postgres", func(t *testing.T) ledgerStore { return newStore(t) }},
}

// placement is one PlaceOrder call. Calls with one ID and another note
// have another body: a Conflict.
type placement struct {
	id       string
	customer int64 // 0 means 7
	note     string
	wantErr  error
}

func (p placement) request() service.PlaceOrderRequest {
	customer := p.customer
	if customer == 0 {
		customer = 7
	}
	return service.PlaceOrderRequest{CustomerID: customer, RequestID: p.id, Note: p.note,
		Items: []service.LineItem{{SKU: "A", Quantity: 2, UnitPriceCents: 150}}}
}

func d(id string, deliveries int) service.Delivery {
	return service.Delivery{RequestID: id, Deliveries: deliveries, Executions: 1}
}

var ledgerTests = []struct {
	name    string
	calls   []placement
	ledgers map[string][]service.Delivery // by prefix
}{
	{
		name:    "first delivery",
		calls:   []placement{{id: "c1/1"}},
		ledgers: map[string][]service.Delivery{"c1/": {d("c1/1", 1)}},
	},
	{
		name:    "replays of the same body",
		calls:   []placement{{id: "c1/1"}, {id: "c1/1"}, {id: "c1/1"}},
		ledgers: map[string][]service.Delivery{"c1/": {d("c1/1", 3)}},
	},
	{
		// A Conflict reached the store, which counted it before Core
		// compared the bodies.
		name:    "conflict is a delivery",
		calls:   []placement{{id: "c1/1"}, {id: "c1/1", note: "other", wantErr: service.ErrConflict}, {id: "c1/1"}},
		ledgers: map[string][]service.Delivery{"c1/": {d("c1/1", 3)}},
	},
	{
		name:    "unknown customer stores and counts nothing",
		calls:   []placement{{id: "c1/1", customer: 99_999, wantErr: service.ErrNotFound}},
		ledgers: map[string][]service.Delivery{"c1/": nil, "": nil},
	},
	{
		name:  "prefix selects exactly its ids",
		calls: []placement{{id: "c1/1"}, {id: "c1/2"}, {id: "c1/2"}, {id: "c1"}, {id: "c10/1"}, {id: "c2/1"}},
		ledgers: map[string][]service.Delivery{
			"c1/": {d("c1/1", 1), d("c1/2", 2)},
			"c1":  {d("c1", 1), d("c1/1", 1), d("c1/2", 2), d("c10/1", 1)},
			"c3/": nil,
			"":    {d("c1", 1), d("c1/1", 1), d("c1/2", 2), d("c10/1", 1), d("c2/1", 1)},
		},
	},
	{
		// Each decoy matches the prefix read as an unescaped LIKE pattern.
		name: "LIKE metacharacters are literal",
		calls: []placement{
			{id: `a%b_c\`}, {id: `a%b_c\1`}, {id: `a%b_c\1`},
			{id: `a123b-c%`}, {id: `a%bXc\1`}, {id: `a%b_c`},
			{id: "%"}, {id: "%1"}, {id: "z1"}, {id: "_x"}, {id: "ax"}, {id: `\1`},
		},
		ledgers: map[string][]service.Delivery{
			`a%b_c\`: {d(`a%b_c\`, 1), d(`a%b_c\1`, 2)},
			"%":      {d("%", 1), d("%1", 1)},
			"_":      {d("_x", 1)},
			`\`:      {d(`\1`, 1)},
		},
	},
	{
		// ê follows é: a prefix range built on bytes must stop before it.
		name:  "multibyte prefix",
		calls: []placement{{id: "zé"}, {id: "zé1"}, {id: "zê1"}, {id: "ze1"}, {id: "zé\U0010FFFF"}},
		ledgers: map[string][]service.Delivery{
			"zé": {d("zé", 1), d("zé1", 1), d("zé\U0010FFFF", 1)},
		},
	},
}

func TestLedger(t *testing.T) {
	for _, st := range ledgerStores {
		for _, tt := range ledgerTests {
			t.Run(st.name+"/"+tt.name, func(t *testing.T) {
				s := st.open(t)
				core := service.NewCore(s)
				ctx := testCtx(t)
				for i, p := range tt.calls {
					if _, err := core.PlaceOrder(ctx, p.request()); !errors.Is(err, p.wantErr) || (err == nil) != (p.wantErr == nil) {
						t.Fatalf("call %d (%q): error %v, want %v", i, p.id, err, p.wantErr)
					}
				}
				for prefix, want := range tt.ledgers {
					got, err := s.Ledger(ctx, prefix)
					if err != nil {
						t.Fatalf("Ledger(%q): %v", prefix, err)
					}
					if !reflect.DeepEqual(got, want) {
						t.Errorf("Ledger(%q) =\n%v\nwant\n%v", prefix, got, want)
					}
				}
			})
		}
	}
}

// TestLedgerCountsExecutions breaks the uniqueness of request IDs and
// stores a second order under one: the ledger measures executions rather
// than assuming one.
func TestLedgerCountsExecutions(t *testing.T) {
	s := newStore(t)
	core := service.NewCore(s)
	ctx := testCtx(t)
	for range 2 {
		if _, err := core.PlaceOrder(ctx, placement{id: "x/1"}.request()); err != nil {
			t.Fatal(err)
		}
	}
	steps := []string{
		"ALTER TABLE orders DROP CONSTRAINT orders_request_id_key CASCADE",
		`INSERT INTO orders (customer_id, status, total_cents, note, created_at, request_id, request_fp)
		 SELECT customer_id, status, total_cents, note, created_at, request_id, request_fp FROM orders WHERE request_id = 'x/1'`,
	}
	for _, q := range steps {
		if _, err := s.DB().ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	got, err := s.Ledger(ctx, "x/")
	want := []service.Delivery{{RequestID: "x/1", Deliveries: 3, Executions: 2}}
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("Ledger = %v, %v; want %v", got, err, want)
	}
}

func TestLikePrefix(t *testing.T) {
	tests := []struct{ prefix, want string }{
		{"", "%"},
		{"cell-7/", "cell-7/%"},
		{`50%_off\`, `50\%\_off\\%`},
		{`\\%`, `\\\\\%%`},
	}
	for _, tt := range tests {
		if got := likePrefix(tt.prefix); got != tt.want {
			t.Errorf("likePrefix(%q) = %q, want %q", tt.prefix, got, tt.want)
		}
	}
}

func TestReadLedgerDeadline(t *testing.T) {
	s := newStore(t)
	ctx, cancel := context.WithCancel(testCtx(t))
	cancel()
	if _, err := ReadLedger(ctx, s.DB(), "x"); !errors.Is(err, service.ErrUnavailable) {
		t.Fatalf("ReadLedger with a cancelled context: %v, want ErrUnavailable", err)
	}
}
