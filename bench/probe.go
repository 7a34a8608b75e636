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
// updates come and go; every other pattern's identical calls cost the
// same bytes).
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
	wc := NewWireCounter()
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
	last, extraOut, extraIn := steadyCost(snaps)
	first := snaps[1].Sub(snaps[0])
	op := results.OpProbe{
		OutBytes: last.Out, InBytes: last.In, RoundTrips: last.Turns, ExtraOut: extraOut, ExtraIn: extraIn,
		SetupOut: first.Out - last.Out, SetupIn: first.In - last.In,
	}
	if sizes.Known() {
		op.BodyOut, op.BodyIn = &sizes.Request, &sizes.Response
	}
	return op, nil
}

// steadyCost returns the cost of a steady call, the calls after the first:
// in each direction the fewest bytes any of them took (the call's own
// bytes: identical calls of most patterns all cost that), with the round
// trips of the cheapest call, and the mean extra bytes per call beyond it
// in each direction (HTTP/2 adds pings and window updates to some calls but
// not others, in either direction).
func steadyCost(snaps []Wire) (own Wire, extraOut, extraIn float64) {
	n := len(snaps) - 2
	var sumOut, sumIn int64
	for i := 2; i < len(snaps); i++ {
		d := snaps[i].Sub(snaps[i-1])
		sumOut += d.Out
		sumIn += d.In
		if i == 2 || d.Out+d.In < own.Out+own.In || (d.Out+d.In == own.Out+own.In && d.Turns < own.Turns) {
			own.Turns = d.Turns
		}
		if i == 2 || d.Out < own.Out {
			own.Out = d.Out
		}
		if i == 2 || d.In < own.In {
			own.In = d.In
		}
	}
	return own, float64(sumOut)/float64(n) - float64(own.Out), float64(sumIn)/float64(n) - float64(own.In)
}

// probeNonce keeps the probe's request IDs unique across runs against the
// same server, at a fixed length.
func probeNonce() uint32 { return uint32(time.Now().UnixNano()>>10) | 1<<31 }
