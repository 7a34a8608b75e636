package service

import (
	"context"
	"sort"
	"strings"
	"sync"
)

// Delivery is one line of a store's write ledger: how often PlaceOrder
// calls with one request ID reached the store, and how many orders carry
// that ID. The fault runs reconcile it with what callers were told.
type Delivery struct {
	// RequestID is the idempotency key of the calls.
	RequestID string
	// Deliveries counts the calls with RequestID that reached the store
	// and completed there: the one that stored the order and every later
	// one that found it, including those that Core then rejects as a
	// Conflict (same ID, another body). Calls that failed in the store
	// (unknown customer, cancelled, connection lost before the commit)
	// are not counted.
	Deliveries int
	// Executions counts the orders stored under RequestID: 1 unless the
	// store failed to keep request IDs unique.
	Executions int
}

// LedgerReader is implemented by stores that keep a write ledger.
type LedgerReader interface {
	// Ledger returns a Delivery for every stored request ID that starts
	// with prefix, ordered by request ID. The prefix is literal text: it
	// has no wildcards.
	Ledger(ctx context.Context, prefix string) ([]Delivery, error)
}

// MemoryStore is an in-memory Store: the backend that isolates transport
// cost. It is safe for concurrent use and copies on the way in and out, so
// callers never share slices with it.
type MemoryStore struct {
	mu        sync.RWMutex
	customers map[int64]Customer
	orders    map[int64][]Order // by customer, ascending ID
	byRequest map[string]memEntry
	nextID    int64
}

type memEntry struct {
	customerID int64
	index      int
	fp         []byte
	deliveries int
}

var (
	_ Store        = (*MemoryStore)(nil)
	_ LedgerReader = (*MemoryStore)(nil)
)

// NewMemoryStore returns a store holding a copy of ds.
func NewMemoryStore(ds Dataset) *MemoryStore {
	m := &MemoryStore{
		customers: make(map[int64]Customer, len(ds.Customers)),
		orders:    make(map[int64][]Order, len(ds.Customers)),
		byRequest: make(map[string]memEntry),
	}
	for _, c := range ds.Customers {
		c.Tags = append([]string(nil), c.Tags...)
		m.customers[c.ID] = c
	}
	sorted := append([]Order(nil), ds.Orders...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].ID < sorted[j].ID })
	for _, o := range sorted {
		o.Items = append([]LineItem(nil), o.Items...)
		m.orders[o.CustomerID] = append(m.orders[o.CustomerID], o)
		m.nextID = max(m.nextID, o.ID)
	}
	return m
}

// Customer returns one customer.
func (m *MemoryStore) Customer(ctx context.Context, id int64) (Customer, error) {
	m.mu.RLock()
	c, ok := m.customers[id]
	m.mu.RUnlock()
	if !ok {
		return Customer{}, Errorf(KindNotFound, "customer %d", id)
	}
	c.Tags = append([]string(nil), c.Tags...)
	return c, nil
}

// CreateOrder stores o under requestID unless the ID is taken, in which
// case it counts one more delivery of the ID and returns the stored order.
func (m *MemoryStore) CreateOrder(ctx context.Context, o Order, requestID string, fp []byte) (Order, []byte, bool, error) {
	if err := ctx.Err(); err != nil {
		return Order{}, nil, false, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if e, ok := m.byRequest[requestID]; ok {
		e.deliveries++
		m.byRequest[requestID] = e
		return copyOrder(m.orders[e.customerID][e.index]), e.fp, false, nil
	}
	if _, ok := m.customers[o.CustomerID]; !ok {
		return Order{}, nil, false, Errorf(KindNotFound, "customer %d", o.CustomerID)
	}
	m.nextID++
	o.ID = m.nextID
	o = copyOrder(o)
	list := m.orders[o.CustomerID]
	m.byRequest[requestID] = memEntry{customerID: o.CustomerID, index: len(list), fp: append([]byte(nil), fp...), deliveries: 1}
	m.orders[o.CustomerID] = append(list, o)
	return copyOrder(o), fp, true, nil
}

// Orders returns a page of a customer's orders after afterID.
func (m *MemoryStore) Orders(ctx context.Context, customerID, afterID int64, limit int) ([]Order, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	if _, ok := m.customers[customerID]; !ok {
		return nil, Errorf(KindNotFound, "customer %d", customerID)
	}
	list := m.orders[customerID]
	i := sort.Search(len(list), func(i int) bool { return list[i].ID > afterID })
	end := min(len(list), i+limit)
	out := make([]Order, 0, end-i)
	for _, o := range list[i:end] {
		out = append(out, copyOrder(o))
	}
	return out, nil
}

// Ledger returns the deliveries of every request ID starting with prefix,
// ordered by request ID. Executions is always 1: the map of request IDs
// holds one entry, and so one order, per ID.
func (m *MemoryStore) Ledger(ctx context.Context, prefix string) ([]Delivery, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	m.mu.RLock()
	var out []Delivery
	for id, e := range m.byRequest {
		if strings.HasPrefix(id, prefix) {
			out = append(out, Delivery{RequestID: id, Deliveries: e.deliveries, Executions: 1})
		}
	}
	m.mu.RUnlock()
	sort.Slice(out, func(i, j int) bool { return out[i].RequestID < out[j].RequestID })
	return out, nil
}

// Close does nothing; it exists to satisfy Store.
func (m *MemoryStore) Close() error { return nil }

func copyOrder(o Order) Order {
	o.Items = append([]LineItem(nil), o.Items...)
	return o
}
