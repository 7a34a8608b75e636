package soap

import (
	"fmt"
	"strings"
	"testing"

	"github.com/intbench/intbench/internal/fuzzx"
	"github.com/intbench/intbench/transports"
)

// TestFuzzSeeds keeps the seed corpora in step with the code that makes
// them (rewrite them with -update): real traffic, its truncations and
// hostile envelopes.
func TestFuzzSeeds(t *testing.T) {
	traffic := fuzzx.Record(t, New())
	fuzzx.SyncCorpus(t, "FuzzServer", serverSeeds(t, traffic), *update)
	fuzzx.SyncCorpus(t, "FuzzClient", clientSeeds(t, traffic), *update)
}

// Parts of the hostile seeds.
const (
	xmlType   = "Content-Type: " + ContentType
	getAction = `Soapaction: "GetCustomer"`
	getBody   = `<o:GetCustomerRequest><o:id>1</o:id></o:GetCustomerRequest>`
	envOpen   = `<soap:Envelope xmlns:soap="` + EnvelopeNamespace + `" xmlns:o="` + Namespace + `">`
)

// env wraps body elements in an envelope.
func env(body string) string { return envOpen + `<soap:Body>` + body + `</soap:Body></soap:Envelope>` }

// deep is inner nested n elements deep.
func deep(inner string, n int) string {
	return strings.Repeat("<a>", n) + inner + strings.Repeat("</a>", n)
}

// laughs is the classic entity expansion: ten levels of ten, a
// billion "lol"s from a kilobyte.
func laughs() string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">`)
	for i := 1; i <= 9; i++ {
		fmt.Fprintf(&b, `<!ENTITY lol%d "%s">`, i, strings.Repeat(fmt.Sprintf("&lol%d;", i-1), 10))
	}
	b.WriteString(`]>`)
	b.WriteString(env(`<o:GetCustomerRequest><o:id>&lol9;</o:id></o:GetCustomerRequest>`))
	return b.String()
}

// serverSeeds are the recorded calls as the target's parts (a body cut
// short keeps its parts), and hostile ones.
func serverSeeds(t *testing.T, traffic []fuzzx.Exchange) []fuzzx.Seed {
	parts := map[string][]any{}
	body := func(x fuzzx.Exchange) []byte {
		req, b, err := fuzzx.ParseRequest(x.Request)
		if err != nil {
			t.Fatalf("%s: %v", x.Name, err)
		}
		parts[x.Name] = []any{"Soapaction: " + req.Header.Get("Soapaction"), "Content-Type: " + req.Header.Get("Content-Type")}
		return b
	}
	args := func(x fuzzx.Exchange, b []byte) []any { return append(parts[x.Name][:2:2], b) }
	call := func(name, action, body string) fuzzx.Seed { return fuzzx.Hostile(name, action, xmlType, []byte(body)) }
	return append(fuzzx.Real(traffic, body, args),
		call("billion-laughs", getAction, laughs()),
		call("external-entity", getAction, `<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>`+env(`<o:GetCustomerRequest><o:id>&xxe;</o:id></o:GetCustomerRequest>`)),
		call("undeclared-entity", getAction, env(`<o:GetCustomerRequest><o:id>&lol;</o:id></o:GetCustomerRequest>`)),
		call("deep-nesting-in-body", getAction, env(`<o:GetCustomerRequest>`+deep("", transports.MaxDepth)+`</o:GetCustomerRequest>`)),
		call("deep-nesting-in-header", getAction, envOpen+`<soap:Header>`+deep("", transports.MaxDepth)+`</soap:Header><soap:Body>`+getBody+`</soap:Body></soap:Envelope>`),
		call("many-attributes", getAction, env(`<o:GetCustomerRequest`+strings.Repeat(` a="1"`, 1000)+`><o:id>1</o:id></o:GetCustomerRequest>`)),
		call("many-namespaces", getAction, env(`<o:GetCustomerRequest`+nsDecls(500)+`><o:id>1</o:id></o:GetCustomerRequest>`)),
		call("invalid-utf8", `Soapaction: "PlaceOrder"`, env("<o:PlaceOrderRequest><o:customerId>1</o:customerId><o:requestId>\xff\xfe</o:requestId><o:items/></o:PlaceOrderRequest>")),
		call("cdata-comments-pi", getAction, `<?xml version="1.0"?><!-- c -->`+env(`<o:GetCustomerRequest><!-- c --><?pi x?><o:id><![CDATA[1]]></o:id></o:GetCustomerRequest>`)),
		call("soap12-envelope", getAction, `<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope"><e:Body>`+getBody+`</e:Body></e:Envelope>`),
		call("must-understand", getAction, envOpen+`<soap:Header><x:A xmlns:x="urn:x" soap:mustUnderstand="1"/></soap:Header><soap:Body>`+getBody+`</soap:Body></soap:Envelope>`),
		call("two-body-elements", getAction, env(getBody+getBody)),
		call("after-the-envelope", getAction, env(getBody)+"<x/>"),
		call("action-mismatch", `Soapaction: "ListOrders"`, env(getBody)),
		call("id-overflow", getAction, env(`<o:GetCustomerRequest><o:id>99999999999999999999</o:id></o:GetCustomerRequest>`)),
		call("unbound-prefix", getAction, `<soap:Envelope><soap:Body>`+getBody+`</soap:Body></soap:Envelope>`),
		call("many-empty-items", `Soapaction: "PlaceOrder"`, env(`<o:PlaceOrderRequest><o:customerId>1</o:customerId><o:requestId>r</o:requestId><o:items>`+strings.Repeat("<item/>", 2000)+`</o:items></o:PlaceOrderRequest>`)),
		call("many-empty-elements", getAction, env(`<o:GetCustomerRequest>`+strings.Repeat("<a/>", 2000)+`<o:id>1</o:id></o:GetCustomerRequest>`)),
		fuzzx.Hostile("body-over-the-limit", getAction, xmlType, []byte(env(getBody)+strings.Repeat(" ", fuzzMaxBody))),
		fuzzx.Hostile("soap12-content-type", getAction, "Content-Type: application/soap+xml", []byte(env(getBody))),
	)
}

// nsDecls declares n name space prefixes.
func nsDecls(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, ` xmlns:p%d="urn:p%d"`, i, i)
	}
	return b.String()
}

// clientSeeds are the recorded responses (status and envelope), and
// hostile ones.
func clientSeeds(t *testing.T, traffic []fuzzx.Exchange) []fuzzx.Seed {
	reply := fuzzx.HostileResponse
	fault := func(code, kind string) string {
		return env(`<soap:Fault><faultcode>` + code + `</faultcode><faultstring>x</faultstring><detail><ErrorKind xmlns="` + Namespace + `">` + kind + `</ErrorKind></detail></soap:Fault>`)
	}
	customer := `<o:GetCustomerResponse><o:customer><o:id>1</o:id><o:createdAt>2025-01-01T00:00:00Z</o:createdAt></o:customer></o:GetCustomerResponse>`
	return append(fuzzx.RealResponses(t, traffic),
		reply("billion-laughs", 0, 200, laughs()),
		reply("deep-nesting", 0, 200, env(`<o:GetCustomerResponse>`+deep("", transports.MaxDepth)+`</o:GetCustomerResponse>`)),
		reply("fault-unknown-kind", 0, 500, fault("soap:Client", "Gone")),
		reply("fault-without-detail", 0, 500, env(`<soap:Fault><faultcode>soap:Server.Busy</faultcode><faultstring>x</faultstring></soap:Fault>`)),
		reply("fault-with-200", 0, 200, fault("soap:Server", "Unavailable")),
		reply("fault-kind-ok", 0, 500, fault("soap:Client", "OK")),
		reply("proxy-page", 0, 502, "<html><body>Bad Gateway</body></html>"),
		reply("empty-body", 0, 200, ""),
		reply("bad-datetime", 0, 200, env(strings.Replace(customer, "2025-01-01T", "2025-13-45T", 1))),
		reply("wrong-response-element", 2, 200, env(customer)),
		reply("invalid-utf8", 0, 200, env(strings.Replace(customer, "<o:id>1</o:id>", "<o:name>\xff\xfe</o:name>", 1))),
		reply("many-empty-orders", 2, 200, env(`<o:ListOrdersResponse><o:orders>`+strings.Repeat("<order/>", 2000)+`</o:orders></o:ListOrdersResponse>`)),
	)
}
