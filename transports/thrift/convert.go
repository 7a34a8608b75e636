package thrift

import (
	"time"

	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/transports/thrift/gen/orders"
)

// Times travel as microseconds since the Unix epoch.

func toMicros(t time.Time) int64 { return t.UnixMicro() }

func fromMicros(us int64) time.Time { return time.UnixMicro(us).UTC() }

var (
	tierToWire = map[service.Tier]orders.Tier{
		service.TierBasic: orders.Tier_BASIC, service.TierGold: orders.Tier_GOLD, service.TierPlatinum: orders.Tier_PLATINUM,
	}
	tierFromWire = map[orders.Tier]service.Tier{
		orders.Tier_BASIC: service.TierBasic, orders.Tier_GOLD: service.TierGold, orders.Tier_PLATINUM: service.TierPlatinum,
	}
	statusToWire = map[service.Status]orders.Status{
		service.StatusPending: orders.Status_PENDING, service.StatusPaid: orders.Status_PAID,
		service.StatusShipped: orders.Status_SHIPPED, service.StatusCancelled: orders.Status_CANCELLED,
	}
	statusFromWire = map[orders.Status]service.Status{
		orders.Status_PENDING: service.StatusPending, orders.Status_PAID: service.StatusPaid,
		orders.Status_SHIPPED: service.StatusShipped, orders.Status_CANCELLED: service.StatusCancelled,
	}
)

func toWireCustomer(c service.Customer) *orders.Customer {
	return &orders.Customer{
		ID:              c.ID,
		Name:            c.Name,
		Email:           c.Email,
		Tier:            tierToWire[c.Tier],
		CreatedAtMicros: toMicros(c.CreatedAt),
		Tags:            c.Tags,
	}
}

func fromWireCustomer(c *orders.Customer) (service.Customer, error) {
	tier, ok := tierFromWire[c.GetTier()]
	if !ok {
		return service.Customer{}, service.Errorf(service.KindInternal, "thrift: customer %d has unknown tier %d", c.GetID(), c.GetTier())
	}
	var tags []string
	if len(c.GetTags()) > 0 {
		tags = c.GetTags()
	}
	return service.Customer{
		ID:        c.GetID(),
		Name:      c.GetName(),
		Email:     c.GetEmail(),
		Tier:      tier,
		CreatedAt: fromMicros(c.GetCreatedAtMicros()),
		Tags:      tags,
	}, nil
}

func toWireItems(items []service.LineItem) []*orders.LineItem {
	out := make([]*orders.LineItem, len(items))
	backing := make([]orders.LineItem, len(items)) // one allocation, not one per item
	for i, it := range items {
		backing[i] = orders.LineItem{Sku: it.SKU, Quantity: it.Quantity, UnitPriceCents: it.UnitPriceCents}
		out[i] = &backing[i]
	}
	return out
}

func fromWireItems(items []*orders.LineItem) []service.LineItem {
	if len(items) == 0 {
		return nil
	}
	out := make([]service.LineItem, len(items))
	for i, it := range items {
		out[i] = service.LineItem{SKU: it.GetSku(), Quantity: it.GetQuantity(), UnitPriceCents: it.GetUnitPriceCents()}
	}
	return out
}

func toWireOrder(o service.Order) *orders.Order {
	return &orders.Order{
		ID:              o.ID,
		CustomerId:      o.CustomerID,
		Status:          statusToWire[o.Status],
		Items:           toWireItems(o.Items),
		TotalCents:      o.TotalCents,
		Note:            o.Note,
		CreatedAtMicros: toMicros(o.CreatedAt),
	}
}

func fromWireOrder(o *orders.Order) (service.Order, error) {
	status, ok := statusFromWire[o.GetStatus()]
	if !ok {
		return service.Order{}, service.Errorf(service.KindInternal, "thrift: order %d has unknown status %d", o.GetID(), o.GetStatus())
	}
	return service.Order{
		ID:         o.GetID(),
		CustomerID: o.GetCustomerId(),
		Status:     status,
		Items:      fromWireItems(o.GetItems()),
		TotalCents: o.GetTotalCents(),
		Note:       o.GetNote(),
		CreatedAt:  fromMicros(o.GetCreatedAtMicros()),
	}, nil
}

func fromWirePage(p *orders.OrderPage) (service.OrderPage, error) {
	page := service.OrderPage{NextCursor: p.GetNextCursor()}
	if len(p.GetOrders()) > 0 {
		page.Orders = make([]service.Order, len(p.GetOrders()))
	}
	for i, o := range p.GetOrders() {
		var err error
		if page.Orders[i], err = fromWireOrder(o); err != nil {
			return service.OrderPage{}, err
		}
	}
	return page, nil
}

func toWirePlaceOrder(r service.PlaceOrderRequest) *orders.PlaceOrderRequest {
	return &orders.PlaceOrderRequest{
		CustomerId: r.CustomerID,
		Items:      toWireItems(r.Items),
		Note:       r.Note,
		RequestId:  r.RequestID,
	}
}

func fromWirePlaceOrder(r *orders.PlaceOrderRequest) service.PlaceOrderRequest {
	return service.PlaceOrderRequest{
		CustomerID: r.GetCustomerId(),
		Items:      fromWireItems(r.GetItems()),
		Note:       r.GetNote(),
		RequestID:  r.GetRequestId(),
	}
}
