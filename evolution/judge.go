package evolution

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/intbench/intbench/results"
	"github.com/intbench/intbench/service"
)

// outcome is what one operation gave a client.
type outcome struct {
	op  string
	rec Record
	err error
}

type outcomes []outcome

// The v1 operations every cell makes, on the seeded data.
func operate(ctx context.Context, c Client) outcomes {
	ordinary := int64(Seed.HeavyCustomers + 1)
	steps := []struct {
		op string
		do func(context.Context) (Record, error)
	}{
		{"get-customer 1", func(ctx context.Context) (Record, error) { return c.GetCustomer(ctx, 1) }},
		{fmt.Sprintf("get-customer %d", ordinary), func(ctx context.Context) (Record, error) { return c.GetCustomer(ctx, ordinary) }},
		{"list-orders 1", func(ctx context.Context) (Record, error) { return c.ListOrders(ctx, 1, 10) }},
		{"place-order", func(ctx context.Context) (Record, error) {
			rec, err := c.PlaceOrder(ctx, service.PlaceOrderRequest{CustomerID: ordinary, Note: "evolve", RequestID: "evolve-0001",
				Items: []service.LineItem{{SKU: "SKU-00001", Quantity: 2, UnitPriceCents: 1250}, {SKU: "SKU-00002", Quantity: 1, UnitPriceCents: 9900}}})
			for k := range rec {
				if strings.Contains(k, "CreatedAt") || strings.Contains(k, "created_at") {
					delete(rec, k) // the time of the call: differs from run to run
				}
			}
			return rec, err
		}},
	}
	var out outcomes
	for _, s := range steps {
		cctx, cancel := context.WithTimeout(ctx, callTimeout)
		rec, err := s.do(cctx)
		cancel()
		out = append(out, outcome{op: s.op, rec: rec, err: err})
	}
	return out
}

// tolerate copies into got the values of base that c's provider data
// explains, so that judge does not count them.
func tolerate(base, got outcomes, ok func(field, v2, v1 string) bool) outcomes {
	if ok == nil {
		return got
	}
	out := slices.Clone(got)
	for i := range out {
		if i >= len(base) || out[i].err != nil || base[i].err != nil {
			continue
		}
		rec := maps.Clone(out[i].rec)
		for k, v := range base[i].rec {
			if g, has := rec[k]; has && g != v && ok(k, v, g) {
				rec[k] = v
			}
		}
		out[i].rec = rec
	}
	return out
}

// judge classes a cell by comparing what its client got with what the
// same client gets when nothing changed. Silent data wins over a loud
// failure: it is the dangerous case.
func judge(cell results.EvolutionCell, base, got outcomes) results.EvolutionCell {
	var loud, silent []string
	for i, g := range got {
		var b outcome
		if i < len(base) {
			b = base[i]
		}
		switch {
		case g.err != nil && b.err == nil:
			loud = append(loud, fmt.Sprintf("%s: %v", g.op, g.err))
			cell.Errors = append(cell.Errors, g.err.Error())
		case g.err == nil && b.err != nil:
			silent = append(silent, fmt.Sprintf("%s succeeded where it fails when nothing changed (%v)", g.op, b.err))
		case g.err == nil:
			for _, d := range Diff(b.rec, g.rec) {
				silent = append(silent, g.op+": "+d)
				if f := field(d); !slices.Contains(cell.Fields, f) {
					cell.Fields = append(cell.Fields, f)
				}
			}
		}
	}
	switch {
	case len(silent) > 0:
		cell.Outcome = results.Silent
	case len(loud) > 0:
		cell.Outcome = results.Loud
	default:
		cell.Outcome = results.Compatible
	}
	cell.Detail = detail(silent, loud)
	return cell
}

// detail is one line: the first few silent differences, then the first
// loud error.
func detail(silent, loud []string) string {
	var parts []string
	if n := len(silent); n > 0 {
		s := strings.Join(silent[:min(n, 3)], "; ")
		if n > 3 {
			s += fmt.Sprintf("; and %d more", n-3)
		}
		parts = append(parts, "silent: "+s)
	}
	if len(loud) > 0 {
		s := loud[0]
		if len(loud) > 1 {
			s += fmt.Sprintf(" (and %d more calls failed)", len(loud)-1)
		}
		parts = append(parts, "loud: "+s)
	}
	return strings.Join(parts, "; ")
}
