package evolution

import (
	"context"
	"fmt"

	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/transports"
)

// Client makes the v1 operations and says what it decoded. A v1 client is
// the pattern's own (from transports); a v2 client decodes the v2 contract.
type Client interface {
	GetCustomer(ctx context.Context, id int64) (Record, error)
	// ListOrders reads the first page of a customer's orders.
	ListOrders(ctx context.Context, customerID int64, limit int32) (Record, error)
	PlaceOrder(ctx context.Context, req service.PlaceOrderRequest) (Record, error)
	Close() error
}

// Side is one version of a pattern's contract: how to serve it and how to
// dial it.
type Side interface {
	// Serve serves this version over cfg.Backend.
	Serve(ctx context.Context, cfg transports.ServeConfig) (transports.Server, error)
	// Dial returns a client of this version for a server at addr.
	Dial(ctx context.Context, addr string) (Client, error)
}

// v1Side is a pattern as it is: its own server and client.
type v1Side struct{ tr transports.Transport }

// V1 returns the v1 side of pattern tr: its own server and client.
func V1(tr transports.Transport) Side { return v1Side{tr} }

func (s v1Side) Serve(ctx context.Context, cfg transports.ServeConfig) (transports.Server, error) {
	return s.tr.Serve(ctx, cfg)
}

func (s v1Side) Dial(ctx context.Context, addr string) (Client, error) {
	c, err := s.tr.Dial(ctx, addr, transports.DialConfig{})
	if err != nil {
		return nil, fmt.Errorf("evolution: dial %s: %w", s.tr.Name(), err)
	}
	return ServiceClient(c), nil
}

// ServiceClient adapts a client of the service's own types: its records
// flatten the values it decoded.
func ServiceClient(c transports.Client) Client { return serviceClient{c} }

type serviceClient struct{ c transports.Client }

func (s serviceClient) GetCustomer(ctx context.Context, id int64) (Record, error) {
	c, err := s.c.GetCustomer(ctx, id)
	return Flatten("customer", c), err
}

func (s serviceClient) ListOrders(ctx context.Context, customerID int64, limit int32) (Record, error) {
	p, err := s.c.ListOrders(ctx, service.ListOrdersRequest{CustomerID: customerID, Limit: limit})
	return Flatten("page", p), err
}

func (s serviceClient) PlaceOrder(ctx context.Context, req service.PlaceOrderRequest) (Record, error) {
	o, err := s.c.PlaceOrder(ctx, req)
	return Flatten("order", o), err
}

func (s serviceClient) Close() error { return s.c.Close() }
