// Package faults is an in-process TCP proxy that injects network faults
// between a client and a server without knowing their protocol.
//
// A Proxy listens on one address and forwards every connection it accepts
// to one upstream address. While no fault is in force, each direction is a
// plain copy loop with one reused 32 KiB buffer. A Fault, parsed from a text
// spec such as "latency:100ms:20ms" or "reset@down", is injected with
// Proxy.Inject, applies at once to the open connections and to the new
// ones, and lasts until the function Inject returned is called.
//
// Specs have the shape name[:arg[:arg...]][@up|@down|@both]; upstream is
// client to server, downstream server to client. Kinds lists every fault
// with its syntax. Each fault lives in its own file and registers itself
// from init; String gives a fault's canonical spec, which parses back to the
// same fault.
//
// Randomness is seeded: Options.Seed, the connection's ordinal (1 for the
// first connection accepted) and the direction derive a PCG generator for
// each direction of each connection, so the same seed and the same sequence
// of connections give the same sequence of faults.
package faults
