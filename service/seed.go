package service

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// SeedConfig sizes the deterministic data set. Customers 1..HeavyCustomers
// have HeavyOrders orders each (so ListOrders can fill 1000-order pages);
// every other customer has OrdersPerCustomer.
type SeedConfig struct {
	Seed              uint64 `json:"seed"`
	Customers         int    `json:"customers"`
	OrdersPerCustomer int    `json:"orders_per_customer"`
	HeavyCustomers    int    `json:"heavy_customers"`
	HeavyOrders       int    `json:"heavy_orders"`
}

// DefaultSeed is the data set every pattern serves unless told otherwise.
func DefaultSeed() SeedConfig {
	return SeedConfig{Seed: 1, Customers: 1000, OrdersPerCustomer: 5, HeavyCustomers: 10, HeavyOrders: 1200}
}

// Validate reports a configuration that cannot be generated.
func (c SeedConfig) Validate() error {
	switch {
	case c.Customers < 1 || c.Customers > 10_000_000:
		return errors.New("service: seed customers must be 1..10000000")
	case c.OrdersPerCustomer < 0 || c.HeavyOrders < 0:
		return errors.New("service: seed order counts must not be negative")
	case c.HeavyCustomers < 0 || c.HeavyCustomers > c.Customers:
		return fmt.Errorf("service: seed heavy customers %d out of range 0..%d", c.HeavyCustomers, c.Customers)
	case int64(c.HeavyCustomers)*int64(c.HeavyOrders)+int64(c.Customers)*int64(c.OrdersPerCustomer) > 50_000_000:
		return errors.New("service: seed data set too large (over 50M orders)")
	}
	return nil
}

// Dataset is a generated data set: customers with IDs 1..N and their
// orders with IDs 1..M, in ID order.
type Dataset struct {
	Customers []Customer
	Orders    []Order
}

// SeedEpoch is the creation time of the first seeded row.
var SeedEpoch = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)

var (
	firstNames = []string{"Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Margaret", "Ken", "Radia", "Linus", "Frances", "Leslie", "Sophie", "Tim", "Anita", "Niklaus"}
	lastNames  = []string{"Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Hamilton", "Thompson", "Perlman", "Torvalds", "Allen", "Lamport", "Wilson", "Berners-Lee", "Borg", "Wirth"}
	tagWords   = []string{"vip", "wholesale", "newsletter", "eu", "us", "apac", "b2b", "returns", "beta", "loyal"}
	noteWords  = []string{"please", "leave", "at", "the", "door", "gift", "wrap", "fragile", "call", "before", "delivery", "back", "entrance", "no", "rush"}
	tiers      = []Tier{TierBasic, TierBasic, TierBasic, TierGold, TierGold, TierPlatinum}
	statuses   = []Status{StatusPending, StatusPaid, StatusPaid, StatusShipped, StatusShipped, StatusShipped, StatusCancelled}
)

// Generate builds the data set of cfg. The same cfg always yields the same
// data.
func Generate(cfg SeedConfig) (Dataset, error) {
	if err := cfg.Validate(); err != nil {
		return Dataset{}, err
	}
	r := rand.New(rand.NewPCG(cfg.Seed, 0x696e7462656e6368))
	ds := Dataset{Customers: make([]Customer, 0, cfg.Customers)}
	var orderID int64
	for id := int64(1); id <= int64(cfg.Customers); id++ {
		c := genCustomer(r, id)
		ds.Customers = append(ds.Customers, c)
		n := cfg.OrdersPerCustomer
		if id <= int64(cfg.HeavyCustomers) {
			n = cfg.HeavyOrders
		}
		for range n {
			orderID++
			ds.Orders = append(ds.Orders, genOrder(r, orderID, c))
		}
	}
	return ds, nil
}

// MustGenerate is Generate for configurations known to be valid, such as
// DefaultSeed; it panics on an invalid one.
func MustGenerate(cfg SeedConfig) Dataset {
	ds, err := Generate(cfg)
	if err != nil {
		panic(err)
	}
	return ds
}

func genCustomer(r *rand.Rand, id int64) Customer {
	first, last := pick(r, firstNames), pick(r, lastNames)
	tags := make([]string, 0, 3)
	for range r.IntN(4) {
		tags = append(tags, pick(r, tagWords))
	}
	return Customer{
		ID:        id,
		Name:      first + " " + last,
		Email:     fmt.Sprintf("%s.%s.%d@example.com", strings.ToLower(first), strings.ToLower(last), id),
		Tier:      pick(r, tiers),
		CreatedAt: SeedEpoch.Add(time.Duration(id) * time.Hour),
		Tags:      tags,
	}
}

func genOrder(r *rand.Rand, id int64, c Customer) Order {
	items := make([]LineItem, 1+r.IntN(4))
	for i := range items {
		items[i] = LineItem{
			SKU:            fmt.Sprintf("SKU-%05d", r.IntN(100000)),
			Quantity:       int32(1 + r.IntN(5)),
			UnitPriceCents: int64(99 + r.IntN(50000)),
		}
	}
	words := make([]string, r.IntN(8))
	for i := range words {
		words[i] = pick(r, noteWords)
	}
	return Order{
		ID:         id,
		CustomerID: c.ID,
		Status:     pick(r, statuses),
		Items:      items,
		TotalCents: Total(items),
		Note:       strings.Join(words, " "),
		CreatedAt:  c.CreatedAt.Add(time.Duration(id) * time.Minute),
	}
}

func pick[T any](r *rand.Rand, s []T) T { return s[r.IntN(len(s))] }
