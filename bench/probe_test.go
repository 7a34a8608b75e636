package bench_test

import (
	"context"
	"testing"

	"github.com/intbench/intbench/results"
	"github.com/intbench/intbench/scenarios"
)

// The probe's exact bytes must agree with what the encoders produce plus
// the framing the protocols add: a 4-byte length prefix per message for
// framed Thrift and for rawtcp, and no set-up bytes for either.
func TestProbeAgreesWithFraming(t *testing.T) {
	for _, name := range []string{"rawtcp", "thrift"} {
		t.Run(name, func(t *testing.T) {
			s := openSession(t, name)
			for _, scName := range []string{"get-customer", "place-order", "list-orders-10"} {
				sc, err := scenarios.Lookup(scName)
				if err != nil {
					t.Fatal(err)
				}
				probe, err := s.Probe(context.Background(), sc)
				if err != nil {
					t.Fatal(err)
				}
				for op, p := range probe {
					if p.BodyOut == nil || p.BodyIn == nil || *p.BodyOut <= 0 || p.OutBytes != *p.BodyOut+4 || p.InBytes != *p.BodyIn+4 || p.SetupOut != 0 || p.SetupIn != 0 || p.RoundTrips != 1 {
						t.Errorf("%s %s: %+v; want wire = body + 4 each way, no set-up, one round trip", scName, op, p)
					}
				}
			}
		})
	}
}

// gRPC's exact bytes are exact too: HTTP/2's pings and window updates,
// which fall inside one call or the next as the scheduler decides, are
// reported apart, so probing again gives the same bytes, one round trip
// per unary call, and a call's wire holds its body with gRPC's 5-byte
// prefix and a frame header in each direction.
func TestProbeOfHTTP2IsStable(t *testing.T) {
	s := openSession(t, "grpc")
	var first map[string]results.OpProbe
	for i := range 6 {
		for _, scName := range []string{"get-customer", "place-order", "list-orders-100"} {
			sc, err := scenarios.Lookup(scName)
			if err != nil {
				t.Fatal(err)
			}
			probe, err := s.Probe(context.Background(), sc)
			if err != nil {
				t.Fatal(err)
			}
			for op, p := range probe {
				if p.RoundTrips != 1 || p.BodyOut == nil || p.OutBytes < *p.BodyOut+5+9 || p.InBytes < *p.BodyIn+5+9 {
					t.Errorf("%s: %+v; want one round trip, the bodies inside the bytes", op, p)
				}
				if i == 0 {
					if first == nil {
						first = map[string]results.OpProbe{}
					}
					first[op] = p
					continue
				}
				if f := first[op]; p.OutBytes != f.OutBytes || p.InBytes != f.InBytes || p.SetupOut != f.SetupOut || p.SetupIn != f.SetupIn {
					t.Errorf("%s, probe %d: out %d in %d set-up %d/%d; the first said out %d in %d set-up %d/%d",
						op, i+1, p.OutBytes, p.InBytes, p.SetupOut, p.SetupIn, f.OutBytes, f.InBytes, f.SetupOut, f.SetupIn)
				}
			}
		}
	}
}
