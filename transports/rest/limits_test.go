package rest

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/transports"
)

// placeBody is a PlaceOrder body of exactly size bytes: one item and a
// note padded to fit.
func placeBody(size int) string {
	const head, tail = `{"items":[{"sku":"A","quantity":1,"unit_price_cents":5}],"note":"`, `"}`
	return head + strings.Repeat("x", size-len(head)-len(tail)) + tail
}

// nested is a JSON value whose arrays nest levels deep.
func nested(levels int) string { return strings.Repeat("[", levels) + strings.Repeat("]", levels) }

// The server's limits one byte (or level) either side: the body
// (announced or chunked) and the nesting of the JSON in it.
func TestServerBodyAndDepthLimits(t *testing.T) {
	const maxBody = 1 << 10
	svc, _ := newCore(t)
	small := startServer(t, svc, maxBody)
	large := startServer(t, svc, 0)
	hc := plainClient(t)
	// The body's object is one level; its note's arrays the rest.
	deep := func(depth int) string {
		return `{"items":[{"sku":"A","quantity":1,"unit_price_cents":5}],"note":` + nested(depth-1) + `}`
	}
	tests := []struct {
		name    string
		srv     transports.Server
		body    io.Reader
		status  int
		message string // in the error's message
	}{
		{"body at the limit", small, strings.NewReader(placeBody(maxBody)), 201, ""},
		{"body one byte over", small, strings.NewReader(placeBody(maxBody + 1)), 413, "exceeds the limit of 1024 bytes"},
		{"chunked body at the limit", small, onlyReader{strings.NewReader(placeBody(maxBody))}, 201, ""},
		{"chunked body one byte over", small, onlyReader{strings.NewReader(placeBody(maxBody + 1))}, 413, "exceeds the limit of 1024 bytes"},
		// At the limit the JSON is read, and refused for its type.
		{"nesting at the limit", large, strings.NewReader(deep(transports.MaxDepth)), 400, "cannot unmarshal array"},
		{"nesting one level over", large, strings.NewReader(deep(transports.MaxDepth + 1)), 400, "exceeded max depth"},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := do(t, hc, "POST", "http://"+tt.srv.Addr()+"/customers/1/orders", jsonHeader(fmt.Sprint("lim-", i)), tt.body)
			if r.status != tt.status || !strings.Contains(string(r.body), tt.message) {
				t.Fatalf("status %d, body %.300s; want %d with %q", r.status, r.body, tt.status, tt.message)
			}
		})
	}
}

// The client reads JSON nested up to MaxDepth; one level more is a
// malformed response (Internal).
func TestClientDepthLimit(t *testing.T) {
	const customer = `{"id":1,"name":"a","email":"a@b","tier":"basic","created_at":"2025-01-01T00:00:00.000000Z","tags":[],"x":`
	for _, tt := range []struct {
		name  string
		depth int // the document's, its object included
		want  error
	}{
		{"at the limit", transports.MaxDepth, nil},
		{"one level over", transports.MaxDepth + 1, service.ErrInternal},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
				w.Header().Set("Content-Type", ContentType)
				_, _ = io.WriteString(w, customer+nested(tt.depth-1)+"}")
			}))
			defer srv.Close()
			cl := dial(t, strings.TrimPrefix(srv.URL, "http://"), transports.DialConfig{})
			_, err := cl.GetCustomer(testCtx(t), 1)
			if !errors.Is(err, tt.want) || (tt.want != nil && !strings.Contains(err.Error(), "exceeded max depth")) {
				t.Fatalf("GetCustomer: %v, want %v", err, tt.want)
			}
		})
	}
}

// The client reads responses up to its MaxResponseBytes; one byte more is
// Internal, and not read further.
func TestClientResponseLimit(t *testing.T) {
	const doc = `{"id":1,"name":"a","email":"a@b","tier":"basic","created_at":"2025-01-01T00:00:00.000000Z","tags":[]}`
	for _, tt := range []struct {
		name string
		max  int64
		want error
	}{
		{"at the limit", int64(len(doc)), nil},
		{"one byte over", int64(len(doc)) - 1, service.ErrInternal},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
				w.Header().Set("Content-Type", ContentType)
				_, _ = io.WriteString(w, doc)
			}))
			defer srv.Close()
			cl := dial(t, strings.TrimPrefix(srv.URL, "http://"), transports.DialConfig{MaxResponseBytes: tt.max})
			if _, err := cl.GetCustomer(testCtx(t), 1); !errors.Is(err, tt.want) {
				t.Fatalf("GetCustomer: %v, want %v", err, tt.want)
			}
		})
	}
}
