package grpctransport

import (
	"reflect"
	"testing"
	"time"

	"github.com/intbench/intbench/service"
)

func TestConvertRoundTrip(t *testing.T) {
	times := []time.Time{
		{}, // zero time
		time.Date(1969, 12, 31, 23, 59, 59, 999_999_000, time.UTC),
		time.Date(2024, 2, 29, 12, 0, 0, 1000, time.UTC),
		time.Date(9999, 12, 31, 23, 59, 59, 999_999_000, time.UTC),
		time.Now().UTC().Truncate(time.Microsecond),
	}
	tiers := []service.Tier{service.TierBasic, service.TierGold, service.TierPlatinum}
	statuses := []service.Status{service.StatusPending, service.StatusPaid, service.StatusShipped, service.StatusCancelled}
	for i, ts := range times {
		c := service.Customer{ID: int64(i + 1), Name: "Ünï", Email: "a@b", Tier: tiers[i%len(tiers)], CreatedAt: ts, Tags: []string{"x", "y"}}
		if got := customerFromPB(customerToPB(c)); !reflect.DeepEqual(got, c) {
			t.Errorf("customer %v came back as %v", c, got)
		}
		o := service.Order{ID: int64(i + 1), CustomerID: 3, Status: statuses[i%len(statuses)], TotalCents: 42, Note: "n", CreatedAt: ts,
			Items: []service.LineItem{{SKU: "A", Quantity: 2, UnitPriceCents: 21}}}
		if got := orderFromPB(orderToPB(o)); !reflect.DeepEqual(got, o) {
			t.Errorf("order %v came back as %v", o, got)
		}
	}
	page := service.OrderPage{NextCursor: "o9", Orders: []service.Order{
		{ID: 1, Status: service.StatusPaid, CreatedAt: times[2], Items: []service.LineItem{{SKU: "A", Quantity: 1}, {SKU: "B", Quantity: 2}}},
		{ID: 2, Status: service.StatusShipped, CreatedAt: times[3]},
		{ID: 3, Status: service.StatusCancelled, CreatedAt: times[1], Items: []service.LineItem{{SKU: "C", Quantity: 3}}},
	}}
	if got := pageFromPB(pageToPB(page)); !reflect.DeepEqual(got, page) {
		t.Errorf("page %v came back as %v", page, got)
	}
	req := service.PlaceOrderRequest{CustomerID: 4, RequestID: "r", Note: "n", Items: []service.LineItem{{SKU: "A", Quantity: 1, UnitPriceCents: 3}}}
	if got := placeFromPB(placeToPB(req)); !reflect.DeepEqual(got, req) {
		t.Errorf("request %v came back as %v", req, got)
	}
}
