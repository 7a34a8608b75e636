package rest

import (
	"fmt"
	"net/url"
	"strconv"
	"time"

	"github.com/intbench/intbench/service"
)

// timeLayout is RFC 3339 with exactly six fractional digits: the contract's
// microsecond precision, always written the same way.
const timeLayout = "2006-01-02T15:04:05.000000Z07:00"

// jsonTime is a time on the wire: a string in timeLayout, in UTC.
type jsonTime time.Time

// MarshalText formats t in UTC with microseconds.
func (t jsonTime) MarshalText() ([]byte, error) {
	return time.Time(t).UTC().AppendFormat(make([]byte, 0, len(timeLayout)), timeLayout), nil
}

// UnmarshalText parses any RFC 3339 time and converts it to UTC.
func (t *jsonTime) UnmarshalText(b []byte) error {
	v, err := time.Parse(time.RFC3339Nano, string(b))
	if err != nil {
		return fmt.Errorf("rest: time %q is not RFC 3339: %w", b, err)
	}
	*t = jsonTime(v.UTC())
	return nil
}

// customerJSON is a customer without links, as the client decodes it.
type customerJSON struct {
	ID        int64        `json:"id"`
	Name      string       `json:"name"`
	Email     string       `json:"email"`
	Tier      service.Tier `json:"tier"`
	CreatedAt jsonTime     `json:"created_at"`
	Tags      []string     `json:"tags"`
}

type itemJSON struct {
	SKU            string `json:"sku"`
	Quantity       int32  `json:"quantity"`
	UnitPriceCents int64  `json:"unit_price_cents"`
}

// orderJSON is an order without links, as the client decodes it.
type orderJSON struct {
	ID         int64          `json:"id"`
	CustomerID int64          `json:"customer_id"`
	Status     service.Status `json:"status"`
	Items      []itemJSON     `json:"items"`
	TotalCents int64          `json:"total_cents"`
	Note       string         `json:"note"`
	CreatedAt  jsonTime       `json:"created_at"`
}

// pageJSON is a page of orders without links, as the client decodes it.
type pageJSON struct {
	Orders     []orderJSON `json:"orders"`
	NextCursor string      `json:"next_cursor,omitempty"`
}

// placeOrderJSON is the body of POST /customers/{id}/orders.
type placeOrderJSON struct {
	Items []itemJSON `json:"items"`
	Note  string     `json:"note,omitempty"`
}

// errorDoc is the body of every error response.
type errorDoc struct {
	Error errorJSON `json:"error"`
}

type errorJSON struct {
	Kind    string `json:"kind"`
	Message string `json:"message"`
}

// link is a HAL link object.
type link struct {
	Href string `json:"href"`
}

// customerDoc is the customer representation the server sends.
type customerDoc struct {
	customerJSON
	Links struct {
		Self   link `json:"self"`
		Orders link `json:"orders"`
	} `json:"_links"`
}

// orderDoc is the placed order the server sends.
type orderDoc struct {
	orderJSON
	Links struct {
		Customer link `json:"customer"`
	} `json:"_links"`
}

// pageDoc is the page of orders the server sends.
type pageDoc struct {
	pageJSON
	Links struct {
		Self     link  `json:"self"`
		Next     *link `json:"next,omitempty"`
		Customer link  `json:"customer"`
	} `json:"_links"`
}

// customerPath returns /customers/{id}.
func customerPath(id int64) string {
	return "/customers/" + strconv.FormatInt(id, 10)
}

// ordersPath returns /customers/{id}/orders.
func ordersPath(id int64) string { return customerPath(id) + "/orders" }

// pagePath returns the URL path and query of one page of orders.
func pagePath(id int64, limit int32, cursor string) string {
	p := ordersPath(id) + "?limit=" + strconv.FormatInt(int64(limit), 10)
	if cursor != "" {
		p += "&cursor=" + url.QueryEscape(cursor)
	}
	return p
}

func customerToWire(c *service.Customer) customerJSON {
	tags := c.Tags
	if tags == nil {
		tags = []string{} // [] rather than null for JSON consumers
	}
	return customerJSON{ID: c.ID, Name: c.Name, Email: c.Email, Tier: c.Tier, CreatedAt: jsonTime(c.CreatedAt), Tags: tags}
}

func customerFromWire(c *customerJSON) service.Customer {
	return service.Customer{ID: c.ID, Name: c.Name, Email: c.Email, Tier: c.Tier, CreatedAt: time.Time(c.CreatedAt), Tags: c.Tags}
}

func itemsToWire(items []service.LineItem) []itemJSON {
	out := make([]itemJSON, len(items))
	for i, it := range items {
		out[i] = itemJSON(it)
	}
	return out
}

func itemsFromWire(items []itemJSON) []service.LineItem {
	if len(items) == 0 {
		return nil
	}
	out := make([]service.LineItem, len(items))
	for i, it := range items {
		out[i] = service.LineItem(it)
	}
	return out
}

func orderToWire(o *service.Order) orderJSON {
	return orderJSON{ID: o.ID, CustomerID: o.CustomerID, Status: o.Status, Items: itemsToWire(o.Items),
		TotalCents: o.TotalCents, Note: o.Note, CreatedAt: jsonTime(o.CreatedAt)}
}

func orderFromWire(o *orderJSON) service.Order {
	return service.Order{ID: o.ID, CustomerID: o.CustomerID, Status: o.Status, Items: itemsFromWire(o.Items),
		TotalCents: o.TotalCents, Note: o.Note, CreatedAt: time.Time(o.CreatedAt)}
}

// pageToWire converts a page, with the items of all orders in one
// allocation.
func pageToWire(p *service.OrderPage) pageJSON {
	n := 0
	for i := range p.Orders {
		n += len(p.Orders[i].Items)
	}
	items := make([]itemJSON, n)
	out := pageJSON{Orders: make([]orderJSON, len(p.Orders)), NextCursor: p.NextCursor}
	for i := range p.Orders {
		o := &p.Orders[i]
		w := &out.Orders[i]
		*w = orderJSON{ID: o.ID, CustomerID: o.CustomerID, Status: o.Status, TotalCents: o.TotalCents,
			Note: o.Note, CreatedAt: jsonTime(o.CreatedAt)}
		w.Items, items = items[:len(o.Items):len(o.Items)], items[len(o.Items):]
		for j, it := range o.Items {
			w.Items[j] = itemJSON(it)
		}
	}
	return out
}

// pageFromWire converts a page, with the items of all orders in one
// allocation.
func pageFromWire(p *pageJSON) service.OrderPage {
	page := service.OrderPage{NextCursor: p.NextCursor}
	if len(p.Orders) == 0 {
		return page
	}
	n := 0
	for i := range p.Orders {
		n += len(p.Orders[i].Items)
	}
	items := make([]service.LineItem, n)
	page.Orders = make([]service.Order, len(p.Orders))
	for i := range p.Orders {
		w := &p.Orders[i]
		o := &page.Orders[i]
		*o = service.Order{ID: w.ID, CustomerID: w.CustomerID, Status: w.Status, TotalCents: w.TotalCents,
			Note: w.Note, CreatedAt: time.Time(w.CreatedAt)}
		if len(w.Items) > 0 {
			o.Items, items = items[:len(w.Items):len(w.Items)], items[len(w.Items):]
			for j, it := range w.Items {
				o.Items[j] = service.LineItem(it)
			}
		}
	}
	return page
}
