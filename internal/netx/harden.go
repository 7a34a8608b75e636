package netx

import (
	"context"
	"time"

	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/transports"
)

// Harden returns c with cfg's call deadline and retry policy applied
// around every call, or c itself when cfg sets neither (the default
// profile pays nothing). The result forwards Close and Settings to c,
// counts its retries (transports.Retrier) and gives c back by Unwrap.
func Harden(c transports.Client, cfg transports.ClientConfig) transports.Client {
	if cfg.CallTimeout <= 0 && cfg.Retry.Attempts <= 1 {
		return c
	}
	return &hardened{Client: c, timeout: cfg.CallTimeout, retry: NewRetry(cfg.Retry)}
}

// Dial is Harden for a pattern's constructor: it hardens c unless err is
// set.
func Dial[C transports.Client](c C, err error, cfg transports.ClientConfig) (transports.Client, error) {
	if err != nil {
		return nil, err
	}
	return Harden(c, cfg), nil
}

type hardened struct {
	transports.Client
	timeout time.Duration
	retry   *Retry
}

var (
	_ transports.Retrier   = (*hardened)(nil)
	_ transports.Describer = (*hardened)(nil)
)

// CallContext returns ctx bounded by timeout, the call deadline of a
// client; a timeout of 0 returns ctx itself and a cancel that does
// nothing, so an unbounded call allocates no timer.
func CallContext(ctx context.Context, timeout time.Duration) (context.Context, context.CancelFunc) {
	if timeout <= 0 {
		return ctx, noCancel
	}
	return context.WithTimeout(ctx, timeout)
}

func noCancel() {}

func (h *hardened) GetCustomer(ctx context.Context, id int64) (service.Customer, error) {
	ctx, cancel := CallContext(ctx, h.timeout)
	defer cancel()
	return Do(ctx, h.retry, true, func(ctx context.Context) (service.Customer, error) {
		return h.Client.GetCustomer(ctx, id)
	})
}

// PlaceOrder is retried only with a request ID, by which the server
// deduplicates it.
func (h *hardened) PlaceOrder(ctx context.Context, req service.PlaceOrderRequest) (service.Order, error) {
	ctx, cancel := CallContext(ctx, h.timeout)
	defer cancel()
	return Do(ctx, h.retry, req.RequestID != "", func(ctx context.Context) (service.Order, error) {
		return h.Client.PlaceOrder(ctx, req)
	})
}

func (h *hardened) ListOrders(ctx context.Context, req service.ListOrdersRequest) (service.OrderPage, error) {
	ctx, cancel := CallContext(ctx, h.timeout)
	defer cancel()
	return Do(ctx, h.retry, true, func(ctx context.Context) (service.OrderPage, error) {
		return h.Client.ListOrders(ctx, req)
	})
}

// Settings returns the wrapped client's settings, which already describe
// the configuration applied here.
func (h *hardened) Settings() map[string]string { return transports.SettingsOf(h.Client) }

// Retries returns the retries made so far.
func (h *hardened) Retries() int64 { return h.retry.Count() }

// Unwrap returns the pattern's own client.
func (h *hardened) Unwrap() transports.Client { return h.Client }
