package grpckit

import (
	"context"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protodesc"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/descriptorpb"
	"google.golang.org/protobuf/types/dynamicpb"

	"github.com/intbench/intbench/evolution"
	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/transports"
	grpctransport "github.com/intbench/intbench/transports/grpc"
	pb "github.com/intbench/intbench/transports/grpc/gen/ordersv1"
)

// v1Contract is the v1 contract as a kit contract: the descriptors of
// transports/grpc's generated code, nothing changed.
func v1Contract(t *testing.T) Contract {
	t.Helper()
	set := &descriptorpb.FileDescriptorSet{File: []*descriptorpb.FileDescriptorProto{protodesc.ToFileDescriptorProto(pb.File_orders_v1_orders_proto)}}
	b, err := proto.Marshal(set)
	if err != nil {
		t.Fatal(err)
	}
	return Contract{Descriptors: b}
}

// ops are calls on the seeded data, including ones that fail.
var ops = []struct {
	name string
	do   func(context.Context, evolution.Client) (evolution.Record, error)
}{
	{"get-customer 1", func(ctx context.Context, c evolution.Client) (evolution.Record, error) { return c.GetCustomer(ctx, 1) }},
	{"get-customer 3", func(ctx context.Context, c evolution.Client) (evolution.Record, error) { return c.GetCustomer(ctx, 3) }},
	{"get-customer 9999", func(ctx context.Context, c evolution.Client) (evolution.Record, error) {
		return c.GetCustomer(ctx, 9999)
	}},
	{"list-orders 1", func(ctx context.Context, c evolution.Client) (evolution.Record, error) {
		return c.ListOrders(ctx, 1, 10)
	}},
	{"list-orders 0", func(ctx context.Context, c evolution.Client) (evolution.Record, error) {
		return c.ListOrders(ctx, 1, 0)
	}},
	{"place-order", func(ctx context.Context, c evolution.Client) (evolution.Record, error) {
		rec, err := c.PlaceOrder(ctx, service.PlaceOrderRequest{CustomerID: 3, Note: "kit", RequestID: "kit-1",
			Items: []service.LineItem{{SKU: "SKU-1", Quantity: 2, UnitPriceCents: 1250}}})
		for k := range rec {
			if strings.HasSuffix(k, "CreatedAt") {
				delete(rec, k)
			}
		}
		return rec, err
	}},
}

type result struct {
	rec  evolution.Record
	code codes.Code
}

// run serves side over a fresh in-memory backend and makes ops with the
// client dial makes.
func run(t *testing.T, serve evolution.Side, dial evolution.Side) []result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	be := transports.Backend{Service: service.NewCore(service.NewMemoryStore(service.MustGenerate(evolution.Seed)))}
	srv, err := serve.Serve(ctx, transports.ServeConfig{Backend: be})
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if err := srv.Close(); err != nil {
			t.Error(err)
		}
	}()
	c, err := dial.Dial(ctx, srv.Addr())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	var out []result
	for _, op := range ops {
		rec, err := op.do(ctx, c)
		out = append(out, result{rec, status.Code(err)})
	}
	return out
}

// With v1's own descriptors, the kit is transports/grpc: the v1 client
// decodes the same values from the kit's server, and the kit's client the
// same fields from either server.
func TestKitIsV1WithV1Descriptors(t *testing.T) {
	kit, err := Side(v1Contract(t))
	if err != nil {
		t.Fatal(err)
	}
	v1 := evolution.V1(grpctransport.New())
	tests := []struct {
		name                 string
		want, got            [2]evolution.Side // server, client
		wantKeys, wantStatus string
	}{
		{"v1 client", [2]evolution.Side{v1, v1}, [2]evolution.Side{kit, v1}, "customer.Name", "order.Status"},
		{"kit client", [2]evolution.Side{kit, kit}, [2]evolution.Side{v1, kit}, "customer.name", "order.status"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want, got := run(t, tt.want[0], tt.want[1]), run(t, tt.got[0], tt.got[1])
			for i, op := range ops {
				if d := evolution.Diff(want[i].rec, got[i].rec); len(d) > 0 || want[i].code != got[i].code {
					t.Errorf("%s: %v, code %v, want %v", op.name, d, got[i].code, want[i].code)
				}
			}
			if want[2].code != codes.NotFound || want[4].code != codes.InvalidArgument {
				t.Errorf("failing calls: %v, %v, want NotFound, InvalidArgument", want[2].code, want[4].code)
			}
			if want[0].rec[tt.wantKeys] == "" || want[5].rec[tt.wantStatus] == "" {
				t.Errorf("records lack %s or %s: %v %v", tt.wantKeys, tt.wantStatus, slices.Sorted(maps.Keys(want[0].rec)), want[5].rec)
			}
		})
	}
}

func TestFlatten(t *testing.T) {
	c, err := compile(v1Contract(t))
	if err != nil {
		t.Fatal(err)
	}
	out := dynamicpb.NewMessage(c.methods[ListOrders].Output())
	page := service.OrderPage{Orders: []service.Order{{ID: 7, Status: service.StatusPaid, Items: []service.LineItem{{SKU: "a", Quantity: 3}}}}}
	if err := c.encode(out, reflect.ValueOf(page)); err != nil {
		t.Fatal(err)
	}
	o := out.Get(out.Descriptor().Fields().ByName("orders")).List().Get(0).Message()
	o.Set(o.Descriptor().Fields().ByName("status"), protoreflect.ValueOfEnum(9)) // a number v1 does not know
	got := Flatten("page", out)
	want := map[string]string{"page.orders.len": "1", "page.orders[0].id": "7", "page.orders[0].status": "9",
		"page.orders[0].items[0].quantity": "3", "page.orders[0].note": "", "page.next_cursor": "", "page.orders[0].created_at_unix_micros": "-62135596800000000"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %q, want %q (record %v)", k, got[k], v, got)
		}
	}
}

func TestCompileErrors(t *testing.T) {
	good := v1Contract(t)
	tests := []struct {
		name string
		c    Contract
	}{
		{"not a descriptor set", Contract{Descriptors: []byte("not protobuf")}},
		{"no such method", Contract{Descriptors: good.Descriptors, Methods: map[string]string{ListOrders: "intbench.orders.v1.Nowhere.ListOrders"}}},
		{"not a method", Contract{Descriptors: good.Descriptors, Methods: map[string]string{ListOrders: "intbench.orders.v1.Customer"}}},
	}
	for _, tt := range tests {
		if _, err := Side(tt.c); err == nil {
			t.Errorf("%s: no error", tt.name)
		}
	}
}

// Every field of the service's types that travels has a v1 name.
func TestV1Names(t *testing.T) {
	for _, v := range []any{service.Customer{}, service.Order{}, service.LineItem{}, service.OrderPage{},
		service.PlaceOrderRequest{}, service.ListOrdersRequest{}, getCustomerRequest{}} {
		rt := reflect.TypeOf(v)
		for i := range rt.NumField() {
			if _, ok := v1Names[rt.Field(i).Name]; !ok {
				t.Errorf("%s.%s has no v1 name", rt.Name(), rt.Field(i).Name)
			}
		}
	}
}
