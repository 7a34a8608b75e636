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
// A Network, set in Options.Network and parsed by ParseNetwork from a
// preset ("lan", "wan", "intercontinental") or from figures
// ("rtt=30ms,bw=50mbit"), is a steady condition under every connection for
// the proxy's life. Each direction is a link of its own: a byte waits for
// the bytes before it, takes 8 bits at the rate to send, and arrives RTT/2
// later; a new connection pays a round trip for its handshake. Faults act
// on top: the network carries bytes to the proxy's fault stage, which
// shapes them as it would without one, so latency adds to the network's
// delay and reset, down and blackhole act as ever.
//
// Randomness is seeded: Options.Seed, the connection's ordinal (1 for the
// first connection accepted) and the direction derive a PCG generator for
// each direction of each connection, so the same seed and the same sequence
// of connections give the same sequence of faults. A network's jitter draws
// from streams of its own, derived the same way.
package faults
