// Package netx is the client plumbing every pattern shares, written once
// so that the patterns differ only where their libraries really do:
//
//   - Err maps a network or library failure to the service taxonomy and
//     keeps the failure in the error chain (errors.Is(err,
//     syscall.ECONNRESET) still holds);
//   - Harden applies a ClientConfig's call deadline and retry policy
//     around a pattern's client: one retry loop for all;
//   - Deadline bounds a raw connection's I/O by a call's context (its
//     deadline, and its cancellation through a watchdog) for the patterns
//     that own their sockets (rawtcp, thrift);
//   - Pool is the LIFO connection pool of those patterns, with an idle
//     timeout, a cap on idle connections and a Close that ends calls in
//     flight too;
//   - Settings merges a ClientConfig's common keys with a pattern's own.
//
// And the servers' plumbing for the shared limits (transports.Limits):
// LimitListener caps the connections a server holds, and FrameConn arms
// the deadlines of a framed protocol's connection (rawtcp, Thrift) from
// its frames, as net/http does from requests.
//
// Under the default profile none of this adds a timer or an allocation to
// a call: Harden returns the client unchanged, and Deadline sets a socket
// deadline only from a context that has one (clearing it after such a
// call) and registers a watchdog only on a context that can be cancelled.
package netx
