package grpctransport

import (
	"context"

	"github.com/intbench/intbench/service"
	pb "github.com/intbench/intbench/transports/grpc/gen/ordersv1"
)

// handler adapts a service.Service to the generated OrdersServiceServer.
// It holds no rules: the backend's core validates every request.
type handler struct {
	pb.UnimplementedOrdersServiceServer
	svc service.Service
}

var _ pb.OrdersServiceServer = (*handler)(nil)

// GetCustomer serves OrdersService.GetCustomer.
func (h *handler) GetCustomer(ctx context.Context, req *pb.GetCustomerRequest) (*pb.Customer, error) {
	c, err := h.svc.GetCustomer(ctx, req.GetId())
	if err != nil {
		return nil, toStatus(err)
	}
	return customerToPB(c), nil
}

// PlaceOrder serves OrdersService.PlaceOrder.
func (h *handler) PlaceOrder(ctx context.Context, req *pb.PlaceOrderRequest) (*pb.Order, error) {
	o, err := h.svc.PlaceOrder(ctx, placeFromPB(req))
	if err != nil {
		return nil, toStatus(err)
	}
	return orderToPB(o), nil
}

// ListOrders serves OrdersService.ListOrders.
func (h *handler) ListOrders(ctx context.Context, req *pb.ListOrdersRequest) (*pb.ListOrdersResponse, error) {
	p, err := h.svc.ListOrders(ctx, listFromPB(req))
	if err != nil {
		return nil, toStatus(err)
	}
	return pageToPB(p), nil
}
