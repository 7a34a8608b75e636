package restkit

import (
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/intbench/intbench/service"
)

// An adapter that changes nothing serves v1's representation: the same
// status, JSON and error bodies for every kind of request.
func TestEmptyAdapterServesV1(t *testing.T) {
	cfg := memory(t)
	v1, v2 := serveV1(t, cfg), serveV2(t, Adapter{}, cfg)
	tests := []struct{ method, path, body string }{
		{"GET", "/customers/1", ""},
		{"GET", "/customers/1/orders?limit=10", ""},
		{"HEAD", "/customers/1", ""},
		{"GET", "/customers/999", ""},
		{"GET", "/customers/x", ""},
		{"DELETE", "/customers/1", ""},
		{"GET", "/nowhere", ""},
		{"POST", "/customers/3/orders", `{"items":[]}`},
		{"POST", "/customers/3/orders", `{"items":`},
	}
	for _, tt := range tests {
		want, got := do(t, v1, tt.method, tt.path, tt.body), do(t, v2, tt.method, tt.path, tt.body)
		if got.status != want.status || (len(want.body) > 0 && !reflect.DeepEqual(object(t, got.body), object(t, want.body))) {
			t.Errorf("%s %s: v2 %d %s, v1 %d %s", tt.method, tt.path, got.status, got.body, want.status, want.body)
		}
	}
}

// testAdapter exercises every part of an Adapter.
var testAdapter = Adapter{
	Routes: map[string]Route{
		"GET /clients/{id}": {Op: OpCustomer, To: func(r *http.Request) (*url.URL, error) {
			if _, err := strconv.Atoi(r.PathValue("id")); err != nil {
				return nil, service.Errorf(service.KindInvalidArgument, "id %q", r.PathValue("id"))
			}
			return &url.URL{Path: "/customers/" + r.PathValue("id")}, nil
		}},
		"GET /customers/{id}": {Gone: true},
	},
	Requests: map[Op]Transform{OpPlace: func(doc Object) error {
		if _, ok := doc["refuse"]; ok {
			return service.Errorf(service.KindInvalidArgument, "refused")
		}
		delete(doc, "extra")
		return nil
	}},
	Responses: map[Op]Transform{
		OpCustomer: func(doc Object) error { return doc.Set("added", "a&b") },
		OpPage:     func(Object) error { return service.Errorf(service.KindInternal, "cannot") },
	},
	Echoes: map[Op]Echo{OpPlace: func(req, resp Object) error { // sees what Requests removed
		if raw, ok := req["extra"]; ok {
			resp["extra"] = raw
		}
		return nil
	}},
}

func TestAdapter(t *testing.T) {
	v2 := serveV2(t, testAdapter, memory(t))
	tests := []struct {
		name, method, path, body string
		status                   int
		kind                     string // of the error body
		member, value            string // of a success
	}{
		{"route and response", "GET", "/clients/1", "", 200, "", "added", "a&b"},
		{"route refuses", "GET", "/clients/x", "", 400, "InvalidArgument", "", ""},
		{"gone", "GET", "/customers/1", "", 404, "NotFound", "", ""},
		{"request transformed", "POST", "/customers/3/orders", `{"items":[{"sku":"S","quantity":1,"unit_price_cents":5}],"extra":1}`, 201, "", "customer_id", "3"},
		{"request echoed", "POST", "/customers/3/orders", `{"items":[{"sku":"S","quantity":1,"unit_price_cents":5}],"extra":7}`, 201, "", "extra", "7"},
		{"request refused", "POST", "/customers/3/orders", `{"items":[],"refuse":true}`, 400, "InvalidArgument", "", ""},
		{"not JSON goes through", "POST", "/customers/3/orders", `{"items":`, 400, "InvalidArgument", "", ""},
		{"v1 errors go through", "POST", "/customers/999/orders", `{"items":[{"sku":"S","quantity":1,"unit_price_cents":5}]}`, 404, "NotFound", "", ""},
		{"response not transformed", "GET", "/customers/1/orders", "", 500, "Internal", "", ""},
	}
	for _, tt := range tests {
		got := do(t, v2, tt.method, tt.path, tt.body)
		switch {
		case got.status != tt.status:
			t.Errorf("%s: status %d (%s), want %d", tt.name, got.status, got.body, tt.status)
		case tt.kind != "" && errorKind(t, got.body) != tt.kind:
			t.Errorf("%s: error %s, want kind %s", tt.name, got.body, tt.kind)
		case tt.member != "" && fmt.Sprint(object(t, got.body)[tt.member]) != tt.value:
			t.Errorf("%s: %s = %v, want %s", tt.name, tt.member, object(t, got.body)[tt.member], tt.value)
		case tt.kind == "" && got.header.Get("Content-Length") != strconv.Itoa(len(got.body)):
			t.Errorf("%s: Content-Length %s for %d bytes", tt.name, got.header.Get("Content-Length"), len(got.body))
		}
	}
}

// A v1 server that cannot be reached is Unavailable, in v1's format.
func TestV1ServerUnreachable(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	_ = ln.Close()
	ts := httptest.NewServer(newHandler(Adapter{}, &url.URL{Scheme: "http", Host: addr}, http.DefaultTransport, 1<<20))
	defer ts.Close()
	got := do(t, strings.TrimPrefix(ts.URL, "http://"), "GET", "/customers/1", "")
	if got.status != http.StatusServiceUnavailable || errorKind(t, got.body) != "Unavailable" {
		t.Fatalf("v1 server down: %d %s, want 503 Unavailable", got.status, got.body)
	}
}

// A request body over the server's limit is refused before it is read
// whole, as the v1 server does (413).
func TestRequestOverTheLimit(t *testing.T) {
	cfg := memory(t)
	cfg.Limits.MaxBodyBytes = 64
	v2 := serveV2(t, testAdapter, cfg)
	got := do(t, v2, "POST", "/customers/3/orders", `{"items":[],"note":"`+strings.Repeat("x", 100)+`"}`)
	if got.status != http.StatusRequestEntityTooLarge || errorKind(t, got.body) != "InvalidArgument" {
		t.Fatalf("oversized body: %d %s, want 413 InvalidArgument", got.status, got.body)
	}
}
