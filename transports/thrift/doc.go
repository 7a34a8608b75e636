// Package thrift is the Apache Thrift pattern of intbench: the service
// described by idl/orders.thrift, generated code committed in gen/orders
// (regenerate with `go generate ./transports/thrift/...`), served and called
// over the framed transport with the binary protocol by default, or the
// compact protocol (NewCompact).
//
// Times travel as i64 microseconds since the Unix epoch, so they round-trip
// exactly. Every error kind of the service is a declared exception of its
// own (NotFound, InvalidArgument, Conflict, Unavailable, DeadlineExceeded,
// Internal, each with a message field) thrown by every method, which is how
// Thrift IDLs usually model errors: a client in any language catches the
// kinds it cares about by type. The client maps them back with
// service.Errorf, so errors.Is(err, service.ErrNotFound) holds.
//
// Errors outside the service travel the Thrift way: a request naming an
// unknown method gets a TApplicationException UNKNOWN_METHOD and the
// connection stays usable; a request that cannot be decoded (for example a
// missing required field) gets a TApplicationException PROTOCOL_ERROR and
// the connection is closed; a frame over the server's Limits.MaxBodyBytes or bytes that
// are not a Thrift message close the connection, since nothing of the
// request can be answered. The client maps PROTOCOL_ERROR to
// service.ErrInvalidArgument, other TApplicationExceptions and malformed
// responses to service.ErrInternal, broken connections to
// service.ErrUnavailable and an expired context deadline to
// service.ErrDeadlineExceeded.
//
// The server runs an accept loop of its own over net.Listen (TSimpleServer's
// Stop waits for clients to hang up unless a package-level timeout is
// changed, and it logs through slog): at most Limits.MaxConns
// connections, one goroutine each, each socket a TSocket over a
// netx.FrameConn whose deadlines follow the frames (idle, read-header,
// read and write timeouts, as net/http's), so a stalled or trickling peer
// cannot pin a goroutine; input and output framed separately so requests
// are capped at Limits.MaxBodyBytes while responses may be as large as
// transports.DefaultMaxResponseBytes. A list, set or map whose count of
// elements cannot fit in the bytes left in its frame is refused before
// anything is allocated for it (the library's check against the framed
// transport's remaining bytes).
//
// Thrift clients are not safe for concurrent use, so the client keeps a
// pool of connections, each with its own generated client, and takes one
// per call. Connections are opened through DialConfig.DialFunc, reused
// LIFO (netx.Pool), dropped after any transport or protocol error (a reused
// connection after a timeout would read the previous call's answer) and
// after ClientConfig.IdleTimeout, shorter by default than the server's.
// The socket deadline follows the call's context, and a cancellation is
// enforced by a watchdog that expires the socket deadline (netx.Deadline);
// a context without either bounds nothing, as with the library's own
// TSocket. The client's transport is a small TTransport over the dialled
// net.Conn rather than a TSocket, because TSocket resets the socket
// deadline on every read and write and would undo both. Thrift neither
// retries nor reconnects; the hardened profile's retries are ours
// (netx.Harden), as for every pattern.
//
// The generated server code (Thrift 0.17) starts a goroutine per call that
// checks every thrift.ServerConnectivityCheckInterval whether the client is
// still there and cancels the handler's context if not. That interval is a
// package variable of the library; this package leaves it at its default.
package thrift
