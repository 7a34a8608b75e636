package grpctransport

import (
	"slices"
	"testing"

	"google.golang.org/grpc/codes"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	reflectionpb "google.golang.org/grpc/reflection/grpc_reflection_v1"
	"google.golang.org/grpc/status"

	pb "github.com/intbench/intbench/transports/grpc/gen/ordersv1"
)

func TestHealth(t *testing.T) {
	srv := startServer(t, nil, 0)
	hc := healthpb.NewHealthClient(rawConn(t, srv.Addr()))
	tests := []struct {
		service  string
		want     healthpb.HealthCheckResponse_ServingStatus
		wantCode codes.Code
	}{
		{"", healthpb.HealthCheckResponse_SERVING, codes.OK},
		{pb.OrdersService_ServiceDesc.ServiceName, healthpb.HealthCheckResponse_SERVING, codes.OK},
		{"no.such.Service", 0, codes.NotFound},
	}
	for _, tt := range tests {
		resp, err := hc.Check(testCtx(t), &healthpb.HealthCheckRequest{Service: tt.service})
		if status.Code(err) != tt.wantCode || resp.GetStatus() != tt.want {
			t.Errorf("Check(%q) = %v, %v; want %v, code %v", tt.service, resp.GetStatus(), err, tt.want, tt.wantCode)
		}
	}
}

func TestReflection(t *testing.T) {
	srv := startServer(t, nil, 0)
	rc := reflectionpb.NewServerReflectionClient(rawConn(t, srv.Addr()))
	stream, err := rc.ServerReflectionInfo(testCtx(t))
	if err != nil {
		t.Fatalf("ServerReflectionInfo: %v", err)
	}
	t.Cleanup(func() { _ = stream.CloseSend() })

	if err := stream.Send(&reflectionpb.ServerReflectionRequest{
		MessageRequest: &reflectionpb.ServerReflectionRequest_ListServices{},
	}); err != nil {
		t.Fatalf("send ListServices: %v", err)
	}
	resp, err := stream.Recv()
	if err != nil {
		t.Fatalf("recv ListServices: %v", err)
	}
	var names []string
	for _, s := range resp.GetListServicesResponse().GetService() {
		names = append(names, s.GetName())
	}
	for _, want := range []string{pb.OrdersService_ServiceDesc.ServiceName, "grpc.health.v1.Health"} {
		if !slices.Contains(names, want) {
			t.Errorf("reflection lists %v, want %s among them", names, want)
		}
	}

	if err := stream.Send(&reflectionpb.ServerReflectionRequest{
		MessageRequest: &reflectionpb.ServerReflectionRequest_FileContainingSymbol{FileContainingSymbol: "intbench.orders.v1.OrdersService.GetCustomer"},
	}); err != nil {
		t.Fatalf("send FileContainingSymbol: %v", err)
	}
	resp, err = stream.Recv()
	if err != nil {
		t.Fatalf("recv FileContainingSymbol: %v", err)
	}
	if files := resp.GetFileDescriptorResponse().GetFileDescriptorProto(); len(files) == 0 {
		t.Fatalf("no file descriptor for GetCustomer: %v", resp.GetErrorResponse())
	}
}
