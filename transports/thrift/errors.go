package thrift

import (
	"context"
	"errors"
	"fmt"

	"github.com/apache/thrift/lib/go/thrift"

	"github.com/intbench/intbench/internal/netx"
	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/transports/thrift/gen/orders"
)

// toException maps a service error to the declared exception of its kind.
func toException(err error) error {
	msg := service.MessageOf(err)
	switch service.KindOf(err) {
	case service.KindNotFound:
		return &orders.NotFound{Message: msg}
	case service.KindInvalidArgument:
		return &orders.InvalidArgument{Message: msg}
	case service.KindConflict:
		return &orders.Conflict{Message: msg}
	case service.KindUnavailable:
		return &orders.Unavailable{Message: msg}
	case service.KindDeadlineExceeded:
		return &orders.DeadlineExceeded{Message: msg}
	default:
		return &orders.Internal{Message: msg}
	}
}

// declaredKind returns the kind and message of a declared exception.
func declaredKind(err error) (service.Kind, string, bool) {
	switch e := err.(type) {
	case *orders.NotFound:
		return service.KindNotFound, e.GetMessage(), true
	case *orders.InvalidArgument:
		return service.KindInvalidArgument, e.GetMessage(), true
	case *orders.Conflict:
		return service.KindConflict, e.GetMessage(), true
	case *orders.Unavailable:
		return service.KindUnavailable, e.GetMessage(), true
	case *orders.DeadlineExceeded:
		return service.KindDeadlineExceeded, e.GetMessage(), true
	case *orders.Internal:
		return service.KindInternal, e.GetMessage(), true
	}
	return service.KindOK, "", false
}

// callError maps the error of a call of op to the service taxonomy. It
// reports whether the connection is still in step and may be reused: only
// after a declared exception, a complete message the server chose to send.
func callError(ctx context.Context, op string, err error) (_ error, reusable bool) {
	if k, msg, ok := declaredKind(err); ok {
		return service.Errorf(k, "%s", msg), true
	}
	return CallError(ctx, err, "thrift: %s", op), false
}

// CallError maps err, the failure of a call governed by ctx that is not a
// declared exception, to the service taxonomy as the pattern's client
// does, with the formatted prefix: the context's end and broken
// connections by netx.Err; a TApplicationException PROTOCOL_ERROR (the
// server could not decode the request: a missing required field or a
// value out of the protocol's range) as InvalidArgument; any other one,
// a malformed response (TProtocolException) and anything else as
// Internal. The connection is out of step after any of them. It serves
// the clients of other generated code (evolution/thriftkit).
func CallError(ctx context.Context, err error, format string, args ...any) error {
	if _, ok := netx.Kind(ctx, err); ok || isTransportError(err) {
		return netx.Err(ctx, err, format, args...)
	}
	kind := service.KindInternal
	var ae thrift.TApplicationException
	if errors.As(err, &ae) && ae.TypeId() == thrift.PROTOCOL_ERROR {
		kind = service.KindInvalidArgument
	}
	return fmt.Errorf(format+": %w: %w", append(args, kind.Sentinel(), err)...)
}

// isTransportError reports whether err comes from the connection rather
// than from the bytes on it, in Thrift's terms.
func isTransportError(err error) bool {
	var te thrift.TTransportException
	return errors.As(err, &te)
}
