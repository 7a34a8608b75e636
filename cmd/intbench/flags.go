package main

import (
	"errors"
	"flag"
	"fmt"
	"strconv"
	"strings"

	"github.com/intbench/intbench/scenarios"
	"github.com/intbench/intbench/service"
)

// seedFlags registers the data-set flags on fs and returns the config they
// fill, starting from the default seed.
func seedFlags(fs *flag.FlagSet) *service.SeedConfig {
	cfg := service.DefaultSeed()
	fs.Uint64Var(&cfg.Seed, "seed", cfg.Seed, "seed of the generated data set")
	fs.IntVar(&cfg.Customers, "customers", cfg.Customers, "number of customers (IDs start at 1)")
	fs.IntVar(&cfg.OrdersPerCustomer, "orders-per-customer", cfg.OrdersPerCustomer, "orders of each ordinary customer")
	fs.IntVar(&cfg.HeavyCustomers, "heavy-customers", cfg.HeavyCustomers, "customers 1..N get --heavy-orders orders each")
	fs.IntVar(&cfg.HeavyOrders, "heavy-orders", cfg.HeavyOrders, "orders of each heavy customer")
	return &cfg
}

// listFlag is a comma-separated list of strings.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(s string) error {
	*l = nil
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			*l = append(*l, p)
		}
	}
	if len(*l) == 0 {
		return errors.New("empty list")
	}
	return nil
}

// intsFlag is a comma-separated list of positive integers.
type intsFlag []int

func (l *intsFlag) String() string {
	s := make([]string, len(*l))
	for i, v := range *l {
		s[i] = strconv.Itoa(v)
	}
	return strings.Join(s, ",")
}

func (l *intsFlag) Set(s string) error {
	if s == "sweep" {
		*l = append(intsFlag(nil), scenarios.ConcurrencySweep...)
		return nil
	}
	var parts listFlag
	if err := parts.Set(s); err != nil {
		return err
	}
	*l = nil
	for _, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil || v < 1 {
			return fmt.Errorf("%q is not a positive integer", p)
		}
		*l = append(*l, v)
	}
	return nil
}
