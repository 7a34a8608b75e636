package bench_test

import (
	"context"
	"testing"

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
