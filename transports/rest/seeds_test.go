package rest

import (
	"flag"
	"strings"
	"testing"

	"github.com/intbench/intbench/internal/fuzzx"
	"github.com/intbench/intbench/transports"
)

var update = flag.Bool("update", false, "rewrite the fuzz seed corpora in testdata/fuzz")

// TestFuzzSeeds keeps the seed corpora in step with the code that makes
// them: real traffic, its truncations and hostile requests and responses.
func TestFuzzSeeds(t *testing.T) {
	traffic := fuzzx.Record(t, New())
	fuzzx.SyncCorpus(t, "FuzzServer", serverSeeds(t, traffic), *update)
	fuzzx.SyncCorpus(t, "FuzzClient", clientSeeds(t, traffic), *update)
}

// deep is s nested n levels deep in open and close.
func deep(open, s, close string, n int) string {
	return strings.Repeat(open, n) + s + strings.Repeat(close, n)
}

// Header field lines of the hostile seeds.
const (
	jsonType = "Content-Type: " + ContentType
	key1     = "Idempotency-Key: fuzz-1"
)

// serverSeeds are the recorded requests as the target's parts (a body cut
// short keeps its parts), and hostile ones.
func serverSeeds(t *testing.T, traffic []fuzzx.Exchange) []fuzzx.Seed {
	parts := map[string][]any{}
	body := func(x fuzzx.Exchange) []byte {
		req, b, err := fuzzx.ParseRequest(x.Request)
		if err != nil {
			t.Fatalf("%s: %v", x.Name, err)
		}
		parts[x.Name] = []any{req.Method, req.RequestURI, field(req.Header, "Content-Type"), field(req.Header, "Idempotency-Key")}
		return b
	}
	args := func(x fuzzx.Exchange, b []byte) []any { return append(parts[x.Name][:4:4], b) }
	place := func(name, method, target, contentType, key, body string) fuzzx.Seed {
		return fuzzx.Hostile(name, method, target, contentType, key, []byte(body))
	}
	const orders = "/customers/1/orders"
	return append(fuzzx.Real(traffic, body, args),
		place("deep-nesting", "POST", orders, jsonType, key1, `{"items":`+deep("[", "", "]", transports.MaxDepth+1)+`}`),
		place("body-over-the-limit", "POST", orders, jsonType, key1, `{"note":"`+strings.Repeat("a", fuzzMaxBody)+`"}`),
		place("invalid-utf8-note", "POST", orders, jsonType, key1, "{\"items\":[],\"note\":\"\xff\xfe\"}"),
		place("lone-surrogate", "POST", orders, jsonType, key1, `{"items":[{"sku":"\ud800","quantity":1,"unit_price_cents":1}]}`),
		place("huge-number", "POST", orders, jsonType, key1, `{"items":[{"sku":"A","quantity":1e999999,"unit_price_cents":1}]}`),
		place("quantity-beyond-int32", "POST", orders, jsonType, key1, `{"items":[{"sku":"A","quantity":4294967296,"unit_price_cents":1}]}`),
		place("unknown-field", "POST", orders, jsonType, key1, `{"items":[],"discount":5}`),
		place("trailing-data", "POST", orders, jsonType, key1, `{"items":[]} {"items":[]}`),
		place("null-items", "POST", orders, jsonType, key1, `{"items":null,"note":null}`),
		place("no-key", "POST", orders, jsonType, "", `{"items":[]}`),
		place("bad-key-escape", "POST", orders, jsonType, "Idempotency-Key: %zz", `{"items":[]}`),
		place("latin1", "POST", orders, "Content-Type: application/json; charset=latin1", key1, `{"items":[]}`),
		place("chunked", "POST", orders, jsonType+"\r\nTransfer-Encoding: chunked", key1, "5\r\n{\"ite\r\n0\r\n\r\n"),
		place("id-overflow", "GET", "/customers/99999999999999999999", "", "", ""),
		place("bad-query", "GET", orders+"?limit=%zz&cursor=%", "", "", ""),
		place("limit-not-a-number", "GET", orders+"?limit=1e3", "", "", ""),
		place("cursor-invalid-utf8", "GET", orders+"?cursor=o%ff%fe", "", "", ""),
		place("dot-dot-path", "GET", "/customers/1/../2", "", "", ""),
		place("method-not-allowed", "DELETE", "/customers/1", "", "", ""),
		place("asterisk", "OPTIONS", "*", "", "", ""),
		place("many-empty-arrays", "POST", orders, jsonType, key1, `{"items":[`+strings.Repeat("[],", 999)+`[]]}`),
		place("many-empty-items", "POST", orders, jsonType, key1, `{"items":[`+strings.Repeat("{},", 999)+`{}]}`),
	)
}

// field is a header field's line, or "" when the header has none.
func field(h map[string][]string, name string) string {
	if v, ok := h[name]; ok && len(v) > 0 {
		return name + ": " + v[0]
	}
	return ""
}

// clientSeeds are the recorded responses (status and body), and hostile
// ones.
func clientSeeds(t *testing.T, traffic []fuzzx.Exchange) []fuzzx.Seed {
	reply := fuzzx.HostileResponse
	customer := `{"id":1,"name":"A","email":"a@b","tier":"gold","created_at":"2025-01-01T00:00:00.000000Z","tags":[]}`
	return append(fuzzx.RealResponses(t, traffic),
		reply("deep-nesting", 2, 200, `{"orders":`+deep("[", "", "]", transports.MaxDepth+1)+`}`),
		reply("deep-objects", 0, 200, deep(`{"a":`, "1", "}", transports.MaxDepth+1)),
		reply("proxy-page", 0, 502, "<html><body>Bad Gateway</body></html>"),
		reply("empty-body", 0, 200, ""),
		reply("unknown-kind", 0, 404, `{"error":{"kind":"Gone","message":"x"}}`),
		reply("kind-ok", 0, 500, `{"error":{"kind":"OK","message":"x"}}`),
		reply("bad-time", 0, 200, strings.Replace(customer, "2025-01-01T", "2025-13-45T", 1)),
		reply("time-as-number", 0, 200, strings.Replace(customer, `"2025-01-01T00:00:00.000000Z"`, "1e300", 1)),
		reply("invalid-utf8-name", 0, 200, strings.Replace(customer, `"A"`, "\"\xff\xfe\"", 1)),
		reply("id-overflow", 0, 200, strings.Replace(customer, `"id":1`, `"id":1e19`, 1)),
		reply("continue-then-eof", 0, 100, ""),
		reply("redirect", 2, 301, ""),
		reply("created-for-a-read", 2, 201, `{"orders":[{},{},{}],"next_cursor":"o9"}`),
		reply("many-empty-orders", 2, 200, `{"orders":[`+strings.Repeat("{},", 999)+`{}]}`),
		reply("place-with-null-items", 1, 201, `{"id":5,"items":null,"created_at":"2025-01-01T00:00:00Z"}`),
	)
}
