package soap

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

// TestMalformedRequests sends bad requests over real sockets: each gets a
// SOAP fault with the right code (or a plain 404/405 when it is not a SOAP
// request at all), and the server answers a good call right after.
func TestMalformedRequests(t *testing.T) {
	const maxBody = 64 << 10
	srv, _ := startServer(t, maxBody)
	hc := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 4}}
	t.Cleanup(hc.CloseIdleConnections)
	big := envelope(goodGetCustomer + strings.Repeat(" ", maxBody))

	tests := []malformedCase{
		{"truncated xml", post("GetCustomer", envelope(goodGetCustomer)[:90]), 500, "soap:Client", "malformed XML"},
		{"not xml", post("GetCustomer", "hello"), 500, "soap:Client", "Envelope"},
		{"empty body", post("GetCustomer", ""), 500, "soap:Client", "malformed XML"},
		{"missing soapaction", post("", envelope(goodGetCustomer)), 500, "soap:Client", "missing SOAPAction"},
		{"unknown soapaction", post(`"DeleteCustomer"`, envelope(goodGetCustomer)), 500, "soap:Client", "unknown SOAPAction"},
		{"soapaction mismatch", post("ListOrders", envelope(goodGetCustomer)), 500, "soap:Client", "expects"},
		{"wrong content type", rawCall{method: "POST", path: Path, contentType: "application/json", action: "GetCustomer",
			body: strings.NewReader(`{"id":1}`), contentLength: 8}, 500, "soap:Client", "unsupported Content-Type"},
		{"soap 1.2 content type", rawCall{method: "POST", path: Path, contentType: "application/soap+xml; charset=utf-8", action: "GetCustomer",
			body: strings.NewReader(envelope(goodGetCustomer)), contentLength: int64(len(envelope(goodGetCustomer)))}, 500, "soap:Client", "SOAP 1.2"},
		{"latin-1 charset", rawCall{method: "POST", path: Path, contentType: "text/xml; charset=iso-8859-1", action: "GetCustomer",
			body: strings.NewReader(envelope(goodGetCustomer)), contentLength: int64(len(envelope(goodGetCustomer)))}, 500, "soap:Client", "charset"},
		{"missing content type", rawCall{method: "POST", path: Path, action: "GetCustomer",
			body: strings.NewReader(envelope(goodGetCustomer)), contentLength: int64(len(envelope(goodGetCustomer)))}, 500, "soap:Client", "missing Content-Type"},
		{"oversized body", post("GetCustomer", big), 500, "soap:Client", "exceeds the limit"},
		{"oversized chunked body", rawCall{method: "POST", path: Path, contentType: ContentType, action: "GetCustomer",
			body: io.MultiReader(strings.NewReader(big)), contentLength: -1}, 500, "soap:Client", "exceeds the limit"},
		{"missing id", post("GetCustomer", envelope(`<o:GetCustomerRequest/>`)), 500, "soap:Client", "missing the required element id"},
		{"non-numeric id", post("GetCustomer", envelope(`<o:GetCustomerRequest><o:id>abc</o:id></o:GetCustomerRequest>`)), 500, "soap:Client", "malformed XML"},
		{"id overflow", post("GetCustomer", envelope(`<o:GetCustomerRequest><o:id>99999999999999999999</o:id></o:GetCustomerRequest>`)), 500, "soap:Client", "malformed XML"},
		{"missing request id", post("PlaceOrder", envelope(`<o:PlaceOrderRequest><o:customerId>1</o:customerId><o:items><o:item><o:sku>A</o:sku><o:quantity>1</o:quantity><o:unitPriceCents>1</o:unitPriceCents></o:item></o:items></o:PlaceOrderRequest>`)), 500, "soap:Client", "requestId"},
		{"item missing quantity", post("PlaceOrder", envelope(`<o:PlaceOrderRequest><o:customerId>1</o:customerId><o:requestId>r</o:requestId><o:items><o:item><o:sku>A</o:sku><o:unitPriceCents>1</o:unitPriceCents></o:item></o:items></o:PlaceOrderRequest>`)), 500, "soap:Client", "quantity"},
		{"missing limit", post("ListOrders", envelope(`<o:ListOrdersRequest><o:customerId>1</o:customerId></o:ListOrdersRequest>`)), 500, "soap:Client", "limit"},
		{"control character reference", post("PlaceOrder", envelope(`<o:PlaceOrderRequest><o:customerId>1</o:customerId><o:requestId>r&#x7;</o:requestId><o:items/></o:PlaceOrderRequest>`)), 500, "soap:Client", "malformed XML"},
		{"wrong body namespace", post("GetCustomer", envelope(`<GetCustomerRequest xmlns="urn:other"><id>1</id></GetCustomerRequest>`)), 500, "soap:Client", "expects"},
		{"empty soap body", post("GetCustomer", envelope(``)), 500, "soap:Client", "expected an element"},
		{"two body elements", post("GetCustomer", envelope(goodGetCustomer+goodGetCustomer)), 500, "soap:Client", "exactly one element"},
		{"soap 1.2 envelope", post("GetCustomer", `<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope"><e:Body>`+goodGetCustomer+`</e:Body></e:Envelope>`), 500, "soap:VersionMismatch", "not SOAP 1.1"},
		{"must understand", post("GetCustomer", `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:o="urn:intbench:orders:v1"><soap:Header><x:Auth xmlns:x="urn:x" soap:mustUnderstand="1">k</x:Auth></soap:Header><soap:Body>`+goodGetCustomer+`</soap:Body></soap:Envelope>`), 500, "soap:MustUnderstand", "not understood"},
		{"dtd", post("GetCustomer", `<!DOCTYPE x [<!ENTITY a "b">]>`+envelope(goodGetCustomer)), 500, "soap:Client", "DTD"},
		{"not found is a client fault", post("GetCustomer", envelope(`<o:GetCustomerRequest><o:id>424242</o:id></o:GetCustomerRequest>`)), 500, "soap:Client", "424242"},
		{"get without wsdl", rawCall{method: "GET", path: Path}, 405, "", ""},
		{"put", rawCall{method: "PUT", path: Path}, 405, "", ""},
		{"other path", post("GetCustomer", "").withPath("/other"), 404, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body, hdr := tt.call.do(t, hc, srv.Addr())
			if status != tt.status {
				t.Fatalf("status %d, want %d; body:\n%s", status, tt.status, body)
			}
			if tt.code != "" {
				if ct := hdr.Get("Content-Type"); ct != ContentType {
					t.Errorf("Content-Type %q, want %q", ct, ContentType)
				}
				f := parseEnvelope(t, body).Body.Fault
				switch {
				case f == nil:
					t.Fatalf("no fault in:\n%s", body)
				case f.Code != tt.code:
					t.Errorf("faultcode %q, want %q", f.Code, tt.code)
				case !strings.Contains(f.String, tt.contains):
					t.Errorf("faultstring %q does not mention %q", f.String, tt.contains)
				case f.Kind != tt.kind():
					t.Errorf("ErrorKind %q, want %q", f.Kind, tt.kind())
				}
			}
			if status, body, _ := post(`"GetCustomer"`, envelope(goodGetCustomer)).do(t, hc, srv.Addr()); status != http.StatusOK {
				t.Fatalf("good call after the bad one: status %d\n%s", status, body)
			}
		})
	}
}

// TestHeaderWithoutMustUnderstand shows that optional header entries are
// ignored.
func TestHeaderWithoutMustUnderstand(t *testing.T) {
	srv, _ := startServer(t, 0)
	body := `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Header><x:Trace xmlns:x="urn:x">abc</x:Trace></soap:Header><soap:Body>` +
		`<GetCustomerRequest xmlns="urn:intbench:orders:v1"><id>2</id></GetCustomerRequest></soap:Body></soap:Envelope>`
	status, b, _ := post("GetCustomer", body).do(t, http.DefaultClient, srv.Addr())
	if status != http.StatusOK || parseEnvelope(t, b).Body.Fault != nil {
		t.Fatalf("status %d:\n%s", status, b)
	}
}

type malformedCase struct {
	name     string
	call     rawCall
	status   int
	code     string // faultcode; "" for a plain HTTP answer
	contains string // in faultstring
}

// kind is the ErrorKind the fault must carry: every rejection of a request
// is InvalidArgument, except the one case that reaches the service.
func (c malformedCase) kind() string {
	if strings.HasPrefix(c.name, "not found") {
		return "NotFound"
	}
	return "InvalidArgument"
}

func (c rawCall) withPath(p string) rawCall { c.path = p; return c }
