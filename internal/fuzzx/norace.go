//go:build !race

package fuzzx

// raceFactor is 1 without the race detector: the budgets hold as stated.
const raceFactor = 1
