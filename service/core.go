package service

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"strconv"
	"time"
	"unicode/utf8"
)

// Store is what Core needs from a backend: atomic storage without rules.
// Implementations: MemoryStore here, pgstore.Store for PostgreSQL.
type Store interface {
	// Customer returns one customer or an error wrapping ErrNotFound.
	Customer(ctx context.Context, id int64) (Customer, error)
	// CreateOrder atomically stores o under requestID, assigning o.ID. When
	// requestID is already taken it stores nothing and returns the order
	// stored under it with that order's fingerprint and created=false. It
	// fails with ErrNotFound when o.CustomerID does not exist.
	CreateOrder(ctx context.Context, o Order, requestID string, fingerprint []byte) (stored Order, storedFingerprint []byte, created bool, err error)
	// Orders returns up to limit orders of customerID with ID > afterID in
	// ascending ID order, or ErrNotFound when the customer does not exist.
	Orders(ctx context.Context, customerID, afterID int64, limit int) ([]Order, error)
	// Close releases the store's resources.
	Close() error
}

// Core is the reference implementation of the business rules over a Store.
// It is safe for concurrent use.
type Core struct {
	store Store
	now   func() time.Time
}

var _ Service = (*Core)(nil)

// NewCore returns the reference service over s.
func NewCore(s Store) *Core {
	return &Core{store: s, now: time.Now}
}

// Store returns the store behind c.
func (c *Core) Store() Store { return c.store }

// GetCustomer returns one customer.
func (c *Core) GetCustomer(ctx context.Context, id int64) (Customer, error) {
	if id <= 0 {
		return Customer{}, Errorf(KindInvalidArgument, "customer id %d must be positive", id)
	}
	return c.store.Customer(ctx, id)
}

// PlaceOrder validates req, derives the total and stores the order
// idempotently by request ID.
func (c *Core) PlaceOrder(ctx context.Context, req PlaceOrderRequest) (Order, error) {
	if err := ValidatePlaceOrder(req); err != nil {
		return Order{}, err
	}
	o := Order{
		CustomerID: req.CustomerID,
		Status:     StatusPending,
		Items:      req.Items,
		TotalCents: Total(req.Items),
		Note:       req.Note,
		CreatedAt:  c.now().UTC().Truncate(time.Microsecond),
	}
	fp := Fingerprint(req)
	stored, storedFP, created, err := c.store.CreateOrder(ctx, o, req.RequestID, fp)
	if err != nil {
		return Order{}, err
	}
	if !created && string(storedFP) != string(fp) {
		return Order{}, Errorf(KindConflict, "request id %q was used for a different order", req.RequestID)
	}
	return stored, nil
}

// ListOrders returns one page of a customer's orders, oldest first.
func (c *Core) ListOrders(ctx context.Context, req ListOrdersRequest) (OrderPage, error) {
	if req.CustomerID <= 0 {
		return OrderPage{}, Errorf(KindInvalidArgument, "customer id %d must be positive", req.CustomerID)
	}
	if req.Limit < 1 || req.Limit > MaxListLimit {
		return OrderPage{}, Errorf(KindInvalidArgument, "limit %d out of range 1..%d", req.Limit, MaxListLimit)
	}
	after, err := ParseCursor(req.Cursor)
	if err != nil {
		return OrderPage{}, err
	}
	orders, err := c.store.Orders(ctx, req.CustomerID, after, int(req.Limit)+1)
	if err != nil {
		return OrderPage{}, err
	}
	page := OrderPage{Orders: orders}
	if len(orders) > int(req.Limit) {
		page.Orders = orders[:req.Limit]
		page.NextCursor = FormatCursor(page.Orders[req.Limit-1].ID)
	}
	return page, nil
}

// Close closes the store.
func (c *Core) Close() error { return c.store.Close() }

// ValidatePlaceOrder checks a PlaceOrder request against the contract.
func ValidatePlaceOrder(req PlaceOrderRequest) error {
	switch {
	case req.CustomerID <= 0:
		return Errorf(KindInvalidArgument, "customer id %d must be positive", req.CustomerID)
	case req.RequestID == "" || len(req.RequestID) > MaxRequestID || !ValidText(req.RequestID):
		return Errorf(KindInvalidArgument, "request id must be 1..%d bytes of text", MaxRequestID)
	case len(req.Items) == 0:
		return Errorf(KindInvalidArgument, "order has no items")
	case len(req.Items) > MaxItems:
		return Errorf(KindInvalidArgument, "order has %d items, at most %d allowed", len(req.Items), MaxItems)
	case len(req.Note) > MaxNoteBytes:
		return Errorf(KindInvalidArgument, "note is %d bytes, at most %d allowed", len(req.Note), MaxNoteBytes)
	case !ValidText(req.Note):
		return Errorf(KindInvalidArgument, "note is not valid text")
	}
	for i, it := range req.Items {
		if err := validateItem(i, it); err != nil {
			return err
		}
	}
	return nil
}

func validateItem(i int, it LineItem) error {
	switch {
	case it.SKU == "" || len(it.SKU) > MaxSKUBytes || !ValidText(it.SKU):
		return Errorf(KindInvalidArgument, "item %d: sku must be 1..%d bytes of text", i, MaxSKUBytes)
	case it.Quantity <= 0 || it.Quantity > MaxQuantity:
		return Errorf(KindInvalidArgument, "item %d: quantity %d out of range 1..%d", i, it.Quantity, MaxQuantity)
	case it.UnitPriceCents < 0 || it.UnitPriceCents > MaxUnitPriceCt:
		return Errorf(KindInvalidArgument, "item %d: unit price %d out of range 0..%d", i, it.UnitPriceCents, int64(MaxUnitPriceCt))
	}
	return nil
}

// ValidText reports whether s is valid UTF-8 made only of characters that
// every pattern can carry unchanged (XML 1.0 characters; no NUL for
// PostgreSQL).
func ValidText(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		switch {
		case r < 0x20 && r != '\t' && r != '\n' && r != '\r':
			return false
		case r == 0xFFFE || r == 0xFFFF:
			return false
		}
	}
	return true
}

// Total returns the order total of items in cents.
func Total(items []LineItem) int64 {
	var t int64
	for _, it := range items {
		t += int64(it.Quantity) * it.UnitPriceCents
	}
	return t
}

// Fingerprint returns a digest of the parts of req that define the order
// (customer, items, note), used to detect a reused request ID.
func Fingerprint(req PlaceOrderRequest) []byte {
	h := sha256.New()
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], uint64(req.CustomerID))
	h.Write(b[:])
	for _, it := range req.Items {
		binary.BigEndian.PutUint64(b[:], uint64(len(it.SKU)))
		h.Write(b[:])
		h.Write([]byte(it.SKU))
		binary.BigEndian.PutUint64(b[:], uint64(it.Quantity))
		h.Write(b[:])
		binary.BigEndian.PutUint64(b[:], uint64(it.UnitPriceCents))
		h.Write(b[:])
	}
	h.Write([]byte(req.Note))
	return h.Sum(nil)
}

// FormatCursor returns the opaque cursor that continues after order id.
func FormatCursor(id int64) string { return "o" + strconv.FormatInt(id, 10) }

// ParseCursor returns the order ID a cursor continues after (0 for "").
func ParseCursor(c string) (int64, error) {
	if c == "" {
		return 0, nil
	}
	if c[0] != 'o' {
		return 0, Errorf(KindInvalidArgument, "malformed cursor %q", c)
	}
	id, err := strconv.ParseInt(c[1:], 10, 64)
	if err != nil || id <= 0 {
		return 0, Errorf(KindInvalidArgument, "malformed cursor %q", c)
	}
	return id, nil
}
