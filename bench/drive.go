package bench

import (
	"context"

	"github.com/intbench/intbench/results"
	"github.com/intbench/intbench/scenarios"
	"github.com/intbench/intbench/service"
)

// nopCloser adapts a service.Service to transports.Client.
type nopCloser struct{ service.Service }

func (nopCloser) Close() error { return nil }

// Drive runs the engine's load loop against svc directly, with no server,
// dialer or wire counting: the way to measure the driver's own cost per
// call (against a service that does nothing) or to compare the engine with
// a hand-written loop over the same client. The plan supplies the rate,
// arrival, call timeout and seed.
func Drive(ctx context.Context, p Plan, svc service.Service, sc scenarios.Scenario, conc int, win Window) (results.Run, error) {
	p.Defaults()
	served := &Served{Where: "none"}
	return p.drive(ctx, nopCloser{svc}, NewWireCounter(), cellSpec{served: served, scenario: sc, conc: conc, win: win}, 0)
}
