package grpctransport

import (
	"context"
	"fmt"
	"net"
	"strconv"
	"sync"
	"time"
	"unicode/utf8"

	"google.golang.org/grpc"
	"google.golang.org/grpc/backoff"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/keepalive"
	"google.golang.org/protobuf/proto"

	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/transports"
	pb "github.com/intbench/intbench/transports/grpc/gen/ordersv1"
)

// Client settings.
const (
	// clientPingTime and clientPingTimeout detect a dead connection (a
	// black-holed peer) within about 30 s even for calls without a
	// deadline. clientPingTime respects the server's pingMinTime.
	clientPingTime    = 20 * time.Second
	clientPingTimeout = 10 * time.Second
	// Reconnection backs off from backoffBase to backoffMax (gRPC's own
	// default maximum is 120 s, too slow to recover from a short outage).
	backoffBase = 100 * time.Millisecond
	backoffMax  = 5 * time.Second
	// maxSendMsgBytes is generous: the server's limit decides, and answers
	// RESOURCE_EXHAUSTED, which the caller sees as InvalidArgument.
	maxSendMsgBytes = transports.MaxResponseBytes
)

// Client is the orders service over gRPC: one ClientConn, whose single
// HTTP/2 connection multiplexes the calls of all goroutines.
type Client struct {
	cc  *grpc.ClientConn
	api pb.OrdersServiceClient

	closeOnce sync.Once
	closeErr  error
}

var _ transports.Client = (*Client)(nil)

func newClient(_ context.Context, addr string, cfg transports.DialConfig) (*Client, error) {
	dial := cfg.DialFunc()
	cc, err := grpc.NewClient("passthrough:///"+addr,
		grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithContextDialer(func(ctx context.Context, a string) (net.Conn, error) {
			return dial(ctx, "tcp", a)
		}),
		grpc.WithConnectParams(grpc.ConnectParams{
			Backoff:           backoff.Config{BaseDelay: backoffBase, Multiplier: 1.6, Jitter: 0.2, MaxDelay: backoffMax},
			MinConnectTimeout: transports.DefaultDialTimeout,
		}),
		grpc.WithKeepaliveParams(keepalive.ClientParameters{Time: clientPingTime, Timeout: clientPingTimeout}),
		grpc.WithDefaultCallOptions(
			grpc.MaxCallRecvMsgSize(transports.MaxResponseBytes),
			grpc.MaxCallSendMsgSize(maxSendMsgBytes),
		),
	)
	if err != nil {
		return nil, fmt.Errorf("grpctransport: dial %s: %w", addr, err)
	}
	cc.Connect() // start connecting now rather than on the first call
	return &Client{cc: cc, api: pb.NewOrdersServiceClient(cc)}, nil
}

// GetCustomer calls OrdersService.GetCustomer.
func (c *Client) GetCustomer(ctx context.Context, id int64) (service.Customer, error) {
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
		if err := c.cc.Close(); err != nil {
			c.closeErr = fmt.Errorf("grpctransport: close: %w", err)
		}
	})
	return c.closeErr
}

// Settings describes the client's configuration for the results.
func (c *Client) Settings() map[string]string {
	return map[string]string{
		"library":            "google.golang.org/grpc",
		"connections":        "1 (HTTP/2, all calls multiplexed)",
		"resolver":           "passthrough",
		"wait_for_ready":     "false (fail fast)",
		"reconnect_backoff":  backoffBase.String() + ".." + backoffMax.String(),
		"keepalive":          clientPingTime.String() + "/" + clientPingTimeout.String(),
		"max_recv_msg_bytes": strconv.Itoa(transports.MaxResponseBytes),
		"max_send_msg_bytes": strconv.Itoa(maxSendMsgBytes),
		"compression":        "none",
	}
}

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
