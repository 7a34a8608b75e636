package fuzzx

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/intbench/intbench/service"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// recorder is a testing.TB whose Fatalf records the failure and ends
// the goroutine, as testing's does.
type recorder struct {
	testing.TB
	failure string
}

func (r *recorder) Helper() {}

func (r *recorder) Fatalf(format string, args ...any) {
	r.failure = fmt.Sprintf(format, args...)
	runtime.Goexit()
}

// failure runs f with a recorder and returns what it failed with.
func failure(f func(testing.TB)) string {
	r := &recorder{}
	done := make(chan struct{})
	go func() {
		defer close(done)
		f(r)
	}()
	<-done
	return r.failure
}

var sink []byte

func TestBudget(t *testing.T) {
	b := Budget{PerByte: 4, Fixed: 64 << 10}
	tests := []struct {
		name  string
		n     int
		alloc int
		want  string
	}{
		{"within", 100, 1 << 10, ""},
		{"per byte", 1 << 20, 3 << 20, ""},
		{"over", 10, 1 << 20, "allocated"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := failure(func(tb testing.TB) {
				b.Call(tb, tt.n, func(context.Context) { sink = make([]byte, tt.alloc) })
			})
			if !strings.Contains(got, tt.want) || (tt.want == "") != (got == "") {
				t.Fatalf("failure %q, want %q", got, tt.want)
			}
		})
	}
}

func TestCheckError(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{nil, ""},
		{service.Errorf(service.KindNotFound, "x"), ""},
		{fmt.Errorf("rest: %w", service.ErrInternal), ""},
		{context.DeadlineExceeded, ""},
		{errors.New("plain"), "no kind"},
	}
	for _, tt := range tests {
		got := failure(func(tb testing.TB) { CheckError(tb, tt.err) })
		if !strings.Contains(got, tt.want) || (tt.want == "") != (got == "") {
			t.Errorf("%v: failure %q, want %q", tt.err, got, tt.want)
		}
	}
}

func TestPeer(t *testing.T) {
	p := NewPeer([]byte("hi"))
	if b, err := io.ReadAll(p); err != nil || string(b) != "hi" {
		t.Fatalf("NewPeer reads %q, %v", b, err)
	}
	r := NewReplier([]byte("answer"))
	r.SetReadDeadline(time.Now().Add(10 * time.Millisecond))
	if _, err := r.Read(make([]byte, 8)); !errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatalf("a read before any write: %v, want a deadline error", err)
	}
	r.SetReadDeadline(time.Time{})
	go r.Write([]byte("request"))
	if b, err := io.ReadAll(r); err != nil || string(b) != "answer" {
		t.Fatalf("NewReplier reads %q, %v after a write", b, err)
	}
	if string(r.Sent()) != "request" {
		t.Fatalf("sent %q", r.Sent())
	}
	r.Close()
	if _, err := r.Read(make([]byte, 1)); !errors.Is(err, net.ErrClosed) {
		t.Fatalf("read after Close: %v", err)
	}
	dial := DialPeer([]byte("x"))
	if _, err := dial(context.Background(), "tcp", "a:1"); err != nil {
		t.Fatal(err)
	}
	if _, err := dial(context.Background(), "tcp", "a:1"); !errors.Is(err, ErrOneConn) {
		t.Fatalf("second dial: %v", err)
	}
}

// TestMarshal pins the corpus format go test reads.
func TestMarshal(t *testing.T) {
	got := string(Marshal([]byte("a\x00\n"), "é", byte(7), uint16(200), true))
	want := "go test fuzz v1\n[]byte(\"a\\x00\\n\")\nstring(\"é\")\nbyte('\\a')\nuint16(200)\nbool(true)\n"
	if got != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
}

func TestService(t *testing.T) {
	svc := Service()
	ctx := context.Background()
	o, err := svc.PlaceOrder(ctx, Place)
	if err != nil || o.ID != PlacedID || !o.CreatedAt.Equal(service.SeedEpoch) {
		t.Fatalf("placed %+v, %v", o, err)
	}
	p, err := svc.ListOrders(ctx, service.ListOrdersRequest{CustomerID: 1, Limit: 1000})
	if err != nil || len(p.Orders) != Data.HeavyOrders {
		t.Fatalf("a placed order was kept: %d orders, %v", len(p.Orders), err)
	}
	if _, err := svc.PlaceOrder(ctx, service.PlaceOrderRequest{CustomerID: 99, RequestID: "r", Items: Place.Items}); !errors.Is(err, service.ErrNotFound) {
		t.Fatalf("unknown customer: %v", err)
	}
}
