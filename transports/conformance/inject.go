package conformance

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/intbench/intbench/service"
)

// injectBase is the first of the customer IDs for which the server-side
// injector answers with an error of kind (id - injectBase), so that every
// kind, including those the core never produces on its own, crosses the
// wire.
const injectBase = 1_000_000_000_000

// hangID is the customer ID for which the injector answers nothing until
// the call's context ends or the fixture is torn down.
const hangID = injectBase + 100

// injector wraps the served service.
type injector struct {
	service.Service
	hang <-chan struct{} // closed when the fixture ends
}

func (s injector) GetCustomer(ctx context.Context, id int64) (service.Customer, error) {
	if k := service.Kind(id - injectBase); id >= injectBase && k > service.KindOK && k <= service.KindInternal {
		return service.Customer{}, service.Errorf(k, "injected %s for customer %d", k, id)
	}
	if id == hangID {
		select {
		case <-ctx.Done():
		case <-s.hang:
		}
		return service.Customer{}, service.Errorf(service.KindUnavailable, "hung call released")
	}
	return s.Service.GetCustomer(ctx, id)
}

// testCancelWhileWaiting checks that a call on a server that does not
// answer ends promptly when its context is cancelled, without a deadline:
// the engine's watchdog relies on it under the default profile, where no
// client sets a deadline of its own.
func testCancelWhileWaiting(t *testing.T, f *fixture) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	time.AfterFunc(50*time.Millisecond, cancel)
	start := time.Now()
	_, err := f.client.GetCustomer(ctx, hangID)
	if took := time.Since(start); took > 5*time.Second {
		t.Fatalf("a cancelled call returned after %v", took)
	}
	if k := service.KindOf(err); k != service.KindUnavailable || !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled call: error %v (kind %v), want Unavailable wrapping context.Canceled", err, k)
	}
	// The client still works.
	if _, err := f.client.GetCustomer(callCtx(t), 1); err != nil {
		t.Fatalf("GetCustomer after a cancelled call: %v", err)
	}
}

func testErrorKinds(t *testing.T, f *fixture) {
	for k := service.KindNotFound; k <= service.KindInternal; k++ {
		t.Run(k.String(), func(t *testing.T) {
			_, err := f.client.GetCustomer(callCtx(t), injectBase+int64(k))
			if !errors.Is(err, k.Sentinel()) {
				t.Fatalf("GetCustomer: got error %v (kind %v), want kind %v", err, service.KindOf(err), k)
			}
			if got := service.KindOf(err); got != k {
				t.Fatalf("KindOf = %v, want %v", got, k)
			}
		})
	}
}
