package restkit

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/intbench/intbench/evolution"
	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/transports/rest"
)

var placeReq = service.PlaceOrderRequest{CustomerID: 3, Note: "links", RequestID: "links-1",
	Items: []service.LineItem{{SKU: "SKU-1", Quantity: 2, UnitPriceCents: 150}}}

// session makes the calls the clients are compared on: what each
// recorded, and its error's kind.
func session(ctx context.Context, c evolution.Client) (recs []evolution.Record, kinds []service.Kind) {
	add := func(r evolution.Record, err error) {
		delete(r, "order.CreatedAt")
		recs, kinds = append(recs, r), append(kinds, service.KindOf(err))
	}
	add(c.GetCustomer(ctx, 1))
	add(c.GetCustomer(ctx, 999))
	add(c.ListOrders(ctx, 1, 10))
	add(c.ListOrders(ctx, 999, 10))
	add(c.PlaceOrder(ctx, placeReq))
	return recs, kinds
}

// The links client, and a v2 client of a contract that changes nothing,
// record what the pattern's own client records, error kinds included,
// against the v1 server.
func TestClientsDecodeAsTheOwnClient(t *testing.T) {
	dials := map[string]func(context.Context, string) (evolution.Client, error){
		"own": evolution.V1(rest.New()).Dial, "links": DialLinks,
		"v2": NewSide(Adapter{}, Contract[Customer, Order]{}).Dial,
	}
	recs, kinds := map[string][]evolution.Record{}, map[string][]service.Kind{}
	for name, dial := range dials {
		c, err := dial(testCtx(t), serveV1(t, memory(t)))
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		recs[name], kinds[name] = session(testCtx(t), c)
	}
	for _, name := range []string{"links", "v2"} {
		for i := range kinds["own"] {
			if kinds["own"][i] != kinds[name][i] {
				t.Errorf("%s, call %d: kind %v, the own client's %v", name, i, kinds[name][i], kinds["own"][i])
			} else if d := evolution.Diff(recs["own"][i], recs[name][i]); kinds["own"][i] == service.KindOK && len(d) > 0 {
				t.Errorf("%s, call %d: %s", name, i, strings.Join(d, "; "))
			}
		}
	}
}

// The links client goes where the customer's orders link says, query
// included, and builds no orders URL of its own.
func TestLinksClientFollowsTheOrdersLink(t *testing.T) {
	to := func(r *http.Request) (*url.URL, error) {
		if r.URL.Query().Get("via") != "link" {
			return nil, service.Errorf(service.KindInvalidArgument, "the link's query was lost")
		}
		return &url.URL{Path: OrdersPath(3), RawQuery: "limit=" + r.URL.Query().Get("limit")}, nil
	}
	a := Adapter{
		Routes: map[string]Route{
			"GET /elsewhere":              {Op: OpPage, To: to},
			"POST /elsewhere":             {Op: OpPlace, To: to},
			"GET /customers/{id}/orders":  {Gone: true},
			"POST /customers/{id}/orders": {Gone: true},
		},
		Responses: map[Op]Transform{OpCustomer: func(doc Object) error { return doc.SetLink("orders", "/elsewhere?via=link") }},
	}
	c, err := DialLinks(testCtx(t), serveV2(t, a, memory(t)))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if p, err := c.ListOrders(testCtx(t), 3, 2); err != nil || p["page.Orders.len"] != "2" {
		t.Errorf("list through the link: %v, %v; want a page of 2", p, err)
	}
	if o, err := c.PlaceOrder(testCtx(t), placeReq); err != nil || o["order.CustomerID"] != "3" {
		t.Errorf("place through the link: %v, %v", o, err)
	}
}
