package service

import (
	"context"
	"time"
)

// Tier is a customer's loyalty tier.
type Tier string

// The customer tiers.
const (
	TierBasic    Tier = "basic"
	TierGold     Tier = "gold"
	TierPlatinum Tier = "platinum"
)

// Valid reports whether t is one of the defined tiers.
func (t Tier) Valid() bool { return t == TierBasic || t == TierGold || t == TierPlatinum }

// Status is an order's life-cycle state.
type Status string

// The order statuses.
const (
	StatusPending   Status = "pending"
	StatusPaid      Status = "paid"
	StatusShipped   Status = "shipped"
	StatusCancelled Status = "cancelled"
)

// Valid reports whether s is one of the defined statuses.
func (s Status) Valid() bool {
	return s == StatusPending || s == StatusPaid || s == StatusShipped || s == StatusCancelled
}

// Customer is a buyer. IDs start at 1.
type Customer struct {
	ID        int64
	Name      string
	Email     string
	Tier      Tier
	CreatedAt time.Time
	Tags      []string
}

// LineItem is one line of an order.
type LineItem struct {
	SKU            string
	Quantity       int32
	UnitPriceCents int64
}

// Order is a customer's order. TotalCents is derived from Items by Core.
type Order struct {
	ID         int64
	CustomerID int64
	Status     Status
	Items      []LineItem
	TotalCents int64
	Note       string
	CreatedAt  time.Time
}

// PlaceOrderRequest asks for a new order. RequestID makes the call
// idempotent: the same ID with the same body returns the same order, the same
// ID with another body fails with ErrConflict.
type PlaceOrderRequest struct {
	CustomerID int64
	Items      []LineItem
	Note       string
	RequestID  string
}

// ListOrdersRequest asks for one page of a customer's orders, oldest first.
// Cursor is the opaque NextCursor of the previous page, empty for the first.
type ListOrdersRequest struct {
	CustomerID int64
	Limit      int32
	Cursor     string
}

// OrderPage is one page of orders. NextCursor is empty on the last page.
type OrderPage struct {
	Orders     []Order
	NextCursor string
}

// Service is the contract every integration pattern exposes.
type Service interface {
	// GetCustomer returns one customer or ErrNotFound.
	GetCustomer(ctx context.Context, id int64) (Customer, error)
	// PlaceOrder creates an order, idempotently by RequestID.
	PlaceOrder(ctx context.Context, req PlaceOrderRequest) (Order, error)
	// ListOrders returns one page of a customer's orders.
	ListOrders(ctx context.Context, req ListOrdersRequest) (OrderPage, error)
}

// Limits of the contract, enforced by Core and advertised by every pattern.
const (
	MaxListLimit   = 1000    // largest ListOrders page
	MaxItems       = 100     // most line items in one order
	MaxNoteBytes   = 1 << 20 // longest order note, in bytes
	MaxRequestID   = 128     // longest request ID, in bytes
	MaxSKUBytes    = 64      // longest SKU, in bytes
	MaxQuantity    = 1_000_000
	MaxUnitPriceCt = 100_000_000_00
)
