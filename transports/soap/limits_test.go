package soap

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/transports"
)

// withHeader is an envelope whose Header holds entry before the Body.
func withHeader(entry, body string) string {
	return `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:o="urn:intbench:orders:v1">` +
		`<soap:Header>` + entry + `</soap:Header><soap:Body>` + body + `</soap:Body></soap:Envelope>`
}

// nestedElems is an element nested levels deep.
func nestedElems(levels int) string {
	return strings.Repeat(`<a>`, levels) + strings.Repeat(`</a>`, levels)
}

// padded is a GetCustomer envelope of exactly size bytes (white space in
// the Body).
func padded(size int) string {
	e := envelope(goodGetCustomer)
	return strings.Replace(e, "<soap:Body>", "<soap:Body>"+strings.Repeat(" ", size-len(e)), 1)
}

// billionLaughs declares entities that would expand to a gigabyte.
const billionLaughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">` +
	`<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">` +
	`<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>`

// The server's limits one byte (or level) either side, and no entity
// expansion: the body, the nesting of elements anywhere in the envelope
// (here in a Header entry, which the server skips), DTDs (entity
// declarations, internal or external) refused, undeclared entities never
// resolved.
func TestServerLimits(t *testing.T) {
	const maxBody = 4 << 10
	small, _ := startServer(t, maxBody)
	large, _ := startServer(t, 0)
	hc := &http.Client{Transport: &http.Transport{}}
	t.Cleanup(hc.CloseIdleConnections)
	// Envelope and Header are two levels; the entry the rest.
	deep := func(depth int) string { return withHeader(nestedElems(depth-2), goodGetCustomer) }
	get := func(id string) string { return `<o:GetCustomerRequest><o:id>` + id + `</o:id></o:GetCustomerRequest>` }
	tests := []struct {
		name     string
		srv      *Server
		body     string
		status   int
		contains string // in the faultstring
	}{
		{"body at the limit", small, padded(maxBody), 200, ""},
		{"body one byte over", small, padded(maxBody + 1), 500, "exceeds the limit of 4096 bytes"},
		{"nesting at the limit", large, deep(transports.MaxDepth), 200, ""},
		{"nesting one level over", large, deep(transports.MaxDepth + 1), 500, "nest deeper than 10000"},
		{"billion laughs", large, billionLaughs + envelope(get("&lol3;")), 500, "DTDs"},
		{"external entity", large, `<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>` + envelope(get("&xxe;")), 500, "DTDs"},
		{"undeclared entity", large, envelope(get("&lol;")), 500, "malformed XML"},
		{"character reference", large, envelope(get("&#49;")), 200, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body, _ := post("GetCustomer", tt.body).do(t, hc, tt.srv.Addr())
			if status != tt.status {
				t.Fatalf("status %d, want %d; body %.300s", status, tt.status, body)
			}
			if tt.contains != "" {
				if f := parseEnvelope(t, body).Body.Fault; f == nil || f.Code != "soap:Client" || !strings.Contains(f.String, tt.contains) {
					t.Fatalf("fault %+v, want soap:Client with %q", f, tt.contains)
				}
			}
		})
	}
}

// getCustomerAnswer is a GetCustomer response envelope with extra inside
// its customer element.
func getCustomerAnswer(extra string) string {
	return envelopeHead + `<GetCustomerResponse xmlns="urn:intbench:orders:v1"><customer><id>1</id><name>a</name>` +
		`<email>a@b</email><tier>basic</tier><createdAt>2025-01-01T00:00:00.000000Z</createdAt>` + extra +
		`</customer></GetCustomerResponse>` + envelopeTail
}

// The client reads responses under the same limits: nesting, DTDs, and its
// MaxResponseBytes. What it refuses is a malformed response (Internal).
func TestClientLimits(t *testing.T) {
	// Envelope, Body, GetCustomerResponse and customer are four levels.
	deep := getCustomerAnswer(nestedElems(transports.MaxDepth - 4))
	tests := []struct {
		name     string
		resp     string
		max      int64
		want     error
		contains string
	}{
		{"nesting at the limit", deep, 0, nil, ""},
		{"nesting one level over", getCustomerAnswer(nestedElems(transports.MaxDepth - 3)), 0, service.ErrInternal, "nest deeper"},
		{"a DTD", billionLaughs + getCustomerAnswer(""), 0, service.ErrInternal, "DTDs"},
		{"response at the limit", deep, int64(len(deep)), nil, ""},
		{"response one byte over", deep, int64(len(deep)) - 1, service.ErrInternal, "exceeds the limit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
				w.Header().Set("Content-Type", ContentType)
				_, _ = io.WriteString(w, tt.resp)
			}))
			defer srv.Close()
			c, err := newClient(testCtx(t), strings.TrimPrefix(srv.URL, "http://"), transports.DialConfig{MaxResponseBytes: tt.max})
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			_, err = c.GetCustomer(testCtx(t), 1)
			if !errors.Is(err, tt.want) || err != nil && !strings.Contains(err.Error(), tt.contains) {
				t.Fatalf("GetCustomer: %v, want %v with %q", err, tt.want, tt.contains)
			}
		})
	}
}
