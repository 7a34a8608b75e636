package thrift

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"testing"
	"time"

	"github.com/apache/thrift/lib/go/thrift"

	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/transports/thrift/gen/orders"
)

func TestExceptionsRoundTrip(t *testing.T) {
	for k := service.KindNotFound; k <= service.KindInternal; k++ {
		exc := toException(service.Errorf(k, "msg %d", k))
		got, reusable := callError(context.Background(), "op", exc)
		if service.KindOf(got) != k || service.MessageOf(got) != fmt.Sprintf("msg %d", k) || !reusable {
			t.Errorf("%v: got %v (kind %v, reusable %v)", k, got, service.KindOf(got), reusable)
		}
	}
	// Errors of no known kind travel as Internal.
	if _, ok := toException(errors.New("boom")).(*orders.Internal); !ok {
		t.Error("an unclassified error did not become Internal")
	}
}

func TestCallErrorMapping(t *testing.T) {
	expired, cancel := context.WithTimeout(context.Background(), -time.Second)
	defer cancel()
	cancelled, cancel2 := context.WithCancel(context.Background())
	cancel2()
	// The socket deadline, equal to the context's, fired before the
	// context's own timer.
	timerLate := lateTimer{context.Background(), time.Now().Add(-time.Millisecond)}
	bg := context.Background()

	tests := []struct {
		name string
		ctx  context.Context
		err  error
		want service.Kind
	}{
		{"unknown method", bg, thrift.NewTApplicationException(thrift.UNKNOWN_METHOD, "x"), service.KindInternal},
		{"bad sequence id", bg, thrift.NewTApplicationException(thrift.BAD_SEQUENCE_ID, "x"), service.KindInternal},
		{"server could not decode", bg, thrift.NewTApplicationException(thrift.PROTOCOL_ERROR, "x"), service.KindInvalidArgument},
		{"server internal error", bg, thrift.NewTApplicationException(thrift.INTERNAL_ERROR, "x"), service.KindInternal},
		{"eof", bg, thrift.NewTTransportExceptionFromError(io.EOF), service.KindUnavailable},
		{"eof under protocol", bg, thrift.NewTProtocolException(thrift.NewTTransportExceptionFromError(io.ErrUnexpectedEOF)), service.KindUnavailable},
		{"malformed response", bg, thrift.NewTProtocolExceptionWithType(thrift.INVALID_DATA, errors.New("bad")), service.KindInternal},
		{"context deadline", expired, thrift.NewTTransportExceptionFromError(os.ErrDeadlineExceeded), service.KindDeadlineExceeded},
		{"socket deadline before context timer", timerLate, thrift.NewTTransportExceptionFromError(os.ErrDeadlineExceeded), service.KindDeadlineExceeded},
		{"cancelled", cancelled, thrift.NewTTransportExceptionFromError(os.ErrDeadlineExceeded), service.KindUnavailable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, reusable := callError(tt.ctx, "op", tt.err)
			if k := service.KindOf(got); k != tt.want {
				t.Fatalf("kind %v, want %v (error %v)", k, tt.want, got)
			}
			if reusable {
				t.Fatal("connection reusable after a non-declared error")
			}
			if !errors.Is(got, tt.err) {
				t.Fatalf("%v does not wrap %v", got, tt.err)
			}
		})
	}
}

// lateTimer is a context whose deadline has passed but whose timer has not
// fired yet.
type lateTimer struct {
	context.Context
	deadline time.Time
}

func (c lateTimer) Deadline() (time.Time, bool) { return c.deadline, true }
