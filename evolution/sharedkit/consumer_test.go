package sharedkit

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/intbench/intbench/evolution"
	"github.com/intbench/intbench/evolution/sharedkit/sharedkittest"
	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/transports/shareddb"
)

func testCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	t.Cleanup(cancel)
	return ctx
}

// TestConsumer runs the consumer's tests on one cluster.
func TestConsumer(t *testing.T) {
	cl := sharedkittest.Cluster(t)
	database := func(t *testing.T) string {
		url, _ := sharedkittest.Database(t, cl, "")
		return url
	}
	t.Run("v1 schema decodes as the v1 consumer", func(t *testing.T) { testV1SchemaDecodesAsTheV1Consumer(t, database) })
	t.Run("place order is idempotent", func(t *testing.T) { testPlaceOrderIsIdempotent(t, database(t)) })
	t.Run("start fails on a statement the schema cannot run", func(t *testing.T) { testStartFails(t, database(t)) })
	t.Run("placed order is read back", func(t *testing.T) { testPlacedReadBack(t, database(t)) })
}

var placeReq = service.PlaceOrderRequest{CustomerID: 3, Note: "kit", RequestID: "kit-1",
	Items: []service.LineItem{{SKU: "SKU-1", Quantity: 2, UnitPriceCents: 150}, {SKU: "SKU-2", Quantity: 1, UnitPriceCents: 99}}}

// ops are the operations the consumers are compared on.
var ops = []struct {
	name string
	do   func(context.Context, evolution.Client) (evolution.Record, error)
}{
	{"get-customer", func(ctx context.Context, c evolution.Client) (evolution.Record, error) { return c.GetCustomer(ctx, 1) }},
	{"get-unknown", func(ctx context.Context, c evolution.Client) (evolution.Record, error) {
		return c.GetCustomer(ctx, 999)
	}},
	{"list-orders", func(ctx context.Context, c evolution.Client) (evolution.Record, error) {
		return c.ListOrders(ctx, 1, 10)
	}},
	{"list-unknown", func(ctx context.Context, c evolution.Client) (evolution.Record, error) {
		return c.ListOrders(ctx, 999, 10)
	}},
	{"place-order", func(ctx context.Context, c evolution.Client) (evolution.Record, error) {
		return c.PlaceOrder(ctx, placeReq)
	}},
}

// testV1SchemaDecodesAsTheV1Consumer: a consumer of the kit written
// against the v1 schema reads and writes what the v1 consumer
// (transports/shareddb) does, error kinds included, so that a change's
// v2 consumer differs from v1's only by the change.
func testV1SchemaDecodesAsTheV1Consumer(t *testing.T, database func(*testing.T) string) {
	sides := map[string]evolution.Side{"v1": evolution.V1(shareddb.New()), "kit": Side(V1())}
	got := map[string][]evolution.Record{}
	kinds := map[string][]service.Kind{}
	for name, s := range sides {
		c, err := s.Dial(testCtx(t), database(t))
		if err != nil {
			t.Fatal(err)
		}
		for _, op := range ops {
			rec, err := op.do(testCtx(t), c)
			delete(rec, "order.CreatedAt")
			got[name] = append(got[name], rec)
			kinds[name] = append(kinds[name], service.KindOf(err))
		}
		if err := c.Close(); err != nil {
			t.Fatal(err)
		}
	}
	for i, op := range ops {
		if kinds["v1"][i] != kinds["kit"][i] {
			t.Errorf("%s: kind %v, the v1 consumer's %v", op.name, kinds["kit"][i], kinds["v1"][i])
		}
		if kinds["v1"][i] == service.KindOK {
			if d := evolution.Diff(got["v1"][i], got["kit"][i]); len(d) > 0 {
				t.Errorf("%s differs from the v1 consumer's: %s", op.name, strings.Join(d, "; "))
			}
		}
	}
}

// testPlaceOrderIsIdempotent: the same request ID places one order; with
// another body it is a Conflict.
func testPlaceOrderIsIdempotent(t *testing.T, url string) {
	c, err := Side(V1()).Dial(testCtx(t), url)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	first, err := c.PlaceOrder(testCtx(t), placeReq)
	if err != nil {
		t.Fatal(err)
	}
	again, err := c.PlaceOrder(testCtx(t), placeReq)
	if err != nil || again["order.ID"] != first["order.ID"] {
		t.Fatalf("the same request again: order %s, %v; want order %s", again["order.ID"], err, first["order.ID"])
	}
	other := placeReq
	other.Note = "another"
	if _, err := c.PlaceOrder(testCtx(t), other); !errors.Is(err, service.ErrConflict) {
		t.Fatalf("the same request ID with another body: %v, want Conflict", err)
	}
}

// testStartFails: like the v1 consumer, a
// consumer prepares its statements when it starts, and names the one
// that fails.
func testStartFails(t *testing.T, url string) {
	s := V1()
	s.Statements = Layout{Orders: "sales.orders", LineItems: "sales.line_items"}.Statements()
	_, err := Side(s).Dial(testCtx(t), url)
	if err == nil || !strings.Contains(err.Error(), "prepare orders") || !errors.Is(err, service.ErrInternal) {
		t.Fatalf("start over a schema without sales.orders: %v, want an Internal error naming the statement", err)
	}
}

// placedNote is a consumer's placed order with a column read back.
type placedNote struct {
	service.Order
	Stored string
}

// testPlacedReadBack: a Schema's PlacedQuery completes the placed order
// from its row, new or redelivered; one the schema cannot run fails the
// consumer's start.
func testPlacedReadBack(t *testing.T, url string) {
	s := V1()
	s.Placed = PlacedQuery{SQL: `SELECT note FROM orders WHERE id = $1`, Scan: func(row *sql.Row, o any) (any, error) {
		p := placedNote{Order: o.(service.Order)}
		return p, row.Scan(&p.Stored)
	}}
	c, err := Side(s).Dial(testCtx(t), url)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	for _, try := range []string{"new", "redelivered"} {
		rec, err := c.PlaceOrder(testCtx(t), placeReq)
		if err != nil || rec["order.Stored"] != placeReq.Note || rec["order.Order.Note"] != placeReq.Note {
			t.Fatalf("%s: %v, %v; want Stored and Note %q", try, rec, err, placeReq.Note)
		}
	}
	s.Placed.SQL = `SELECT currency FROM orders WHERE id = $1`
	if _, err := Side(s).Dial(testCtx(t), url); err == nil || !strings.Contains(err.Error(), "prepare placed order") {
		t.Fatalf("start with a placed query the schema cannot run: %v, want an error naming it", err)
	}
}
