package thrift

import (
	"context"
	"math"
	"time"

	"github.com/apache/thrift/lib/go/thrift"

	"github.com/intbench/intbench/transports"
)

// Protocol is a Thrift wire protocol.
type Protocol int

// The supported protocols.
const (
	// Binary is TBinaryProtocol (strict write), the default.
	Binary Protocol = iota
	// Compact is TCompactProtocol.
	Compact
)

// String returns "binary" or "compact".
func (p Protocol) String() string {
	if p == Compact {
		return "compact"
	}
	return "binary"
}

// Timeouts of the server side, so a stalled peer cannot hold a goroutine.
const (
	// ServerIdleTimeout bounds each socket read and write on the server:
	// a connection that sends nothing for this long is closed.
	ServerIdleTimeout = 5 * time.Minute
	// ClientIdleTimeout is how long a pooled client connection may sit
	// idle before it is dropped instead of reused; it is shorter than
	// ServerIdleTimeout so the client never reuses one the server closed.
	ClientIdleTimeout = 90 * time.Second
	// FallbackCallTimeout bounds a client call whose context has no
	// deadline, so a hung server cannot block it forever.
	FallbackCallTimeout = 2 * time.Minute
	// MaxIdleConns caps the idle connections a client keeps.
	MaxIdleConns = 512
)

// Transport is the Thrift pattern over the framed transport. The zero
// value uses the binary protocol.
type Transport struct {
	// Protocol is the wire protocol of servers and clients.
	Protocol Protocol
}

// New returns the Thrift transport with the binary protocol; it is the one
// registered as "thrift".
func New() *Transport { return &Transport{Protocol: Binary} }

// NewCompact returns the Thrift transport with the compact protocol.
func NewCompact() *Transport { return &Transport{Protocol: Compact} }

// Name returns "thrift" whatever the protocol.
func (*Transport) Name() string { return "thrift" }

// Serve starts a Thrift server for cfg.Backend and returns once it accepts
// connections.
func (t *Transport) Serve(ctx context.Context, cfg transports.ServeConfig) (transports.Server, error) {
	return newServer(ctx, t.Protocol, cfg)
}

// Dial returns a Thrift client of the server at addr (host:port).
func (t *Transport) Dial(ctx context.Context, addr string, cfg transports.DialConfig) (transports.Client, error) {
	return newClient(ctx, t.Protocol, addr, cfg)
}

// protocolFactory returns the factory of p bound to conf.
func protocolFactory(p Protocol, conf *thrift.TConfiguration) thrift.TProtocolFactory {
	if p == Compact {
		return thrift.NewTCompactProtocolFactoryConf(conf)
	}
	return thrift.NewTBinaryProtocolFactoryConf(conf)
}

// limitConf returns a configuration whose frames and messages are capped
// at limit bytes.
func limitConf(limit int64, timeout time.Duration) *thrift.TConfiguration {
	n := int32(math.MaxInt32)
	if limit < math.MaxInt32 {
		n = int32(limit)
	}
	return &thrift.TConfiguration{
		MaxFrameSize:   n,
		MaxMessageSize: n,
		SocketTimeout:  timeout,
		ConnectTimeout: transports.DefaultDialTimeout,
	}
}
