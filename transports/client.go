package transports

import (
	"net"
	"strconv"
	"time"
)

// Client defaults, one value for every pattern so that none differs from
// another by its library's choice (net/http dials for 30 s, gRPC for 20 s,
// lib/pq forever).
const (
	// DefaultDialTimeout bounds connection set-up: the TCP dial, and where
	// the protocol has one the handshake after it (gRPC's HTTP/2 preface,
	// PostgreSQL's start-up).
	DefaultDialTimeout = 5 * time.Second
	// DefaultIdleTimeout closes pooled connections unused for this long:
	// net/http's default, shorter than every server's idle timeout, so a
	// client never reuses a connection the server has already closed.
	DefaultIdleTimeout = 90 * time.Second
	// DefaultPoolSize is the most idle connections a pooling client keeps:
	// more than the 256 concurrent callers the engine runs, so none is
	// closed and re-opened under load. A pattern whose pool means
	// something else says so (shareddb bounds open connections, gRPC has
	// one).
	DefaultPoolSize = 512
	// keepAliveProbes is how many unanswered TCP keepalive probes drop a
	// connection when ClientConfig.KeepAlive is set.
	keepAliveProbes = 3
)

// RetryPolicy is how a client retries calls of its own accord. Only calls
// that are safe to repeat are retried: reads, and PlaceOrder because it
// carries a request ID the server deduplicates by; only after errors of kind
// Unavailable (the network failed, or the server said it could not serve:
// gRPC cannot tell these apart, so no pattern does); never once the call's
// context has ended.
type RetryPolicy struct {
	// Attempts is the total attempts including the first; 0 or 1 means
	// no retries of ours.
	Attempts int
	// Backoff is the ceiling of the first wait; it doubles per attempt up
	// to MaxBackoff, and each wait is drawn uniformly below its ceiling
	// (full jitter). A wait that would end past the call's deadline is not
	// started.
	Backoff time.Duration
	// MaxBackoff caps the ceiling; 0 means no cap.
	MaxBackoff time.Duration
	// Seed seeds the jitter (a math/rand/v2 PCG per client), so a run can
	// be repeated; 0 is a seed like any other.
	Seed uint64
}

// ClientConfig is the resilience configuration of a client, the same
// fields for every pattern; each pattern maps them onto its library and
// reports the result in its Settings. The zero value is the default
// profile: the libraries' own behaviour, as most code ships.
type ClientConfig struct {
	// Profile names the profile the values came from ("" = default). It
	// only labels them: the fields below are what the client applies.
	Profile string
	// CallTimeout is the per-call deadline the client applies itself to
	// the whole call, retries and their waits included, as a gRPC
	// deadline does; 0 means none of ours (the caller's context alone).
	CallTimeout time.Duration
	// DialTimeout bounds connection set-up; 0 means DefaultDialTimeout.
	DialTimeout time.Duration
	// KeepAlive is the TCP keepalive period (idle time and probe
	// interval) and, where the protocol has them, the period of its own
	// pings (HTTP/2 PING for gRPC, at least 10 s there). 0 means the
	// library default: Go's TCP keepalive of 15 s and no pings; negative
	// means off.
	KeepAlive time.Duration
	// IdleTimeout closes idle pooled connections after this long; 0 means
	// DefaultIdleTimeout.
	IdleTimeout time.Duration
	// PoolSize caps the idle connections kept (or the open ones, where
	// the library bounds those); 0 means DefaultPoolSize, or the
	// pattern's documented default.
	PoolSize int
	// Retry is the client's own retry policy; the zero value retries
	// nothing (libraries may still retry on their own: each client's
	// Settings say when).
	Retry RetryPolicy
}

// WithDefaults returns c with its zero fields replaced by the documented
// defaults (KeepAlive 0 stays: it means the library default).
func (c ClientConfig) WithDefaults() ClientConfig {
	if c.Profile == "" {
		c.Profile = ProfileDefault
	}
	if c.DialTimeout <= 0 {
		c.DialTimeout = DefaultDialTimeout
	}
	if c.IdleTimeout <= 0 {
		c.IdleTimeout = DefaultIdleTimeout
	}
	if c.PoolSize <= 0 {
		c.PoolSize = DefaultPoolSize
	}
	return c
}

// Settings describes c with the keys every client reports: profile,
// call_timeout, dial_timeout, keepalive, idle_timeout, pool_size and
// retries. Defaults are filled in; a pattern whose pool default differs
// sets PoolSize before it asks.
func (c ClientConfig) Settings() map[string]string {
	c = c.WithDefaults()
	return map[string]string{
		"profile":      c.Profile,
		"call_timeout": durationOr(c.CallTimeout, "none"),
		"dial_timeout": c.DialTimeout.String(),
		"keepalive":    keepAliveText(c.KeepAlive),
		"idle_timeout": c.IdleTimeout.String(),
		"pool_size":    strconv.Itoa(c.PoolSize),
		"retries":      c.Retry.String(),
	}
}

// String describes the policy: "none", or for example "3 attempts,
// backoff 50ms..500ms, reads and idempotent writes".
func (p RetryPolicy) String() string {
	if p.Attempts <= 1 {
		return "none"
	}
	return strconv.Itoa(p.Attempts) + " attempts, backoff " + p.Backoff.String() + ".." +
		durationOr(p.MaxBackoff, "uncapped") + ", reads and idempotent writes"
}

func durationOr(d time.Duration, zero string) string {
	if d <= 0 {
		return zero
	}
	return d.String()
}

func keepAliveText(d time.Duration) string {
	switch {
	case d < 0:
		return "off"
	case d == 0:
		return "library default (TCP 15s, no pings)"
	}
	return d.String()
}

// NetDialer returns a dialer with c's dial timeout and TCP keepalive: idle
// time and probe interval KeepAlive, three probes (0 keeps Go's default
// of 15 s, negative turns keepalive off). A caller that wraps connections
// wraps this one, so its sockets get the options.
func NetDialer(c ClientConfig) DialFunc {
	d := &net.Dialer{Timeout: c.WithDefaults().DialTimeout}
	switch {
	case c.KeepAlive < 0:
		d.KeepAlive = -1
	case c.KeepAlive > 0:
		d.KeepAliveConfig = net.KeepAliveConfig{Enable: true, Idle: c.KeepAlive, Interval: c.KeepAlive, Count: keepAliveProbes}
	}
	return d.DialContext
}

// Retrier is implemented by clients that retry failed calls of their own
// accord (a RetryPolicy with more than one attempt).
type Retrier interface {
	// Retries returns the extra attempts made so far, over all calls.
	Retries() int64
}

// RetriesOf returns v's retries so far, or 0 if v does not retry.
func RetriesOf(v any) int64 {
	if r, ok := v.(Retrier); ok {
		return r.Retries()
	}
	return 0
}
