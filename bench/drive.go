package bench

import (
	"context"

	"github.com/intbench/intbench/results"
	"github.com/intbench/intbench/scenarios"
	"github.com/intbench/intbench/service"
)

// Drive runs the engine's load loop against svc directly, with no server,
// dialer or wire counting: the way to measure the driver's own cost per
// call (against a service that does nothing) or to compare the engine with
// a hand-written loop over the same client. The plan supplies the rate,
// arrival, call timeout and seed.
func Drive(ctx context.Context, p Plan, svc service.Service, sc scenarios.Scenario, conc int, win Window) (results.Run, error) {
	p.Defaults()
	c := Cell{Transport: "none", Scenario: sc, Backend: BackendUnknown, Load: Load{Workers: conc, Rate: p.Rate, Arrival: p.Arrival}}
	return p.drive(ctx, svc, meters{wire: NewWireCounter()}, c, win, 0)
}
