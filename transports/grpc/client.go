package grpctransport

import (
	"context"
	"fmt"
	"maps"
	"net"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"google.golang.org/grpc"
	"google.golang.org/grpc/backoff"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/keepalive"
	"google.golang.org/protobuf/proto"

	"github.com/intbench/intbench/internal/netx"
	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/transports"
	pb "github.com/intbench/intbench/transports/grpc/gen/ordersv1"
)

// Client settings.
const (
	// minPingTime is grpc-go's floor for a client's keepalive ping
	// interval: a shorter keepalive.ClientParameters.Time is raised to it
	// (with a logged warning), so we raise it ourselves and say so.
	minPingTime = 10 * time.Second
	// maxSendMsgBytes is generous: the server's limit decides, and answers
	// RESOURCE_EXHAUSTED, which the caller sees as InvalidArgument.
	maxSendMsgBytes = transports.DefaultMaxResponseBytes
	// backoffMultiplier and backoffJitter are grpc-go's own.
	backoffMultiplier = 1.6
	backoffJitter     = 0.2
)

var errClosed = netx.Closed("grpctransport")

// Client is the orders service over gRPC: one ClientConn, whose single
// HTTP/2 connection multiplexes the calls of all goroutines.
type Client struct {
	cc       *grpc.ClientConn
	api      pb.OrdersServiceClient
	closed   atomic.Bool
	settings map[string]string

	closeOnce sync.Once
	closeErr  error
}

var _ transports.Client = (*Client)(nil)

func newClient(_ context.Context, addr string, cfg transports.DialConfig) (*Client, error) {
	conn, err := NewClientConn(addr, cfg)
	if err != nil {
		return nil, err
	}
	return &Client{cc: conn, api: pb.NewOrdersServiceClient(conn), settings: clientSettings(cfg.Client.WithDefaults(), cfg.MaxResponse())}, nil
}

// NewClientConn returns a connection to the server at addr (host:port)
// configured as the pattern's client's under cfg (dialer, reconnection
// backoff, idle timeout, message and header-list limits, pings), already
// connecting. It serves the clients of other descriptors
// (evolution/grpckit).
func NewClientConn(addr string, cfg transports.DialConfig) (*grpc.ClientConn, error) {
	dial := cfg.DialFunc()
	cc := cfg.Client.WithDefaults()
	opts := []grpc.DialOption{
		grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithContextDialer(func(ctx context.Context, a string) (net.Conn, error) {
			return dial(ctx, "tcp", a)
		}),
		grpc.WithConnectParams(grpc.ConnectParams{Backoff: reconnectBackoff(cc), MinConnectTimeout: cc.DialTimeout}),
		// The channel goes idle, closing its connection, after no call for
		// IdleTimeout (grpc-go's own default is 30 min), like the other
		// patterns' idle pooled connections.
		grpc.WithIdleTimeout(cc.IdleTimeout),
		grpc.WithDefaultCallOptions(
			grpc.MaxCallRecvMsgSize(int(cfg.MaxResponse())),
			grpc.MaxCallSendMsgSize(maxSendMsgBytes),
		),
		grpc.WithMaxHeaderListSize(transports.MaxHeaderBytes),
	}
	if kp, ok := pings(cc); ok {
		opts = append(opts, grpc.WithKeepaliveParams(kp))
	}
	conn, err := grpc.NewClient("passthrough:///"+addr, opts...)
	if err != nil {
		return nil, fmt.Errorf("grpctransport: dial %s: %w", addr, err)
	}
	conn.Connect() // start connecting now rather than on the first call
	return conn, nil
}

// reconnectBackoff is grpc-go's default (1 s, ×1.6, up to 120 s) unless the
// client retries: then reconnection backs off on the retries' schedule
// (Backoff up to MaxBackoff), so a retry finds a connection attempt made
// meanwhile rather than one due in two minutes. The other patterns dial
// on demand and recover on the first call after a fault lifts.
func reconnectBackoff(c transports.ClientConfig) backoff.Config {
	r := c.Retry
	if r.Attempts <= 1 || r.Backoff <= 0 {
		return backoff.DefaultConfig
	}
	maxDelay := r.MaxBackoff
	if maxDelay < r.Backoff {
		maxDelay = backoff.DefaultConfig.MaxDelay
	}
	return backoff.Config{BaseDelay: r.Backoff, Multiplier: backoffMultiplier, Jitter: backoffJitter, MaxDelay: maxDelay}
}

// pings returns the HTTP/2 keepalive of c, if it asks for one: a PING
// after KeepAlive without activity (at least grpc-go's 10 s), answered
// within KeepAlive, also while no call is in flight; the server's
// enforcement policy (pingMinTime) permits that rate. The default profile
// sends none, as grpc-go by default.
func pings(c transports.ClientConfig) (keepalive.ClientParameters, bool) {
	if c.KeepAlive <= 0 {
		return keepalive.ClientParameters{}, false
	}
	return keepalive.ClientParameters{Time: max(c.KeepAlive, minPingTime), Timeout: c.KeepAlive, PermitWithoutStream: true}, true
}

func clientSettings(c transports.ClientConfig, maxResp int64) map[string]string {
	ping := "none (grpc-go's default)"
	if kp, ok := pings(c); ok {
		ping = fmt.Sprintf("HTTP/2 PING after %v idle (grpc-go's floor is %v), %v to answer, also without calls", kp.Time, minPingTime, kp.Timeout)
	}
	b := reconnectBackoff(c)
	return netx.Settings(c, map[string]string{
		"library":            "google.golang.org/grpc",
		"pool_size":          "1 connection (HTTP/2, all calls multiplexed)",
		"resolver":           "passthrough",
		"wait_for_ready":     "false (fail fast)",
		"reconnect_backoff":  fmt.Sprintf("%v..%v ×%g, jitter %g", b.BaseDelay, b.MaxDelay, b.Multiplier, b.Jitter),
		"pings":              ping,
		"deadline_on_wire":   "grpc-timeout header when the call's context has a deadline (the hardened profile's)",
		"library_retries":    "transparent: grpc-go re-sends a call that never left the client or that the server refused unprocessed; no retryPolicy; not counted in retries",
		"max_recv_msg_bytes": strconv.FormatInt(maxResp, 10),
		"max_header_bytes":   strconv.Itoa(transports.MaxHeaderBytes),
		"max_send_msg_bytes": strconv.Itoa(maxSendMsgBytes),
		"compression":        "none",
	})
}

// GetCustomer calls OrdersService.GetCustomer.
func (c *Client) GetCustomer(ctx context.Context, id int64) (service.Customer, error) {
	if c.closed.Load() {
		return service.Customer{}, errClosed
	}
	req := &pb.GetCustomerRequest{Id: id}
	resp, err := c.api.GetCustomer(ctx, req)
	recordSizes(ctx, req, resp, err)
	if err != nil {
		return service.Customer{}, fromStatus(ctx, err)
	}
	return customerFromPB(resp), nil
}

// PlaceOrder calls OrdersService.PlaceOrder. Strings that are not valid
// UTF-8 cannot be encoded as proto3 strings; they fail with
// InvalidArgument before anything is sent.
func (c *Client) PlaceOrder(ctx context.Context, r service.PlaceOrderRequest) (service.Order, error) {
	if c.closed.Load() {
		return service.Order{}, errClosed
	}
	if err := checkUTF8(r); err != nil {
		return service.Order{}, err
	}
	req := placeToPB(r)
	resp, err := c.api.PlaceOrder(ctx, req)
	recordSizes(ctx, req, resp, err)
	if err != nil {
		return service.Order{}, fromStatus(ctx, err)
	}
	return orderFromPB(resp), nil
}

// ListOrders calls OrdersService.ListOrders.
func (c *Client) ListOrders(ctx context.Context, r service.ListOrdersRequest) (service.OrderPage, error) {
	if c.closed.Load() {
		return service.OrderPage{}, errClosed
	}
	if !utf8.ValidString(r.Cursor) {
		return service.OrderPage{}, service.Errorf(service.KindInvalidArgument, "cursor is not valid UTF-8")
	}
	req := listToPB(r)
	resp, err := c.api.ListOrders(ctx, req)
	recordSizes(ctx, req, resp, err)
	if err != nil {
		return service.OrderPage{}, fromStatus(ctx, err)
	}
	return pageFromPB(resp), nil
}

// Close closes the connection; calls in flight fail with Unavailable.
// Calling it twice is safe.
func (c *Client) Close() error {
	c.closeOnce.Do(func() {
		c.closed.Store(true)
		if err := c.cc.Close(); err != nil {
			c.closeErr = fmt.Errorf("grpctransport: close: %w", err)
		}
	})
	return c.closeErr
}

// Settings describes the client's configuration for the results.
func (c *Client) Settings() map[string]string { return maps.Clone(c.settings) }

// recordSizes fills the call's BodySizes, if it asks for them, with the
// encoded sizes of the protobuf messages alone (0 for the response of a
// failed call, whose status travels in trailers).
func recordSizes(ctx context.Context, req, resp proto.Message, err error) {
	b := transports.BodySizesFrom(ctx)
	if b == nil {
		return
	}
	var n int
	if err == nil {
		n = proto.Size(resp)
	}
	b.Set(int64(proto.Size(req)), int64(n))
}

// checkUTF8 refuses strings proto3 cannot carry.
func checkUTF8(r service.PlaceOrderRequest) error {
	if !utf8.ValidString(r.Note) || !utf8.ValidString(r.RequestID) {
		return service.Errorf(service.KindInvalidArgument, "note and request id must be valid UTF-8")
	}
	for i, it := range r.Items {
		if !utf8.ValidString(it.SKU) {
			return service.Errorf(service.KindInvalidArgument, "item %d: sku must be valid UTF-8", i)
		}
	}
	return nil
}
