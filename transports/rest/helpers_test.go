package rest

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/transports"
)

// testSeed has one heavy customer whose orders span three default pages.
var testSeed = service.SeedConfig{Seed: 3, Customers: 20, OrdersPerCustomer: 2, HeavyCustomers: 1, HeavyOrders: 2*DefaultLimit + 5}

const testTimeout = 10 * time.Second

func testCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
	t.Cleanup(cancel)
	return ctx
}

// newCore returns the reference service over a fresh memory store.
func newCore(t *testing.T) (service.Service, service.Dataset) {
	t.Helper()
	ds := service.MustGenerate(testSeed)
	return service.NewCore(service.NewMemoryStore(ds)), ds
}

// startServer serves svc on 127.0.0.1:0 until t ends.
func startServer(t *testing.T, svc service.Service, maxBody int64) transports.Server {
	t.Helper()
	srv, err := New().Serve(testCtx(t), transports.ServeConfig{Limits: transports.Limits{MaxBodyBytes: maxBody}, Backend: transports.Backend{Service: svc}})
	if err != nil {
		t.Fatalf("serve: %v", err)
	}
	t.Cleanup(func() {
		if err := srv.Close(); err != nil {
			t.Errorf("close server: %v", err)
		}
	})
	return srv
}

// dial returns a client of addr, closed when t ends.
func dial(t *testing.T, addr string, cfg transports.DialConfig) transports.Client {
	t.Helper()
	cl, err := New().Dial(testCtx(t), addr, cfg)
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	t.Cleanup(func() { _ = cl.Close() })
	return cl
}

// plainClient is a stock http.Client, as any consumer would use.
func plainClient(t *testing.T) *http.Client {
	tr := &http.Transport{}
	t.Cleanup(tr.CloseIdleConnections)
	return &http.Client{Transport: tr, Timeout: testTimeout}
}

// rawResponse is what a plain HTTP call returned.
type rawResponse struct {
	status int
	header http.Header
	body   []byte
}

func do(t *testing.T, hc *http.Client, method, url string, hdr http.Header, body io.Reader) rawResponse {
	t.Helper()
	req, err := http.NewRequestWithContext(testCtx(t), method, url, body)
	if err != nil {
		t.Fatalf("new request: %v", err)
	}
	for k, v := range hdr {
		req.Header[k] = v
	}
	res, err := hc.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatalf("%s %s: read body: %v", method, url, err)
	}
	return rawResponse{status: res.StatusCode, header: res.Header, body: b}
}

// errorKind decodes an error document and returns its kind, failing t if
// the body is not one.
func (r rawResponse) errorKind(t *testing.T) string {
	t.Helper()
	var doc errorDoc
	d := json.NewDecoder(bytes.NewReader(r.body))
	d.DisallowUnknownFields()
	if err := d.Decode(&doc); err != nil {
		t.Fatalf("status %d: body %q is not an error document: %v", r.status, r.body, err)
	}
	if ct := r.header.Get("Content-Type"); ct != ContentType {
		t.Errorf("error Content-Type %q, want %q", ct, ContentType)
	}
	if doc.Error.Message == "" {
		t.Errorf("error document without a message: %s", r.body)
	}
	return doc.Error.Kind
}

// jsonHeader is the header of a well-formed POST.
func jsonHeader(key string) http.Header {
	return http.Header{"Content-Type": {ContentType}, "Idempotency-Key": {key}}
}
