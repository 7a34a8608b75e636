package rest

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

// onlyReader hides a reader's type so net/http sends it chunked, without a
// Content-Length.
type onlyReader struct{ io.Reader }

func TestBadRequests(t *testing.T) {
	svc, _ := newCore(t)
	const maxBody = 1 << 10
	srv := startServer(t, svc, maxBody)
	base := "http://" + srv.Addr()
	hc := plainClient(t)
	good := `{"items":[{"sku":"A","quantity":1,"unit_price_cents":5}]}`
	big := `{"items":[{"sku":"A","quantity":1,"unit_price_cents":5}],"note":"` + strings.Repeat("x", 4*maxBody) + `"}`

	tests := []struct {
		name      string
		method    string
		path      string
		header    http.Header
		body      io.Reader
		status    int
		kind      string
		wantAllow string
	}{
		{"malformed JSON", "POST", "/customers/1/orders", jsonHeader("k1"), strings.NewReader(`{"items":[`), 400, "InvalidArgument", ""},
		{"not an object", "POST", "/customers/1/orders", jsonHeader("k2"), strings.NewReader(`[1,2]`), 400, "InvalidArgument", ""},
		{"unknown field", "POST", "/customers/1/orders", jsonHeader("k3"), strings.NewReader(`{"itemz":[]}`), 400, "InvalidArgument", ""},
		{"wrong field type", "POST", "/customers/1/orders", jsonHeader("k4"), strings.NewReader(`{"items":[{"sku":"A","quantity":"1","unit_price_cents":5}]}`), 400, "InvalidArgument", ""},
		{"quantity overflows int32", "POST", "/customers/1/orders", jsonHeader("k5"), strings.NewReader(`{"items":[{"sku":"A","quantity":4294967296,"unit_price_cents":5}]}`), 400, "InvalidArgument", ""},
		{"trailing data", "POST", "/customers/1/orders", jsonHeader("k6"), strings.NewReader(good + `{}`), 400, "InvalidArgument", ""},
		{"invalid UTF-8", "POST", "/customers/1/orders", jsonHeader("k7"), strings.NewReader(`{"items":[{"sku":"A","quantity":1,"unit_price_cents":5}],"note":"` + "\xff" + `"}`), 400, "InvalidArgument", ""},
		{"empty body", "POST", "/customers/1/orders", jsonHeader("k8"), nil, 400, "InvalidArgument", ""},
		{"no items", "POST", "/customers/1/orders", jsonHeader("k9"), strings.NewReader(`{"items":[]}`), 400, "InvalidArgument", ""},
		{"wrong content type", "POST", "/customers/1/orders", http.Header{"Content-Type": {"text/plain"}, "Idempotency-Key": {"k10"}}, strings.NewReader(good), 415, "InvalidArgument", ""},
		{"wrong charset", "POST", "/customers/1/orders", http.Header{"Content-Type": {"application/json; charset=latin1"}, "Idempotency-Key": {"k11"}}, strings.NewReader(good), 415, "InvalidArgument", ""},
		{"missing content type", "POST", "/customers/1/orders", http.Header{"Idempotency-Key": {"k12"}}, strings.NewReader(good), 415, "InvalidArgument", ""},
		{"missing Idempotency-Key", "POST", "/customers/1/orders", http.Header{"Content-Type": {ContentType}}, strings.NewReader(good), 400, "InvalidArgument", ""},
		{"bad percent-encoding in key", "POST", "/customers/1/orders", jsonHeader("a%zz"), strings.NewReader(good), 400, "InvalidArgument", ""},
		{"oversized body", "POST", "/customers/1/orders", jsonHeader("k13"), strings.NewReader(big), 413, "InvalidArgument", ""},
		{"oversized chunked body", "POST", "/customers/1/orders", jsonHeader("k14"), onlyReader{strings.NewReader(big)}, 413, "InvalidArgument", ""},
		{"unknown path", "GET", "/nope", nil, nil, 404, "NotFound", ""},
		{"unknown subresource", "GET", "/customers/1/orders/7", nil, nil, 404, "NotFound", ""},
		{"wrong method on customer", "DELETE", "/customers/1", nil, nil, 405, "InvalidArgument", "GET, HEAD"},
		{"wrong method on orders", "PUT", "/customers/1/orders", jsonHeader("k15"), strings.NewReader(good), 405, "InvalidArgument", "GET, HEAD, POST"},
		{"non-numeric id", "GET", "/customers/abc", nil, nil, 400, "InvalidArgument", ""},
		{"non-numeric id on orders", "GET", "/customers/1x/orders", nil, nil, 400, "InvalidArgument", ""},
		{"non-numeric id on POST", "POST", "/customers/abc/orders", jsonHeader("k16"), strings.NewReader(good), 400, "InvalidArgument", ""},
		{"id zero", "GET", "/customers/0", nil, nil, 400, "InvalidArgument", ""},
		{"unknown customer", "GET", "/customers/999999", nil, nil, 404, "NotFound", ""},
		{"orders of unknown customer", "GET", "/customers/999999/orders", nil, nil, 404, "NotFound", ""},
		{"limit=0", "GET", "/customers/1/orders?limit=0", nil, nil, 400, "InvalidArgument", ""},
		{"limit=abc", "GET", "/customers/1/orders?limit=abc", nil, nil, 400, "InvalidArgument", ""},
		{"empty limit", "GET", "/customers/1/orders?limit=", nil, nil, 400, "InvalidArgument", ""},
		{"limit over int32", "GET", "/customers/1/orders?limit=99999999999", nil, nil, 400, "InvalidArgument", ""},
		{"limit over max", "GET", "/customers/1/orders?limit=1001", nil, nil, 400, "InvalidArgument", ""},
		{"bad cursor", "GET", "/customers/1/orders?limit=5&cursor=bogus", nil, nil, 400, "InvalidArgument", ""},
		{"malformed query", "GET", "/customers/1/orders?limit=5&cursor=%zz", nil, nil, 400, "InvalidArgument", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := do(t, hc, tt.method, base+tt.path, tt.header, tt.body)
			if r.status != tt.status {
				t.Fatalf("status %d, want %d; body %s", r.status, tt.status, r.body)
			}
			if kind := r.errorKind(t); kind != tt.kind {
				t.Errorf("kind %q, want %q", kind, tt.kind)
			}
			if got := r.header.Get("Allow"); got != tt.wantAllow {
				t.Errorf("Allow %q, want %q", got, tt.wantAllow)
			}
			// The server keeps serving, over the same client.
			if ok := do(t, hc, "GET", base+"/customers/1", nil, nil); ok.status != http.StatusOK {
				t.Fatalf("GET /customers/1 after the bad request: status %d, body %s", ok.status, ok.body)
			}
		})
	}
}

func TestGoodRequests(t *testing.T) {
	svc, _ := newCore(t)
	srv := startServer(t, svc, 0)
	base := "http://" + srv.Addr()
	hc := plainClient(t)
	good := `{"items":[{"sku":"A","quantity":2,"unit_price_cents":5}],"note":"hi"}`
	tests := []struct {
		name   string
		method string
		path   string
		header http.Header
		body   string
		status int
	}{
		{"HEAD customer", "HEAD", "/customers/1", nil, "", 200},
		{"orders with default limit", "GET", "/customers/2/orders", nil, "", 200},
		{"unknown query parameters ignored", "GET", "/customers/2/orders?limit=1&x=y", nil, "", 200},
		{"charset utf-8", "POST", "/customers/3/orders", http.Header{"Content-Type": {"application/json; charset=UTF-8"}, "Idempotency-Key": {"g1"}}, good, 201},
		{"replay answers 201 too", "POST", "/customers/3/orders", http.Header{"Content-Type": {"application/json; charset=UTF-8"}, "Idempotency-Key": {"g1"}}, good, 201},
		{"conflicting replay", "POST", "/customers/3/orders", jsonHeader("g1"), `{"items":[{"sku":"B","quantity":2,"unit_price_cents":5}]}`, 409},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := do(t, hc, tt.method, base+tt.path, tt.header, strings.NewReader(tt.body))
			if r.status != tt.status {
				t.Fatalf("status %d, want %d; body %s", r.status, tt.status, r.body)
			}
			if ct := r.header.Get("Content-Type"); ct != ContentType {
				t.Errorf("Content-Type %q, want %q", ct, ContentType)
			}
			if r.header.Get("Content-Length") == "" {
				t.Error("no Content-Length")
			}
		})
	}
}
