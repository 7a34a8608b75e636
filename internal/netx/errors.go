package netx

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"syscall"
	"time"

	"github.com/intbench/intbench/service"
)

// ErrClientClosed is the cause of every call on a closed client. It is
// never retried.
var ErrClientClosed = errors.New("client is closed")

// Closed returns the error of a call on a closed client of the pattern
// named by prefix: Unavailable, caused by ErrClientClosed.
func Closed(prefix string) error {
	return service.Wrap(service.KindUnavailable, ErrClientClosed, "%s", prefix)
}

// Kind classifies the failure err of a call governed by ctx, first by the
// context, then by the network:
//
//   - the context's deadline passed: DeadlineExceeded;
//   - the context was cancelled: Unavailable;
//   - a timeout (a socket deadline taken from the context, or a dial
//     timeout): DeadlineExceeded once the context's deadline has passed,
//     else Unavailable (the peer could not be reached in time);
//   - a refused, reset, closed or broken connection, an EOF, any other
//     net.Error, or a closed client: Unavailable.
//
// ok is false when neither explains err; the pattern decides (a malformed
// response is Internal).
func Kind(ctx context.Context, err error) (k service.Kind, ok bool) {
	switch ctxErr := ctx.Err(); {
	case errors.Is(ctxErr, context.DeadlineExceeded):
		return service.KindDeadlineExceeded, true
	case ctxErr != nil:
		return service.KindUnavailable, true
	case isTimeout(err):
		if dl, has := ctx.Deadline(); has && !time.Now().Before(dl) {
			return service.KindDeadlineExceeded, true
		}
		return service.KindUnavailable, true
	case isConnError(err):
		return service.KindUnavailable, true
	}
	return service.KindInternal, false
}

func isTimeout(err error) bool {
	return errors.Is(err, os.ErrDeadlineExceeded) || errors.Is(err, context.DeadlineExceeded)
}

func isConnError(err error) bool {
	var ne net.Error
	return errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, net.ErrClosed) ||
		errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE) ||
		errors.Is(err, syscall.ECONNABORTED) || errors.Is(err, ErrClientClosed) || errors.As(err, &ne)
}

// Err returns the failure err of a call governed by ctx as a service error
// whose message is the formatted prefix and whose chain holds err, so
// errors.Is and errors.As see the kind's sentinel, err and what err wraps.
// An error that already has a kind keeps it. Otherwise the kind is Kind's,
// or Unavailable when Kind cannot tell: callers pass only failures of the
// connection or the library. When the context has ended, its error joins
// the chain too.
func Err(ctx context.Context, err error, format string, args ...any) error {
	if hasKind(err) {
		return fmt.Errorf(format+": %w", append(args, err)...)
	}
	k, ok := Kind(ctx, err)
	if !ok {
		k = service.KindUnavailable
	}
	if ctxErr := ctx.Err(); ctxErr != nil && !errors.Is(err, ctxErr) {
		err = fmt.Errorf("%w: %w", ctxErr, err)
	}
	return service.Wrap(k, err, format, args...)
}

// hasKind reports whether err already carries a kind of the taxonomy.
func hasKind(err error) bool {
	for k := service.KindNotFound; k <= service.KindInternal; k++ {
		if errors.Is(err, k.Sentinel()) {
			return true
		}
	}
	return false
}
