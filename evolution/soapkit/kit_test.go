package soapkit_test

import (
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/intbench/intbench/evolution"
	"github.com/intbench/intbench/evolution/soapkit"
	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/transports/soap"
)

// The kit with v1's WSDL and its default mapping is v1 to both of v1's
// sides: every client decodes from it what it decodes from the v1 server,
// faults included. So a v2 built with the kit differs from v1 by its
// change alone.
func TestDefaultContractIsV1(t *testing.T) {
	kit := soapkit.Side(soapkit.Contract{WSDL: v1WSDL(t)})
	v1 := evolution.V1(soap.New())
	sides := map[string]evolution.Side{"v1": v1, "kit": kit}
	for _, clientName := range []string{"v1", "kit"} {
		var want []step
		for _, serverName := range []string{"v1", "kit"} {
			srv := serveSide(t, sides[serverName], nil)
			got := operate(t, dialSide(t, sides[clientName], srv))
			if want == nil {
				want = got
				continue
			}
			for i := range want {
				if d := evolution.Diff(want[i].rec, got[i].rec); len(d) > 0 {
					t.Errorf("%s client, call %d: the kit's server gave what v1's does not: %v", clientName, i, d)
				}
				if service.KindOf(want[i].err) != service.KindOf(got[i].err) || message(want[i].err) != message(got[i].err) {
					t.Errorf("%s client, call %d: error %v from the kit's server, %v from v1's", clientName, i, got[i].err, want[i].err)
				}
			}
		}
		if !errors.Is(want[4].err, service.ErrNotFound) || len(want[2].rec) < 10 {
			t.Errorf("%s client: the calls did not exercise what they should: %+v", clientName, want)
		}
	}
}

// The server answers the HTTP binding as v1 does: SOAP faults for SOAP
// errors, plain HTTP for what is not SOAP, the WSDL with its own address.
func TestHTTPBinding(t *testing.T) {
	srv := serveSide(t, soapkit.Side(soapkit.Contract{WSDL: v1WSDL(t)}), nil)
	base := "http://" + srv.Addr()
	env := func(body string) string {
		return `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>` + body + `</soap:Body></soap:Envelope>`
	}
	get := `<GetCustomerRequest xmlns="urn:intbench:orders:v1"><id>2</id></GetCustomerRequest>`
	tests := []struct {
		name, method, path, action, ctype, body string
		status                                  int
		want                                    string
	}{
		{"call", "POST", "/soap", `"GetCustomer"`, "text/xml; charset=utf-8", env(get), 200, "<customer><id>2</id>"},
		{"unquoted action", "POST", "/soap", "GetCustomer", "text/xml", env(get), 200, "<customer><id>2</id>"},
		{"unknown action", "POST", "/soap", `"Refund"`, "text/xml", env(get), 500,
			"<faultcode>soap:Client</faultcode><faultstring>soapkit: unknown SOAPAction"},
		{"action and body disagree", "POST", "/soap", `"ListOrders"`, "text/xml", env(get), 500, "<ErrorKind xmlns=\"urn:intbench:orders:v1\">InvalidArgument</ErrorKind>"},
		{"not SOAP 1.1", "POST", "/soap", `"GetCustomer"`, "application/soap+xml", env(get), 500, "soap:Client"},
		{"missing element", "POST", "/soap", `"GetCustomer"`, "text/xml", env(`<GetCustomerRequest xmlns="urn:intbench:orders:v1"/>`), 500,
			"GetCustomerRequest is missing the required element id"},
		{"not found", "POST", "/soap", `"GetCustomer"`, "text/xml", env(strings.Replace(get, ">2<", ">404<", 1)), 500,
			"<faultcode>soap:Client</faultcode><faultstring>customer 404</faultstring><detail><ErrorKind xmlns=\"urn:intbench:orders:v1\">NotFound</ErrorKind>"},
		{"wsdl", "GET", "/soap?wsdl", "", "", "", 200, `<soap:address location="http://` + srv.Addr() + `/soap"/>`},
		{"other path", "POST", "/orders", `"GetCustomer"`, "text/xml", env(get), 404, "404 page not found"},
		{"get without wsdl", "GET", "/soap", "", "", "", 405, "POST SOAP 1.1 envelopes here"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, err := http.NewRequestWithContext(testCtx(t), tt.method, base+tt.path, strings.NewReader(tt.body))
			if err != nil {
				t.Fatal(err)
			}
			if tt.action != "" {
				req.Header.Set("SOAPAction", tt.action)
				req.Header.Set("Content-Type", tt.ctype)
			}
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			b, err := io.ReadAll(res.Body)
			res.Body.Close()
			if err != nil {
				t.Fatal(err)
			}
			if res.StatusCode != tt.status || !strings.Contains(string(b), tt.want) {
				t.Errorf("%d %s, want %d with %q", res.StatusCode, b, tt.status, tt.want)
			}
		})
	}
}

// message is err's message without its kind, "" for none.
func message(err error) string {
	if err == nil {
		return ""
	}
	return service.MessageOf(err)
}
