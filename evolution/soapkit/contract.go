package soapkit

import (
	"context"
	"errors"
	"fmt"

	"github.com/intbench/intbench/evolution"
	"github.com/intbench/intbench/internal/httpx"
	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/transports"
)

// Contract is a v2 of the SOAP contract: its WSDL and the XML mapping of
// its operations.
type Contract struct {
	// WSDL is the v2 service description. Its ports' soap:address
	// locations (http://localhost/<path>, as in v1) say at which path
	// each operation listens, and its bindings' soapAction how it is
	// called.
	WSDL string
	// The mappings of the operations; nil keeps v1's.
	GetCustomer CustomerOp
	ListOrders  OrdersOp
	PlaceOrder  PlaceOp
	// Provider is the v2 provider's behaviour around the reference
	// service (a new status it reports, say); nil serves it as it is.
	Provider func(service.Service) service.Service
}

// withDefaults fills the operations the change leaves as in v1.
func (c Contract) withDefaults() Contract {
	if c.GetCustomer == nil {
		c.GetCustomer = GetCustomer[Customer]{Wire: CustomerOf}
	}
	if c.ListOrders == nil {
		c.ListOrders = ListOrders[Order[Item]]{Wire: OrderOf(ItemOf)}
	}
	if c.PlaceOrder == nil {
		c.PlaceOrder = PlaceOrderOf(ItemOf, ItemFrom)
	}
	if c.Provider == nil {
		c.Provider = func(s service.Service) service.Service { return s }
	}
	return c
}

func (c Contract) operations() []operation {
	return []operation{c.GetCustomer, c.ListOrders, c.PlaceOrder}
}

// side is a Contract served and dialled.
type side struct {
	c      Contract
	ws     *wsdl
	router router
}

// Side returns the v2 side of the SOAP pattern that c describes. It
// panics when c's WSDL cannot be read or binds an operation to no
// endpoint (or to one this kit does not have): a change calls it from
// init, with a WSDL it embeds.
func Side(c Contract) evolution.Side {
	s, err := newSide(c)
	if err != nil {
		panic(err)
	}
	return s
}

func newSide(c Contract) (*side, error) {
	c = c.withDefaults()
	ws, err := parseWSDL(c.WSDL)
	if err != nil {
		return nil, err
	}
	rt, err := newRouter(ws, c.operations())
	if err != nil {
		return nil, err
	}
	return &side{c: c, ws: ws, router: rt}, nil
}

// Serve serves the v2 contract over cfg.Backend at cfg.ListenAddr().
func (s *side) Serve(ctx context.Context, cfg transports.ServeConfig) (transports.Server, error) {
	if cfg.Backend.Service == nil {
		return nil, errors.New("soapkit: serve: backend has no service")
	}
	h := &handler{svc: s.c.Provider(cfg.Backend.Service), ws: s.ws, router: s.router, maxBody: cfg.Limits.WithDefaults().MaxBodyBytes}
	hs, err := httpx.Serve(ctx, cfg.ListenAddr(), cfg.Limits, h) // transports/soap's server, within the same limits
	if err != nil {
		return nil, fmt.Errorf("soapkit: %w", err)
	}
	return hs, nil
}

// Dial returns a v2 client of the server at addr (host:port).
func (s *side) Dial(_ context.Context, addr string) (evolution.Client, error) {
	return &client{c: s.c, caller: newCaller(addr, s.ws.routes)}, nil
}

// client is the v2 client: each operation decodes into the v2 types and
// its record flattens them.
type client struct {
	c Contract
	*caller
}

func (c *client) GetCustomer(ctx context.Context, id int64) (evolution.Record, error) {
	return c.c.GetCustomer.get(ctx, c.caller, id)
}

func (c *client) ListOrders(ctx context.Context, customerID int64, limit int32) (evolution.Record, error) {
	return c.c.ListOrders.list(ctx, c.caller, customerID, limit)
}

func (c *client) PlaceOrder(ctx context.Context, req service.PlaceOrderRequest) (evolution.Record, error) {
	return c.c.PlaceOrder.place(ctx, c.caller, req)
}
