package netx

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"syscall"
	"testing"
	"time"

	"github.com/intbench/intbench/service"
)

func TestErr(t *testing.T) {
	live := context.Background()
	expired, cancel := context.WithTimeout(context.Background(), -time.Second)
	defer cancel()
	cancelled, cancel2 := context.WithCancel(context.Background())
	cancel2()
	future, cancel3 := context.WithTimeout(context.Background(), time.Hour)
	defer cancel3()
	refused := &net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}
	reset := &net.OpError{Op: "read", Net: "tcp", Err: os.NewSyscallError("read", syscall.ECONNRESET)}
	timeout := &net.OpError{Op: "read", Net: "tcp", Err: os.ErrDeadlineExceeded}
	notFound := service.Errorf(service.KindNotFound, "no customer")

	tests := []struct {
		name string
		ctx  context.Context
		err  error
		want service.Kind
		is   []error // errors.Is must hold for each, besides the kind
	}{
		{"refused", live, refused, service.KindUnavailable, []error{syscall.ECONNREFUSED}},
		{"reset", live, reset, service.KindUnavailable, []error{syscall.ECONNRESET}},
		{"eof", live, io.EOF, service.KindUnavailable, []error{io.EOF}},
		{"unexpected eof", live, fmt.Errorf("read frame: %w", io.ErrUnexpectedEOF), service.KindUnavailable, []error{io.ErrUnexpectedEOF}},
		{"closed conn", live, net.ErrClosed, service.KindUnavailable, []error{net.ErrClosed}},
		{"closed client", live, ErrClientClosed, service.KindUnavailable, []error{ErrClientClosed}},
		{"socket deadline from the context", expired, timeout, service.KindDeadlineExceeded, []error{os.ErrDeadlineExceeded, context.DeadlineExceeded}},
		{"dial timeout, context live", future, fmt.Errorf("dial: %w", context.DeadlineExceeded), service.KindUnavailable, []error{context.DeadlineExceeded}},
		{"timeout without a deadline", live, timeout, service.KindUnavailable, []error{os.ErrDeadlineExceeded}},
		{"cancelled", cancelled, reset, service.KindUnavailable, []error{context.Canceled, syscall.ECONNRESET}},
		{"cancelled, context error itself", cancelled, context.Canceled, service.KindUnavailable, []error{context.Canceled}},
		{"expired before the call", expired, context.DeadlineExceeded, service.KindDeadlineExceeded, []error{context.DeadlineExceeded}},
		{"unexplained error", live, errors.New("weird"), service.KindUnavailable, nil},
		{"kind kept", expired, notFound, service.KindNotFound, []error{notFound}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Err(tt.ctx, tt.err, "rawtcp: %s", "GetCustomer")
			if k := service.KindOf(got); k != tt.want {
				t.Fatalf("kind %v, want %v (error %v)", k, tt.want, got)
			}
			if !errors.Is(got, tt.err) {
				t.Errorf("%v does not wrap %v", got, tt.err)
			}
			for _, target := range tt.is {
				if !errors.Is(got, target) {
					t.Errorf("errors.Is(%v, %v) = false", got, target)
				}
			}
		})
	}
}

func TestKindLeavesUnknownErrorsToThePattern(t *testing.T) {
	if k, ok := Kind(context.Background(), errors.New("malformed frame")); ok {
		t.Fatalf("Kind = %v, true; want false", k)
	}
}

func TestClosed(t *testing.T) {
	err := Closed("rest")
	if !errors.Is(err, service.ErrUnavailable) || !errors.Is(err, ErrClientClosed) || err.Error() != "unavailable: rest: client is closed" {
		t.Fatalf("Closed = %v", err)
	}
}
