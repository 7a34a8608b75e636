package moveresource

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/intbench/intbench/evolution"
	"github.com/intbench/intbench/evolution/restkit"
	"github.com/intbench/intbench/service"
)

// restOrdersPath is v2's location of a customer's orders, where they are
// listed and placed.
func restOrdersPath(customerID int64) string {
	return "/orders?customer=" + strconv.FormatInt(customerID, 10)
}

// restAdapter is v2's contract: the orders answer at /orders?customer=ID,
// announced in the customer's _links.orders and in a page's links; the
// old location is gone (404 NotFound, as the v1 server answers any path
// it does not have: a redirect would be the provider keeping v1 alive,
// and v1's own client, like many, does not follow one).
var restAdapter = restkit.Adapter{
	Routes: map[string]restkit.Route{
		"GET /orders":                 {Op: restkit.OpPage, To: restToV1},
		"POST /orders":                {Op: restkit.OpPlace, To: restToV1},
		"GET /customers/{id}/orders":  {Gone: true},
		"POST /customers/{id}/orders": {Gone: true},
		"/customers/{id}/orders":      {Gone: true},
	},
	Responses: map[restkit.Op]restkit.Transform{restkit.OpCustomer: restLinkOrders, restkit.OpPage: restMovePageLinks},
}

func init() {
	side := restkit.NewSide(restAdapter, restkit.Contract[restkit.Customer, restkit.Order]{OrdersPath: restOrdersPath})
	evolution.RegisterVariant(Name, restkit.Pattern, evolution.Variant{Side: side})
}

// restToV1 returns the v1 URL of a request to /orders?customer=ID.
func restToV1(r *http.Request) (*url.URL, error) {
	q := r.URL.Query()
	id, err := strconv.ParseInt(q.Get("customer"), 10, 64)
	if err != nil {
		return nil, service.Errorf(service.KindInvalidArgument, "customer %.40q is not an integer", q.Get("customer"))
	}
	q.Del("customer")
	return &url.URL{Path: restkit.OrdersPath(id), RawQuery: q.Encode()}, nil
}

// restLinkOrders points a customer's orders link to v2's location.
func restLinkOrders(doc restkit.Object) error {
	id, err := doc.Int("id")
	if err != nil {
		return err
	}
	return doc.SetLink("orders", restOrdersPath(id))
}

// restMovePageLinks points a page's self and next links to v2's
// location, keeping their limit and cursor.
func restMovePageLinks(doc restkit.Object) error {
	for _, rel := range []string{"self", "next"} {
		href, err := doc.Link(rel)
		if err != nil {
			return err
		}
		if href == "" {
			continue
		}
		u, err := url.Parse(href)
		if err != nil {
			return err
		}
		id, ok := strings.CutSuffix(strings.TrimPrefix(u.Path, "/customers/"), "/orders")
		if !ok {
			return service.Errorf(service.KindInternal, "page link %q is not v1's", href)
		}
		q := u.Query()
		q.Set("customer", id)
		if err := doc.SetLink(rel, "/orders?"+q.Encode()); err != nil {
			return err
		}
	}
	return nil
}
