package conformance

import (
	"context"
	"errors"
	"testing"

	"github.com/intbench/intbench/service"
)

// injectBase is the first of the customer IDs for which the server-side
// injector answers with an error of kind (id - injectBase), so that every
// kind, including those the core never produces on its own, crosses the
// wire.
const injectBase = 1_000_000_000_000

// injector wraps the served service.
type injector struct{ service.Service }

func (s injector) GetCustomer(ctx context.Context, id int64) (service.Customer, error) {
	if k := service.Kind(id - injectBase); id >= injectBase && k > service.KindOK && k <= service.KindInternal {
		return service.Customer{}, service.Errorf(k, "injected %s for customer %d", k, id)
	}
	return s.Service.GetCustomer(ctx, id)
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
