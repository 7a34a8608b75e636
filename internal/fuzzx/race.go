//go:build race

package fuzzx

// raceFactor widens the budgets under the race detector, where sync.Pool
// drops a quarter of what is put back on purpose: the libraries' pooled
// buffers are then allocated again, which is the detector's cost, not
// the decoder's.
const raceFactor = 2
