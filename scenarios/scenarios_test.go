package scenarios

import (
	"context"
	"reflect"
	"testing"

	"github.com/intbench/intbench/service"
)

func TestExpand(t *testing.T) {
	got, err := Expand([]string{"get-customer", "payload", "get-customer"})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, s := range got {
		names = append(names, s.Name)
	}
	want := []string{"get-customer", "payload-64B", "payload-1KiB", "payload-16KiB", "payload-256KiB", "payload-1MiB"}
	if !reflect.DeepEqual(names, want) {
		t.Fatalf("Expand = %v, want %v", names, want)
	}
	if _, err := Expand([]string{"nope"}); err == nil {
		t.Fatal("unknown scenario accepted")
	}
	for _, n := range Standard {
		if _, err := Lookup(n); err != nil {
			t.Errorf("standard scenario %s: %v", n, err)
		}
	}
}

func TestValidate(t *testing.T) {
	bad := []Scenario{
		{Name: "", Steps: []Step{{Op: GetCustomer, Weight: 1}}},
		{Name: "x"},
		{Name: "x", Steps: []Step{{Op: GetCustomer, Weight: 0}}},
		{Name: "x", Steps: []Step{{Op: ListOrders, Weight: 1, Limit: 0}}},
		{Name: "x", Steps: []Step{{Op: PlaceOrder, Weight: 1, NoteBytes: 2 << 20}}},
		{Name: "x", Steps: []Step{{Op: "delete-everything", Weight: 1}}},
	}
	for _, s := range bad {
		if s.Validate() == nil {
			t.Errorf("Validate(%+v) accepted", s)
		}
	}
}

// recorder remembers the requests a worker makes.
type recorder struct {
	gets   []int64
	lists  []service.ListOrdersRequest
	places []service.PlaceOrderRequest
}

func (r *recorder) GetCustomer(_ context.Context, id int64) (service.Customer, error) {
	r.gets = append(r.gets, id)
	return service.Customer{}, nil
}
func (r *recorder) PlaceOrder(_ context.Context, req service.PlaceOrderRequest) (service.Order, error) {
	r.places = append(r.places, req)
	return service.Order{}, nil
}
func (r *recorder) ListOrders(_ context.Context, req service.ListOrdersRequest) (service.OrderPage, error) {
	r.lists = append(r.lists, req)
	return service.OrderPage{}, nil
}

func drive(s Scenario, n int, seed uint64) *recorder {
	r := &recorder{}
	w := NewWorker(s, service.DefaultSeed(), seed, 3, "t")
	for range n {
		_ = w.Call(context.Background(), r, w.Next())
	}
	return r
}

func TestWorkerIsDeterministicAndTargetsTheRightCustomers(t *testing.T) {
	mixed, _ := Lookup("mixed")
	a, b := drive(mixed, 2000, 1), drive(mixed, 2000, 1)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("same seed, different calls")
	}
	if len(a.gets) < 1200 || len(a.gets) > 1600 || len(a.places) < 100 || len(a.places) > 300 {
		t.Fatalf("mix 70/20/10 gave %d gets, %d lists, %d places of 2000", len(a.gets), len(a.lists), len(a.places))
	}
	seed := service.DefaultSeed()
	seen := map[string]bool{}
	for _, p := range a.places {
		if p.CustomerID <= int64(seed.HeavyCustomers) || p.CustomerID > int64(seed.Customers) {
			t.Fatalf("write to customer %d: writes must avoid the heavy customers", p.CustomerID)
		}
		if seen[p.RequestID] {
			t.Fatalf("request id %q reused", p.RequestID)
		}
		seen[p.RequestID] = true
		if len(p.Note) != 64 {
			t.Fatalf("note of %d bytes, want 64", len(p.Note))
		}
	}
	for _, l := range a.lists {
		if l.CustomerID < 1 || l.CustomerID > int64(seed.HeavyCustomers) || l.Limit != 10 {
			t.Fatalf("list %+v: want a heavy customer and limit 10", l)
		}
	}
}

func TestPayloadNotes(t *testing.T) {
	for i, n := range PayloadSizes {
		s, err := Lookup("payload-" + sizeName(n))
		if err != nil {
			t.Fatal(err)
		}
		r := drive(s, 1, uint64(i))
		if got := len(r.places[0].Note); got != n || !service.ValidText(r.places[0].Note) {
			t.Errorf("%s: note of %d bytes, want %d of valid text", s.Name, got, n)
		}
	}
}

func BenchmarkWorkerPlaceOrder(b *testing.B) {
	s, _ := Lookup("place-order")
	w := NewWorker(s, service.DefaultSeed(), 1, 0, "b")
	var nop nopService
	b.ReportAllocs()
	for b.Loop() {
		_ = w.Call(context.Background(), nop, 0)
	}
}

type nopService struct{}

func (nopService) GetCustomer(context.Context, int64) (service.Customer, error) {
	return service.Customer{}, nil
}
func (nopService) PlaceOrder(context.Context, service.PlaceOrderRequest) (service.Order, error) {
	return service.Order{}, nil
}
func (nopService) ListOrders(context.Context, service.ListOrdersRequest) (service.OrderPage, error) {
	return service.OrderPage{}, nil
}

func TestPendingRequestIDIsTheNextOne(t *testing.T) {
	s, _ := Lookup("place-order")
	w := NewWorker(s, service.DefaultSeed(), 1, 4, "tag")
	r := &recorder{}
	for range 3 {
		want := w.PendingRequestID()
		_ = w.Call(context.Background(), r, 0)
		if got := r.places[len(r.places)-1].RequestID; got != want {
			t.Fatalf("pending %q, then the call carried %q", want, got)
		}
	}
	if p := w.RequestIDPrefix(); p != "tag-w4-" {
		t.Fatalf("prefix %q", p)
	}
}
