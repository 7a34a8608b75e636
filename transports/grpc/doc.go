// Package grpctransport is the gRPC pattern of intbench (registered as
// "grpc"): the OrdersService of proto/orders/v1/orders.proto over
// google.golang.org/grpc, unary calls, protobuf encoding, no compression.
// The generated code lives in gen/ordersv1 and is committed; go generate in
// this folder reproduces it byte for byte (protoc 3.21 and the plugin
// versions pinned by go.mod's tool directives).
//
// Times travel as int64 microseconds since the Unix epoch (UTC), which
// round-trips the contract's microsecond precision exactly and matches the
// Thrift pattern's encoding.
//
// Errors travel as gRPC status codes, mapped purely by code (no status
// details, never by message text); the status message is
// service.MessageOf(err):
//
//	NotFound          NOT_FOUND
//	InvalidArgument   INVALID_ARGUMENT
//	Conflict          ALREADY_EXISTS
//	Unavailable       UNAVAILABLE
//	DeadlineExceeded  DEADLINE_EXCEEDED
//	Internal          INTERNAL
//
// Conflict (a request ID reused with a different order) is ALREADY_EXISTS:
// the gRPC status code guide reserves ABORTED for concurrency conflicts a
// client may retry at a higher level and FAILED_PRECONDITION for state that
// must be fixed first, while here an order already exists under that request
// ID and no retry of the same call can succeed. The client maps the codes
// back, and folds the codes the server never sends: ABORTED and
// FAILED_PRECONDITION to Conflict; OUT_OF_RANGE and RESOURCE_EXHAUSTED (a
// message over a size limit) to InvalidArgument; CANCELLED and transport
// failures to Unavailable; everything else to Internal.
//
// The server is a grpc.Server within the shared limits (transports.Limits):
// MaxRecvMsgSize = Limits.MaxBodyBytes, MaxSendMsgSize =
// transports.DefaultMaxResponseBytes, MaxConcurrentStreams =
// Limits.MaxStreams, MaxHeaderListSize = transports.MaxHeaderBytes, the
// HTTP/2 handshake within Limits.ReadHeaderTimeout, at most
// Limits.MaxConns connections, idle ones closed after Limits.IdleTimeout;
// grpc-go has no per-call read or write timeout. A keepalive enforcement
// policy that tolerates client pings every 5 s (also without calls in
// flight), server keepalive pings to detect dead clients, server reflection
// and the standard health service (SERVING for "" and for
// intbench.orders.v1.OrdersService). Requests gRPC-go rejects before they
// reach the service keep their gRPC-go codes: UNIMPLEMENTED for an unknown
// method, INTERNAL for undecodable protobuf, RESOURCE_EXHAUSTED for a
// message over the limit, INVALID_ARGUMENT (HTTP 415) for a wrong
// content-type. A plain HTTP/1.x request gets a one-line
// "505 HTTP Version Not Supported" answer before the connection closes
// (gRPC-go itself would close it silently).
//
// The client is one grpc.ClientConn, which multiplexes every call of every
// goroutine as streams of one HTTP/2 connection: gRPC's normal production
// configuration, and the reason the client needs no pool. Connections are
// opened through DialConfig.DialFunc() (passthrough resolver, so the dialer
// sees the address as given), calls fail fast while the connection is down,
// and responses up to DialConfig.MaxResponse() are accepted. Under the
// default profile the rest is grpc-go's default: reconnection backs off
// from 1 s to 120 s and no keepalive ping is sent, so a dead connection
// shows only through a call's deadline. A ClientConfig with KeepAlive sends
// HTTP/2 pings (at least every 10 s, grpc-go's floor) and one with retries
// reconnects on the retries' schedule; see the client's Settings.
//
// gRPC hides the network's errors: a refused, reset or closed connection is
// UNAVAILABLE with the cause in the status message only, so errors.Is(err,
// syscall.ECONNREFUSED) does not hold for this pattern, unlike the others.
// The client keeps the status error in the chain.
// Proto3 strings must be valid UTF-8, so the client refuses a request with
// invalid UTF-8 with InvalidArgument before sending it.
package grpctransport
