package bench

import (
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"syscall"
	"testing"

	"github.com/intbench/intbench/results"
	"github.com/intbench/intbench/service"
)

func TestClassify(t *testing.T) {
	opErr := func(e error) error { return &net.OpError{Op: "read", Net: "tcp", Err: os.NewSyscallError("read", e)} }
	tests := []struct {
		name    string
		err     error
		expired bool
		want    string
	}{
		{"expired by the watchdog", service.Errorf(service.KindDeadlineExceeded, "x"), true, results.ClassHung},
		{"late success", nil, true, results.ClassHung},
		{"refused", fmt.Errorf("dial: %w", opErr(syscall.ECONNREFUSED)), false, results.ClassRefused},
		{"reset in a kind error", service.Wrap(service.KindUnavailable, opErr(syscall.ECONNRESET), "rest"), false, results.ClassReset},
		{"broken pipe", opErr(syscall.EPIPE), false, results.ClassReset},
		{"eof", service.Wrap(service.KindUnavailable, io.ErrUnexpectedEOF, "thrift"), false, results.ClassEOF},
		{"socket deadline", service.Wrap(service.KindDeadlineExceeded, os.ErrDeadlineExceeded, "rawtcp"), false, results.ClassTimeout},
		{"context deadline", context.DeadlineExceeded, false, results.ClassTimeout},
		{"kind only: deadline", service.Errorf(service.KindDeadlineExceeded, "grpc"), false, results.ClassTimeout},
		{"kind only: unavailable", service.Errorf(service.KindUnavailable, "grpc"), false, results.ClassUnavailable},
		{"malformed answer", service.Errorf(service.KindInternal, "decode"), false, results.ClassProtocol},
		{"not found", service.Errorf(service.KindNotFound, "customer 9"), false, results.ClassApplication},
		{"conflict", service.Errorf(service.KindConflict, "request id"), false, results.ClassApplication},
	}
	for _, tt := range tests {
		if got := results.Classes[classify(tt.err, tt.expired)]; got != tt.want {
			t.Errorf("%s: classify(%v) = %s, want %s", tt.name, tt.err, got, tt.want)
		}
	}
}
