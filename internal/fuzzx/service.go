package fuzzx

import (
	"context"

	"github.com/intbench/intbench/service"
)

// Data is the small data set behind Service: customer 1 has HeavyOrders
// orders (two default pages and a bit), the others OrdersPerCustomer. Its
// largest answer, a page of all of customer 1's orders, is a few
// kilobytes: the Fixed allowance of a server's budget covers it.
var Data = service.SeedConfig{Seed: 7, Customers: 4, OrdersPerCustomer: 2, HeavyCustomers: 1, HeavyOrders: 45}

// PlacedID is the ID of every order Service places.
const PlacedID = 1_000_001

// Service returns the reference core over Data, whose writes keep
// nothing (millions of fuzzed PlaceOrder calls would otherwise grow the
// store, and the budget with it) and whose placed orders all have
// PlacedID and service.SeedEpoch as their creation time, so that the
// same call always gets the same answer.
func Service() service.Service {
	return steady{service.NewCore(forgetful{service.NewMemoryStore(service.MustGenerate(Data))})}
}

// steady fixes what the core takes from the clock.
type steady struct{ *service.Core }

func (s steady) PlaceOrder(ctx context.Context, req service.PlaceOrderRequest) (service.Order, error) {
	o, err := s.Core.PlaceOrder(ctx, req)
	if err == nil {
		o.CreatedAt = service.SeedEpoch
	}
	return o, err
}

// forgetful is a MemoryStore whose CreateOrder checks the customer and
// stores nothing.
type forgetful struct{ *service.MemoryStore }

func (f forgetful) CreateOrder(ctx context.Context, o service.Order, _ string, fp []byte) (service.Order, []byte, bool, error) {
	if _, err := f.Customer(ctx, o.CustomerID); err != nil {
		return service.Order{}, nil, false, err
	}
	o.ID = PlacedID
	return o, fp, true, nil
}
