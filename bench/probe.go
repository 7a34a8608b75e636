package bench

import (
	"context"
	"fmt"
	"time"

	"github.com/intbench/intbench/results"
	"github.com/intbench/intbench/scenarios"
	"github.com/intbench/intbench/transports"
)

// probeCalls is how many identical calls the probe makes per operation:
// the first pays for connection set-up; the cheapest of the others is the
// call's own exact cost, and the others' excess is control traffic.
const probeCalls = 8

// Probe measures the exact wire cost of each operation of sc against a
// server at addr: a fresh client makes the same call probeCalls times, one
// at a time. The first call's extra bytes are the set-up; the cheapest of
// the later calls is the call's own cost, and what the others cost beyond
// it is reported apart as control traffic (HTTP/2 pings and window
// updates come and go, so the counter tells them apart frame by frame;
// every other pattern's identical calls cost the same bytes).
func (p *Plan) probe(ctx context.Context, tr transports.Transport, addr string, sc scenarios.Scenario) (map[string]results.OpProbe, error) {
	out := map[string]results.OpProbe{}
	for i, st := range sc.Steps {
		if _, done := out[string(st.Op)]; done {
			continue
		}
		one := scenarios.Scenario{Name: sc.Name, Steps: []scenarios.Step{st}}
		op, err := p.probeStep(ctx, tr, addr, one)
		if err != nil {
			return nil, fmt.Errorf("bench: probe %s %s step %d: %w", tr.Name(), sc.Name, i, err)
		}
		out[string(st.Op)] = op
	}
	return out, nil
}

func (p *Plan) probeStep(ctx context.Context, tr transports.Transport, addr string, sc scenarios.Scenario) (results.OpProbe, error) {
	wc := newProbeCounter()
	// The default profile: the hardened one's gRPC deadline would add a
	// grpc-timeout header whose length varies from call to call.
	client, err := dial(ctx, tr, addr, transports.ClientConfig{}, wc)
	if err != nil {
		return results.OpProbe{}, err
	}
	defer client.Close()
	// Count from zero, not from after Dial: clients that connect (and
	// authenticate) in Dial have spent set-up bytes already.
	snaps := []Wire{{}}
	sizes := &transports.BodySizes{}
	cctx := transports.WithBodySizes(ctx, sizes)
	for i := range probeCalls {
		// A fresh worker with the same seed makes the same request each
		// time; the tag changes only the request ID of a write, keeping its
		// length, so every write is a new order rather than a replay.
		w := scenarios.NewWorker(sc, p.Seed, p.Seed.Seed, 0, fmt.Sprintf("probe-%x-%d", probeNonce(), i))
		// Bounded like the load's calls: cancelled by a timer, not given a
		// deadline, which gRPC would send as a header of varying length.
		callCtx, cancel := context.WithCancel(cctx)
		t := time.AfterFunc(p.CallTimeout, cancel)
		err := w.Call(callCtx, client, 0)
		t.Stop()
		cancel()
		if err != nil {
			return results.OpProbe{}, err
		}
		snaps = append(snaps, wc.Snapshot())
	}
	own := steadyCost(snaps)
	first := snaps[1].Sub(snaps[0])
	// Set-up: what the first call cost beyond a steady one, its control
	// frames aside (they belong to timing, not to the connection); extra:
	// the mean bytes per call beyond the set-up and the calls' own.
	setupOut, setupIn := first.Out-first.CtlOut-own.Out, first.In-first.CtlIn-own.In
	all := snaps[len(snaps)-1]
	n := float64(probeCalls)
	op := results.OpProbe{
		OutBytes: own.Out, InBytes: own.In, RoundTrips: own.Turns, SetupOut: setupOut, SetupIn: setupIn,
		ExtraOut: float64(all.Out-setupOut)/n - float64(own.Out), ExtraIn: float64(all.In-setupIn)/n - float64(own.In),
	}
	if sizes.Known() {
		op.BodyOut, op.BodyIn = &sizes.Request, &sizes.Response
	}
	return op, nil
}

// steadyCost returns the cost of a steady call, the calls after the first:
// in each direction the fewest bytes any of them took beside HTTP/2's
// control frames (the call's own bytes: identical calls all cost that),
// with the round trips of the cheapest call.
func steadyCost(snaps []Wire) (own Wire) {
	for i := 2; i < len(snaps); i++ {
		d := snaps[i].Sub(snaps[i-1])
		out, in := d.Out-d.CtlOut, d.In-d.CtlIn
		if i == 2 || out+in < own.Out+own.In || (out+in == own.Out+own.In && d.Turns < own.Turns) {
			own.Turns = d.Turns
		}
		if i == 2 || out < own.Out {
			own.Out = out
		}
		if i == 2 || in < own.In {
			own.In = in
		}
	}
	return own
}

// probeNonce keeps the probe's request IDs unique across runs against the
// same server, at a fixed length.
func probeNonce() uint32 { return uint32(time.Now().UnixNano()>>10) | 1<<31 }
