// Package results is the contract between measuring and reporting: one
// versioned JSON document per run of the engine, with the environment, the
// full plan and one cell per stable key. Each cell keeps every repetition's
// HDR histogram, so any percentile can be recomputed and documents merged,
// and a summary across repetitions computed with montanaflynn/stats
// (median, MAD, quartiles) — never over raw per-request arrays, which are not
// kept.
package results
