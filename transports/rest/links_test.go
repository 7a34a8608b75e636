package rest

import (
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// halDoc is what a generic HAL consumer knows: links, and for pages the
// order IDs.
type halDoc struct {
	Links  map[string]struct{ Href string } `json:"_links"`
	Orders []struct{ ID int64 }             `json:"orders"`
}

// follow GETs href, resolved against base, and decodes the HAL document.
func follow(t *testing.T, hc *http.Client, base *url.URL, href string) halDoc {
	t.Helper()
	ref, err := url.Parse(href)
	if err != nil {
		t.Fatalf("href %q: %v", href, err)
	}
	r := do(t, hc, "GET", base.ResolveReference(ref).String(), nil, nil)
	if r.status != http.StatusOK {
		t.Fatalf("GET %s: status %d, body %s", href, r.status, r.body)
	}
	var doc halDoc
	if err := json.Unmarshal(r.body, &doc); err != nil {
		t.Fatalf("GET %s: %v", href, err)
	}
	// self names the same resource; it may spell out defaults (limit).
	if self := doc.Links["self"].Href; !strings.HasPrefix(self, ref.Path) {
		t.Errorf("GET %s: self link %q", href, self)
	}
	return doc
}

func TestFollowLinks(t *testing.T) {
	svc, ds := newCore(t)
	srv := startServer(t, svc, 0)
	base := &url.URL{Scheme: "http", Host: srv.Addr()}
	hc := plainClient(t)

	var want []int64
	for _, o := range ds.Orders {
		if o.CustomerID == 1 {
			want = append(want, o.ID)
		}
	}
	customer := follow(t, hc, base, "/customers/1")
	var got []int64
	pages := 0
	for href := customer.Links["orders"].Href; href != ""; {
		page := follow(t, hc, base, href)
		pages++
		if c := page.Links["customer"].Href; c != "/customers/1" {
			t.Errorf("page %d: customer link %q", pages, c)
		}
		for _, o := range page.Orders {
			got = append(got, o.ID)
		}
		href = page.Links["next"].Href
		if pages > len(want) {
			t.Fatal("next links do not end")
		}
	}
	if !slices.Equal(got, want) {
		t.Fatalf("walked orders %v, want %v", got, want)
	}
	if wantPages := (len(want) + DefaultLimit - 1) / DefaultLimit; pages != wantPages {
		t.Fatalf("walked %d pages, want %d", pages, wantPages)
	}
}

func TestPlacedOrderLinksToCustomer(t *testing.T) {
	svc, _ := newCore(t)
	srv := startServer(t, svc, 0)
	base := &url.URL{Scheme: "http", Host: srv.Addr()}
	hc := plainClient(t)
	r := do(t, hc, "POST", base.String()+"/customers/4/orders", jsonHeader("links-1"),
		strings.NewReader(`{"items":[{"sku":"A","quantity":1,"unit_price_cents":5}]}`))
	if r.status != http.StatusCreated {
		t.Fatalf("POST: status %d, body %s", r.status, r.body)
	}
	var doc halDoc
	if err := json.Unmarshal(r.body, &doc); err != nil {
		t.Fatal(err)
	}
	customer := follow(t, hc, base, doc.Links["customer"].Href)
	if got := customer.Links["self"].Href; got != "/customers/4" {
		t.Fatalf("customer self link %q, want /customers/4", got)
	}
}

var microTime = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$`)

// TestRepresentation pins the JSON shape: snake_case names, microsecond
// RFC 3339 times, HTML characters unescaped.
func TestRepresentation(t *testing.T) {
	svc, _ := newCore(t)
	srv := startServer(t, svc, 0)
	base := "http://" + srv.Addr()
	hc := plainClient(t)
	note := `<b>&</b> ünï`
	body := `{"items":[{"sku":"A","quantity":1,"unit_price_cents":5}],"note":"` + note + `"}`

	tests := []struct {
		name, method, path string
		body               string
		wantKeys           []string
		itemKeys           []string // of items[0] or orders[0].items[0]
	}{
		{"customer", "GET", "/customers/1", "", []string{"_links", "created_at", "email", "id", "name", "tags", "tier"}, nil},
		{"order", "POST", "/customers/5/orders", body,
			[]string{"_links", "created_at", "customer_id", "id", "items", "note", "status", "total_cents"}, []string{"quantity", "sku", "unit_price_cents"}},
		{"page", "GET", "/customers/1/orders?limit=2", "", []string{"_links", "next_cursor", "orders"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := do(t, hc, tt.method, base+tt.path, jsonHeader("repr-1"), strings.NewReader(tt.body))
			if r.status/100 != 2 {
				t.Fatalf("status %d, body %s", r.status, r.body)
			}
			var m map[string]any
			if err := json.Unmarshal(r.body, &m); err != nil {
				t.Fatal(err)
			}
			if keys := sortedKeys(m); !slices.Equal(keys, tt.wantKeys) {
				t.Errorf("keys %v, want %v", keys, tt.wantKeys)
			}
			if ca, ok := m["created_at"].(string); ok && !microTime.MatchString(ca) {
				t.Errorf("created_at %q is not RFC 3339 UTC with microseconds", ca)
			}
			if items, ok := m["items"].([]any); ok && tt.itemKeys != nil {
				if keys := sortedKeys(items[0].(map[string]any)); !slices.Equal(keys, tt.itemKeys) {
					t.Errorf("item keys %v, want %v", keys, tt.itemKeys)
				}
				if !strings.Contains(string(r.body), note) {
					t.Errorf("note escaped on the wire: %s", r.body)
				}
			}
		})
	}
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func TestTimeRoundTrip(t *testing.T) {
	tests := []string{"2025-01-01T00:00:00.000000Z", "2025-06-30T23:59:59.999999Z", "1970-01-01T00:00:00.000001Z"}
	for _, s := range tests {
		var jt jsonTime
		if err := jt.UnmarshalText([]byte(s)); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
		b, _ := jt.MarshalText()
		if string(b) != s {
			t.Errorf("%s came back as %s", s, b)
		}
	}
	// Other zones are converted to UTC, precision kept.
	var jt jsonTime
	if err := jt.UnmarshalText([]byte("2025-01-01T02:00:00.5+02:00")); err != nil {
		t.Fatal(err)
	}
	if b, _ := jt.MarshalText(); string(b) != "2025-01-01T00:00:00.500000Z" {
		t.Errorf("got %s", b)
	}
}
