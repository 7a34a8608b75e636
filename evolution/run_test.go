package evolution

import (
	"context"
	"errors"
	"testing"

	"github.com/intbench/intbench/results"
	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/transports"
	_ "github.com/intbench/intbench/transports/all"
)

// A change that changes nothing is compatible everywhere, both ways: the
// matrix's own sanity check, on real servers, clients and PostgreSQL.
func TestIdentityChangeIsCompatible(t *testing.T) {
	const name = "test-identity"
	Register(Change{Name: name, Summary: "nothing changes"})
	for _, p := range []string{"rest", "grpc"} {
		tr, err := transports.Lookup(p)
		if err != nil {
			t.Fatal(err)
		}
		RegisterVariant(name, p, Variant{Side: V1(tr)})
	}
	m, err := Run(context.Background(), Plan{Patterns: []string{"rest", "grpc", "thrift"}, Changes: []string{name}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"rest": results.Compatible, "grpc": results.Compatible, "thrift": results.NotApplicable}
	if len(m.Cells) != 6 {
		t.Fatalf("%d cells, want two per pattern: %+v", len(m.Cells), m.Cells)
	}
	for _, c := range m.Cells {
		if c.Outcome != want[c.Pattern] {
			t.Errorf("%s %s: %s (%s), want %s", c.Row(), c.Direction, c.Outcome, c.Detail, want[c.Pattern])
		}
	}
}

func TestJudge(t *testing.T) {
	base := outcomes{{op: "get", rec: Record{"customer.Name": "Ada", "customer.Email": "a@x"}}, {op: "place", rec: Record{"order.ID": "7"}}}
	tests := []struct {
		name   string
		got    outcomes
		want   string
		fields []string
	}{
		{"same", outcomes{{op: "get", rec: Record{"customer.Name": "Ada", "customer.Email": "a@x"}}, {op: "place", rec: Record{"order.ID": "7"}}}, results.Compatible, nil},
		{"field lost", outcomes{{op: "get", rec: Record{"customer.Name": "Ada", "customer.Email": ""}}, {op: "place", rec: Record{"order.ID": "7"}}}, results.Silent, []string{"customer.Email"}},
		{"call fails", outcomes{{op: "get", rec: Record{"customer.Name": "Ada", "customer.Email": "a@x"}}, {op: "place", err: service.Errorf(service.KindInvalidArgument, "currency is required")}}, results.Loud, nil},
		{"both", outcomes{{op: "get", rec: Record{"customer.Name": "Ada"}}, {op: "place", err: errors.New("boom")}}, results.Silent, []string{"customer.Email"}},
	}
	for _, tt := range tests {
		c := judge(results.EvolutionCell{}, base, tt.got)
		if c.Outcome != tt.want || len(c.Fields) != len(tt.fields) || (len(tt.fields) > 0 && c.Fields[0] != tt.fields[0]) {
			t.Errorf("%s: %s fields %v (%s), want %s %v", tt.name, c.Outcome, c.Fields, c.Detail, tt.want, tt.fields)
		}
	}
}
