package transports

import (
	"strconv"
	"time"
)

// Limits shared by every pattern, server and client, so that no pattern is
// favoured by a bound another lacks. DESIGN.md §6 has the table, and what
// each library does when one is hit. Each is chosen to pass the
// benchmark's largest legitimate traffic with room: a PlaceOrder of 100
// items and a 1 MiB note, a page of 1,000 orders, 256 concurrent callers.
const (
	// DefaultMaxBodyBytes caps a request body (or message, or frame) a
	// server accepts. It fits the largest valid request (a 1 MiB note with
	// 100 items) even after the worst-case escaping of XML or JSON.
	DefaultMaxBodyBytes = 8 << 20
	// DefaultMaxResponseBytes caps a response a client accepts.
	DefaultMaxResponseBytes = 256 << 20
	// MaxHeaderBytes caps the header list of a request a server reads and
	// of a response a client reads, counted as HTTP/2 does (RFC 9113
	// §6.5.2: each field's name and value plus 32 bytes), so it also caps
	// the number of fields (below 2,048). net/http also refuses a request
	// head as sent (request line and fields) over MaxHeaderBytes plus its
	// own 4 KiB of slack, and its client a response head as sent over
	// MaxHeaderBytes.
	MaxHeaderBytes = 64 << 10
	// MaxDepth caps how deep XML elements and JSON arrays and objects may
	// nest, the outermost counted: encoding/json's own limit, and ours in
	// SOAP (encoding/xml limits only what it unmarshals). Elsewhere the
	// libraries decide: protobuf-go lets 10,001 unknown groups nest below a
	// message (its default recursion limit, counted from 0), Thrift's
	// library 64 unknown structs (a constant of the library); known fields
	// nest only as deep as the schema, and rawtcp's are flat.
	MaxDepth = 10000

	// DefaultMaxConns caps the connections a server holds open at once;
	// one more is reset as soon as it is accepted.
	DefaultMaxConns = 1024
	// DefaultMaxStreams caps the calls in flight on one HTTP/2 connection
	// (gRPC's concurrent streams). HTTP/1.1, Thrift and rawtcp carry one
	// call at a time per connection, so for every pattern a server runs
	// at most 1,024 calls of one client at once.
	DefaultMaxStreams = 1024

	// DefaultReadHeaderTimeout bounds reading a request's head from its
	// first byte: HTTP headers, a frame's 4-byte length, HTTP/2's
	// connection preface and settings.
	DefaultReadHeaderTimeout = 10 * time.Second
	// DefaultReadTimeout bounds reading a whole request from its first
	// byte: an 8 MiB body at 70 kB/s.
	DefaultReadTimeout = 2 * time.Minute
	// DefaultWriteTimeout bounds writing a response.
	DefaultWriteTimeout = 2 * time.Minute
	// DefaultServerIdleTimeout is how long a server waits for the next
	// request on an idle connection: longer than the clients'
	// DefaultIdleTimeout, so that the client, not the server, closes an
	// idle connection and never reuses one the server has closed.
	DefaultServerIdleTimeout = 2 * time.Minute
)

// Limits bounds what clients can take of a server. The zero value of a
// field means its default above; tests set small ones to reach them.
type Limits struct {
	// MaxBodyBytes caps one request's body, message or frame.
	MaxBodyBytes int64
	// MaxConns caps the connections open at once.
	MaxConns int
	// MaxStreams caps the calls in flight on one HTTP/2 connection.
	MaxStreams int
	// ReadHeaderTimeout bounds reading a request's head from its first
	// byte.
	ReadHeaderTimeout time.Duration
	// ReadTimeout bounds reading a whole request from its first byte.
	ReadTimeout time.Duration
	// WriteTimeout bounds writing a response.
	WriteTimeout time.Duration
	// IdleTimeout bounds the wait for the next request on a connection.
	IdleTimeout time.Duration
}

// WithDefaults returns l with its zero (or negative) fields set to the
// defaults.
func (l Limits) WithDefaults() Limits {
	l.MaxBodyBytes = orDefault(l.MaxBodyBytes, DefaultMaxBodyBytes)
	l.MaxConns = orDefault(l.MaxConns, DefaultMaxConns)
	l.MaxStreams = orDefault(l.MaxStreams, DefaultMaxStreams)
	l.ReadHeaderTimeout = orDefault(l.ReadHeaderTimeout, DefaultReadHeaderTimeout)
	l.ReadTimeout = orDefault(l.ReadTimeout, DefaultReadTimeout)
	l.WriteTimeout = orDefault(l.WriteTimeout, DefaultWriteTimeout)
	l.IdleTimeout = orDefault(l.IdleTimeout, DefaultServerIdleTimeout)
	return l
}

func orDefault[T int | int64 | time.Duration](v, def T) T {
	if v <= 0 {
		return def
	}
	return v
}

// Settings describes l with defaults filled in, with the keys every
// server reports; a pattern's server adds its library's own names.
// max_streams is the HTTP/2 limit: a server of another protocol replaces
// it with what its protocol allows.
func (l Limits) Settings() map[string]string {
	l = l.WithDefaults()
	return map[string]string{
		"max_body_bytes":      strconv.FormatInt(l.MaxBodyBytes, 10),
		"max_header_bytes":    strconv.Itoa(MaxHeaderBytes),
		"max_depth":           strconv.Itoa(MaxDepth),
		"max_conns":           strconv.Itoa(l.MaxConns),
		"max_streams":         strconv.Itoa(l.MaxStreams),
		"read_header_timeout": l.ReadHeaderTimeout.String(),
		"read_timeout":        l.ReadTimeout.String(),
		"write_timeout":       l.WriteTimeout.String(),
		"idle_timeout":        l.IdleTimeout.String(),
	}
}

// OneCallPerConn is the max_streams setting of a protocol that carries
// one call at a time on a connection.
const OneCallPerConn = "1 (one call at a time per connection)"
