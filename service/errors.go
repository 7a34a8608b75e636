package service

import (
	"context"
	"errors"
	"fmt"
)

// Kind is one class of the error taxonomy shared by all patterns. Each
// pattern maps a Kind to its native form and back.
type Kind uint8

// The error kinds. KindOK is the absence of an error.
const (
	KindOK Kind = iota
	KindNotFound
	KindInvalidArgument
	KindConflict
	KindUnavailable
	KindDeadlineExceeded
	KindInternal
)

var kindNames = [...]string{"OK", "NotFound", "InvalidArgument", "Conflict", "Unavailable", "DeadlineExceeded", "Internal"}

// String returns the kind's stable name, as used on the wire by SOAP faults
// and REST error bodies.
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", uint8(k))
}

// ParseKind is the inverse of Kind.String. Unknown names yield KindInternal
// and false.
func ParseKind(s string) (Kind, bool) {
	for i, n := range kindNames {
		if n == s {
			return Kind(i), true
		}
	}
	return KindInternal, false
}

// Sentinel errors, one per kind. Match them with errors.Is.
var (
	ErrNotFound         = errors.New("not found")
	ErrInvalidArgument  = errors.New("invalid argument")
	ErrConflict         = errors.New("conflict")
	ErrUnavailable      = errors.New("unavailable")
	ErrDeadlineExceeded = errors.New("deadline exceeded")
	ErrInternal         = errors.New("internal error")
)

var kindErrs = [...]error{nil, ErrNotFound, ErrInvalidArgument, ErrConflict, ErrUnavailable, ErrDeadlineExceeded, ErrInternal}

// Sentinel returns the sentinel error of k (nil for KindOK).
func (k Kind) Sentinel() error {
	if int(k) < len(kindErrs) {
		return kindErrs[k]
	}
	return ErrInternal
}

// KindOf classifies err by errors.Is against the sentinels and the context
// errors; never by its text. Unknown errors are KindInternal.
func KindOf(err error) Kind {
	if err == nil {
		return KindOK
	}
	for k := KindNotFound; k <= KindInternal; k++ {
		if errors.Is(err, kindErrs[k]) {
			return k
		}
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return KindDeadlineExceeded
	}
	if errors.Is(err, context.Canceled) {
		return KindUnavailable
	}
	return KindInternal
}

// Error is an error of a known kind carrying a message and, for failures
// that crossed from the network or a client library into the taxonomy, the
// error that caused it. Transports build it from their native error form so
// that errors.Is(err, ErrNotFound) holds on the client side; a cause stays
// reachable too, so errors.Is(err, syscall.ECONNRESET) or errors.As(err,
// &netErr) see through it.
type Error struct {
	Kind    Kind
	Message string
	// Cause is what made the call fail, or nil for an error the service
	// itself reported.
	Cause error
}

// Errorf returns an *Error of kind k with a formatted message.
func Errorf(k Kind, format string, args ...any) error {
	return &Error{Kind: k, Message: fmt.Sprintf(format, args...)}
}

// Wrap returns an *Error of kind k with a formatted message that keeps
// cause in the chain: errors.Is and errors.As match both the kind's
// sentinel and cause. Clients use it where a network or library error
// becomes a kind, so callers can still tell a reset from a refusal. A nil
// cause makes it Errorf.
func Wrap(k Kind, cause error, format string, args ...any) error {
	return &Error{Kind: k, Message: fmt.Sprintf(format, args...), Cause: cause}
}

// Error returns the message prefixed with the kind's sentinel text and
// followed by the cause, if any.
func (e *Error) Error() string {
	s := e.Message
	if sentinel := e.Kind.Sentinel(); sentinel != nil {
		if s == "" {
			s = sentinel.Error()
		} else {
			s = sentinel.Error() + ": " + s
		}
	}
	if e.Cause != nil {
		s += ": " + e.Cause.Error()
	}
	return s
}

// Unwrap returns the sentinel of the error's kind and the cause, if any.
func (e *Error) Unwrap() []error {
	sentinel := e.Kind.Sentinel()
	switch {
	case e.Cause == nil && sentinel == nil:
		return nil
	case e.Cause == nil:
		return []error{sentinel}
	case sentinel == nil:
		return []error{e.Cause}
	}
	return []error{sentinel, e.Cause}
}

// MessageOf returns the message of err without its kind prefix, as a
// transport should put it on the wire next to the kind. The cause of an
// *Error is not part of its message: it describes this side's network,
// not what the service said.
func MessageOf(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return err.Error()
}
