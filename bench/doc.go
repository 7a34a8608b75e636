// Package bench is the measurement engine behind every front end: the CLI's
// "run", the `go test -bench` matrix and CI. Run serves a pattern (in this
// process or as an "intbench serve" child), dials it through a byte-counting
// dialer, drives a scenario with a closed- or open-loop load, records
// latency in per-worker HDR histograms and returns a results.Cell per run.
//
// No global state: every Run owns its servers, clients, workers and
// counters, and every call carries a deadline so that a stuck client
// library cannot hang a run.
package bench
