package soapkit_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/intbench/intbench/evolution/soapkit"
	"github.com/intbench/intbench/service"
)

// stuck is a service whose reads wait for their caller to give up.
type stuck struct{ service.Service }

func (stuck) GetCustomer(ctx context.Context, _ int64) (service.Customer, error) {
	<-ctx.Done()
	return service.Customer{}, ctx.Err()
}

// A call ends at its caller's deadline, and the server's handler with it:
// closing the server then does not wait for the stuck call.
func TestDeadline(t *testing.T) {
	side := soapkit.Side(soapkit.Contract{WSDL: v1WSDL(t)})
	srv := serveSide(t, side, func(s service.Service) service.Service { return stuck{s} })
	c := dialSide(t, side, srv)
	ctx, cancel := context.WithTimeout(testCtx(t), 100*time.Millisecond)
	defer cancel()
	_, err := c.GetCustomer(ctx, 1)
	if !errors.Is(err, service.ErrDeadlineExceeded) || !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("GetCustomer: %v, want DeadlineExceeded with its cause", err)
	}
	start := time.Now()
	if err := srv.Close(); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 4*time.Second {
		t.Errorf("Close took %v: the handler outlived its caller", d)
	}
}
