package grpctransport

import (
	"time"

	"github.com/intbench/intbench/service"
	pb "github.com/intbench/intbench/transports/grpc/gen/ordersv1"
)

// Times are microseconds since the Unix epoch; the contract's times are
// UTC with microsecond precision, so the conversion is exact.

func toMicros(t time.Time) int64 { return t.UnixMicro() }

func fromMicros(us int64) time.Time { return time.UnixMicro(us).UTC() }

func tierToPB(t service.Tier) pb.Tier {
	switch t {
	case service.TierBasic:
		return pb.Tier_TIER_BASIC
	case service.TierGold:
		return pb.Tier_TIER_GOLD
	case service.TierPlatinum:
		return pb.Tier_TIER_PLATINUM
	default:
		return pb.Tier_TIER_UNSPECIFIED
	}
}

func tierFromPB(t pb.Tier) service.Tier {
	switch t {
	case pb.Tier_TIER_BASIC:
		return service.TierBasic
	case pb.Tier_TIER_GOLD:
		return service.TierGold
	case pb.Tier_TIER_PLATINUM:
		return service.TierPlatinum
	default:
		return ""
	}
}

func statusToPB(s service.Status) pb.Status {
	switch s {
	case service.StatusPending:
		return pb.Status_STATUS_PENDING
	case service.StatusPaid:
		return pb.Status_STATUS_PAID
	case service.StatusShipped:
		return pb.Status_STATUS_SHIPPED
	case service.StatusCancelled:
		return pb.Status_STATUS_CANCELLED
	default:
		return pb.Status_STATUS_UNSPECIFIED
	}
}

func statusFromPB(s pb.Status) service.Status {
	switch s {
	case pb.Status_STATUS_PENDING:
		return service.StatusPending
	case pb.Status_STATUS_PAID:
		return service.StatusPaid
	case pb.Status_STATUS_SHIPPED:
		return service.StatusShipped
	case pb.Status_STATUS_CANCELLED:
		return service.StatusCancelled
	default:
		return ""
	}
}

func customerToPB(c service.Customer) *pb.Customer {
	return &pb.Customer{
		Id:                  c.ID,
		Name:                c.Name,
		Email:               c.Email,
		Tier:                tierToPB(c.Tier),
		CreatedAtUnixMicros: toMicros(c.CreatedAt),
		Tags:                c.Tags,
	}
}

func customerFromPB(c *pb.Customer) service.Customer {
	return service.Customer{
		ID:        c.GetId(),
		Name:      c.GetName(),
		Email:     c.GetEmail(),
		Tier:      tierFromPB(c.GetTier()),
		CreatedAt: fromMicros(c.GetCreatedAtUnixMicros()),
		Tags:      c.GetTags(),
	}
}

// itemsToPB converts items with one allocation for all messages.
func itemsToPB(items []service.LineItem) []*pb.LineItem {
	if len(items) == 0 {
		return nil
	}
	slab := make([]pb.LineItem, len(items))
	out := make([]*pb.LineItem, len(items))
	for i, it := range items {
		m := &slab[i]
		m.Sku, m.Quantity, m.UnitPriceCents = it.SKU, it.Quantity, it.UnitPriceCents
		out[i] = m
	}
	return out
}

func itemsFromPB(items []*pb.LineItem) []service.LineItem {
	if len(items) == 0 {
		return nil
	}
	out := make([]service.LineItem, len(items))
	for i, it := range items {
		out[i] = service.LineItem{SKU: it.GetSku(), Quantity: it.GetQuantity(), UnitPriceCents: it.GetUnitPriceCents()}
	}
	return out
}

// fillOrder sets m from o; m is a fresh message.
func fillOrder(m *pb.Order, o service.Order) {
	m.Id = o.ID
	m.CustomerId = o.CustomerID
	m.Status = statusToPB(o.Status)
	m.Items = itemsToPB(o.Items)
	m.TotalCents = o.TotalCents
	m.Note = o.Note
	m.CreatedAtUnixMicros = toMicros(o.CreatedAt)
}

func orderToPB(o service.Order) *pb.Order {
	m := new(pb.Order)
	fillOrder(m, o)
	return m
}

func orderFromPB(o *pb.Order) service.Order {
	return service.Order{
		ID:         o.GetId(),
		CustomerID: o.GetCustomerId(),
		Status:     statusFromPB(o.GetStatus()),
		Items:      itemsFromPB(o.GetItems()),
		TotalCents: o.GetTotalCents(),
		Note:       o.GetNote(),
		CreatedAt:  fromMicros(o.GetCreatedAtUnixMicros()),
	}
}

// pageToPB converts a page with one allocation for all order messages.
func pageToPB(p service.OrderPage) *pb.ListOrdersResponse {
	resp := &pb.ListOrdersResponse{NextCursor: p.NextCursor}
	if len(p.Orders) == 0 {
		return resp
	}
	slab := make([]pb.Order, len(p.Orders))
	resp.Orders = make([]*pb.Order, len(p.Orders))
	for i, o := range p.Orders {
		fillOrder(&slab[i], o)
		resp.Orders[i] = &slab[i]
	}
	return resp
}

// pageFromPB converts a page with one allocation for all orders and one
// for all their line items.
func pageFromPB(r *pb.ListOrdersResponse) service.OrderPage {
	page := service.OrderPage{NextCursor: r.GetNextCursor()}
	orders := r.GetOrders()
	if len(orders) == 0 {
		return page
	}
	total := 0
	for _, o := range orders {
		total += len(o.GetItems())
	}
	items := make([]service.LineItem, total)
	page.Orders = make([]service.Order, len(orders))
	for i, o := range orders {
		n := len(o.GetItems())
		own := items[:n:n]
		items = items[n:]
		for j, it := range o.GetItems() {
			own[j] = service.LineItem{SKU: it.GetSku(), Quantity: it.GetQuantity(), UnitPriceCents: it.GetUnitPriceCents()}
		}
		if n == 0 {
			own = nil
		}
		page.Orders[i] = service.Order{
			ID:         o.GetId(),
			CustomerID: o.GetCustomerId(),
			Status:     statusFromPB(o.GetStatus()),
			Items:      own,
			TotalCents: o.GetTotalCents(),
			Note:       o.GetNote(),
			CreatedAt:  fromMicros(o.GetCreatedAtUnixMicros()),
		}
	}
	return page
}

func placeToPB(r service.PlaceOrderRequest) *pb.PlaceOrderRequest {
	return &pb.PlaceOrderRequest{
		CustomerId: r.CustomerID,
		Items:      itemsToPB(r.Items),
		Note:       r.Note,
		RequestId:  r.RequestID,
	}
}

func placeFromPB(r *pb.PlaceOrderRequest) service.PlaceOrderRequest {
	return service.PlaceOrderRequest{
		CustomerID: r.GetCustomerId(),
		Items:      itemsFromPB(r.GetItems()),
		Note:       r.GetNote(),
		RequestID:  r.GetRequestId(),
	}
}

func listToPB(r service.ListOrdersRequest) *pb.ListOrdersRequest {
	return &pb.ListOrdersRequest{CustomerId: r.CustomerID, Limit: r.Limit, Cursor: r.Cursor}
}

func listFromPB(r *pb.ListOrdersRequest) service.ListOrdersRequest {
	return service.ListOrdersRequest{CustomerID: r.GetCustomerId(), Limit: r.GetLimit(), Cursor: r.GetCursor()}
}
