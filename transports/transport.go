// Package transports defines what an integration pattern provides (a
// Transport with a server and a client for the orders service), the registry
// that the CLI, the engine and the benchmarks iterate, the shared limits, and
// the one client configuration every pattern honours: ClientConfig, with
// the resilience profiles ("default", "hardened") in a registry of their
// own.
//
// Each pattern lives in its own folder under transports/ and registers
// itself from init; transports/all imports them all. The conformance suite in
// transports/conformance proves that every pattern behaves identically.
package transports

import (
	"context"
	"net"

	"github.com/intbench/intbench/service"
)

// Backend is what a server exposes: the reference service over a seeded
// store, and for PostgreSQL the URL of that database.
type Backend struct {
	// Service is the reference core that servers adapt.
	Service service.Service
	// DSN is the PostgreSQL URL of the seeded database behind Service, or
	// "" for the in-memory backend.
	DSN string
}

// ServeConfig configures a server.
type ServeConfig struct {
	// Listen is the host:port to listen on; "" means 127.0.0.1:0.
	Listen string
	// Backend is what the server serves.
	Backend Backend
	// Limits bounds what clients can take of the server; the zero value
	// is the defaults.
	Limits Limits
}

// ListenAddr returns c.Listen or the loopback default.
func (c ServeConfig) ListenAddr() string {
	if c.Listen == "" {
		return "127.0.0.1:0"
	}
	return c.Listen
}

// DialFunc has the shape of net.Dialer.DialContext. The engine passes one
// that counts bytes on the wire; every client must open all its connections
// through it.
type DialFunc func(ctx context.Context, network, addr string) (net.Conn, error)

// DialConfig configures a client.
type DialConfig struct {
	// Dial opens connections; nil means NetDialer(Client). A caller that
	// wraps connections (the engine counts their bytes) should wrap
	// NetDialer(Client), so the dial timeout and TCP keepalive of Client
	// reach the sockets: DialFunc can bound a given Dial's time, but not
	// set its sockets' options.
	Dial DialFunc
	// Client is the clients' resilience configuration: deadlines,
	// keepalives, pools, retries. The zero value is the default profile.
	Client ClientConfig
	// MaxResponseBytes caps one response body, message or frame; 0 means
	// DefaultMaxResponseBytes.
	MaxResponseBytes int64
}

// MaxResponse returns c.MaxResponseBytes or the default.
func (c DialConfig) MaxResponse() int64 {
	return orDefault(c.MaxResponseBytes, DefaultMaxResponseBytes)
}

// DialFunc returns the function every connection of the client is opened
// with: NetDialer(c.Client) when c.Dial is nil, else c.Dial bounded by the
// dial timeout through its context (a dial timer, not one per call).
func (c DialConfig) DialFunc() DialFunc {
	if c.Dial == nil {
		return NetDialer(c.Client)
	}
	dial, timeout := c.Dial, c.Client.WithDefaults().DialTimeout
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		ctx, cancel := context.WithTimeout(ctx, timeout)
		defer cancel()
		return dial(ctx, network, addr)
	}
}

// Server is a running server of one pattern.
type Server interface {
	// Addr is what a client dials: host:port, or for shareddb a
	// PostgreSQL URL.
	Addr() string
	// Close stops the server and waits for it; calling it twice is safe.
	Close() error
}

// Client is the orders service reached over one pattern.
type Client interface {
	service.Service
	// Close releases the client's connections; calling it twice is safe.
	Close() error
}

// Transport is one integration pattern.
type Transport interface {
	// Name is the registry key, e.g. "grpc".
	Name() string
	// Serve starts a server for cfg.Backend and returns once it accepts
	// connections.
	Serve(ctx context.Context, cfg ServeConfig) (Server, error)
	// Dial returns a client of the server at addr.
	Dial(ctx context.Context, addr string, cfg DialConfig) (Client, error)
}

// PostgresOnly is implemented by transports that can only serve the
// PostgreSQL backend (the shared database).
type PostgresOnly interface {
	PostgresOnly() bool
}

// NeedsPostgres reports whether t can only serve the PostgreSQL backend.
func NeedsPostgres(t Transport) bool {
	p, ok := t.(PostgresOnly)
	return ok && p.PostgresOnly()
}

// Describer is implemented by clients (and servers) that can say how they
// are configured: pool sizes, protocols, timeouts. The engine writes it
// into the results so every figure comes with its configuration.
type Describer interface {
	Settings() map[string]string
}

// SettingsOf returns v's settings if it is a Describer, else nil.
func SettingsOf(v any) map[string]string {
	if d, ok := v.(Describer); ok {
		return d.Settings()
	}
	return nil
}
