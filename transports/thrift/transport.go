package thrift

import (
	"context"
	"math"

	"github.com/apache/thrift/lib/go/thrift"

	"github.com/intbench/intbench/internal/netx"
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
	cl, err := newClient(ctx, t.Protocol, addr, cfg)
	return netx.Dial(cl, err, cfg.Client)
}

// protocolFactory returns the factory of p bound to conf.
func protocolFactory(p Protocol, conf *thrift.TConfiguration) thrift.TProtocolFactory {
	if p == Compact {
		return thrift.NewTCompactProtocolFactoryConf(conf)
	}
	return thrift.NewTBinaryProtocolFactoryConf(conf)
}

// limitConf returns a configuration whose frames and messages are capped
// at limit bytes. Its socket timeout is 0: the server's deadlines are
// netx.FrameConn's, the client's its calls' contexts. Containers are
// bounded by the bytes left in their frame (the library refuses a count
// of elements that cannot fit before it allocates for them), as every
// other pattern bounds them by the bytes that carry them.
func limitConf(limit int64) *thrift.TConfiguration {
	n := int32(math.MaxInt32)
	if limit < math.MaxInt32 {
		n = int32(limit)
	}
	return &thrift.TConfiguration{
		MaxFrameSize:   n,
		MaxMessageSize: n,
	}
}
