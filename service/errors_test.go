package service

import (
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"syscall"
	"testing"
)

func TestWrapKeepsKindAndCause(t *testing.T) {
	reset := &net.OpError{Op: "read", Net: "tcp", Err: os.NewSyscallError("read", syscall.ECONNRESET)}
	tests := []struct {
		name      string
		err       error
		kind      Kind
		is        []error // errors.Is must hold for each
		isNot     []error
		message   string // MessageOf
		errorText string // Error
	}{
		{
			name:      "reset under unavailable",
			err:       Wrap(KindUnavailable, reset, "rest: GetCustomer"),
			kind:      KindUnavailable,
			is:        []error{ErrUnavailable, syscall.ECONNRESET},
			isNot:     []error{ErrDeadlineExceeded, io.EOF},
			message:   "rest: GetCustomer",
			errorText: "unavailable: rest: GetCustomer: read tcp: read: connection reset by peer",
		},
		{
			name:      "wrapped again with a prefix",
			err:       fmt.Errorf("outer: %w", Wrap(KindUnavailable, io.ErrUnexpectedEOF, "thrift: %s", "getCustomer")),
			kind:      KindUnavailable,
			is:        []error{ErrUnavailable, io.ErrUnexpectedEOF},
			isNot:     []error{io.EOF},
			message:   "thrift: getCustomer",
			errorText: "outer: unavailable: thrift: getCustomer: unexpected EOF",
		},
		{
			name:      "timeout under deadline exceeded",
			err:       Wrap(KindDeadlineExceeded, os.ErrDeadlineExceeded, "rawtcp"),
			kind:      KindDeadlineExceeded,
			is:        []error{ErrDeadlineExceeded, os.ErrDeadlineExceeded},
			message:   "rawtcp",
			errorText: "deadline exceeded: rawtcp: i/o timeout",
		},
		{
			name:      "nil cause is Errorf",
			err:       Wrap(KindNotFound, nil, "customer %d", 7),
			kind:      KindNotFound,
			is:        []error{ErrNotFound},
			isNot:     []error{ErrUnavailable},
			message:   "customer 7",
			errorText: "not found: customer 7",
		},
		{
			name:      "empty message",
			err:       Wrap(KindUnavailable, io.EOF, ""),
			kind:      KindUnavailable,
			is:        []error{ErrUnavailable, io.EOF},
			errorText: "unavailable: EOF",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := KindOf(tt.err); got != tt.kind {
				t.Errorf("KindOf = %v, want %v", got, tt.kind)
			}
			for _, target := range tt.is {
				if !errors.Is(tt.err, target) {
					t.Errorf("errors.Is(%v, %v) = false", tt.err, target)
				}
			}
			for _, target := range tt.isNot {
				if errors.Is(tt.err, target) {
					t.Errorf("errors.Is(%v, %v) = true", tt.err, target)
				}
			}
			if got := MessageOf(tt.err); got != tt.message {
				t.Errorf("MessageOf = %q, want %q", got, tt.message)
			}
			if got := tt.err.Error(); got != tt.errorText {
				t.Errorf("Error = %q, want %q", got, tt.errorText)
			}
			var e *Error
			if !errors.As(tt.err, &e) || e.Kind != tt.kind {
				t.Errorf("errors.As *Error: %v", e)
			}
		})
	}
}

func TestWrapCauseReachableByAs(t *testing.T) {
	op := &net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}
	err := Wrap(KindUnavailable, fmt.Errorf("dial 127.0.0.1:1: %w", op), "rawtcp")
	var got *net.OpError
	if !errors.As(err, &got) || got.Op != "dial" {
		t.Fatalf("errors.As(*net.OpError) = %v", got)
	}
	var ne net.Error
	if !errors.As(err, &ne) {
		t.Fatal("errors.As(net.Error) = false")
	}
	if !errors.Is(err, syscall.ECONNREFUSED) {
		t.Fatal("errors.Is(ECONNREFUSED) = false")
	}
}
