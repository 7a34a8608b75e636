package grpctransport

import (
	"context"
	"fmt"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/intbench/intbench/internal/netx"
	"github.com/intbench/intbench/service"
)

// codeOf is the gRPC status code a server answers for an error of kind k.
func codeOf(k service.Kind) codes.Code {
	switch k {
	case service.KindOK:
		return codes.OK
	case service.KindNotFound:
		return codes.NotFound
	case service.KindInvalidArgument:
		return codes.InvalidArgument
	case service.KindConflict:
		return codes.AlreadyExists
	case service.KindUnavailable:
		return codes.Unavailable
	case service.KindDeadlineExceeded:
		return codes.DeadlineExceeded
	default:
		return codes.Internal
	}
}

// kindOf is the error kind a client reports for status code c.
func kindOf(c codes.Code) service.Kind {
	switch c {
	case codes.OK:
		return service.KindOK
	case codes.NotFound:
		return service.KindNotFound
	case codes.InvalidArgument, codes.OutOfRange, codes.ResourceExhausted:
		return service.KindInvalidArgument
	case codes.AlreadyExists, codes.Aborted, codes.FailedPrecondition:
		return service.KindConflict
	case codes.Unavailable, codes.Canceled:
		return service.KindUnavailable
	case codes.DeadlineExceeded:
		return service.KindDeadlineExceeded
	default:
		return service.KindInternal
	}
}

// toStatus converts a service error into the gRPC status the server sends.
func toStatus(err error) error {
	if err == nil {
		return nil
	}
	return status.Error(codeOf(service.KindOf(err)), service.MessageOf(err))
}

// fromStatus converts the error of a call into a service error of its
// status code's kind, with the status message as its message. The gRPC
// status error stays in the chain (status.Code and status.FromError still
// work), and when ctx has ended its error joins it, so callers can match
// context.DeadlineExceeded or context.Canceled as well. gRPC reports every
// transport failure (refused, reset, EOF, a failed keepalive) as
// UNAVAILABLE with the cause in the message only: the syscall error does
// not reach the caller.
func fromStatus(ctx context.Context, err error) error {
	if err == nil {
		return nil
	}
	st, ok := status.FromError(err)
	if !ok {
		// Not produced by gRPC; classify what it wraps.
		return netx.Err(ctx, err, "grpctransport")
	}
	if cerr := ctx.Err(); cerr != nil {
		err = fmt.Errorf("%w: %w", cerr, err)
	}
	return service.Wrap(kindOf(st.Code()), err, "%s", st.Message())
}
