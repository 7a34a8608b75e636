package soapkit

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseWSDL(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "transports", "soap", "wsdl", "orders.wsdl"))
	if err != nil {
		t.Fatal(err)
	}
	v1 := string(b)
	tests := []struct {
		name, old, new string
		want           string // in the error; "" for none
	}{
		{"v1", "", "", ""},
		{"not XML", "<wsdl:definitions", "<wsdl:definitions <", "read WSDL"},
		{"an operation the kit lacks", `<wsdl:operation name="ListOrders">
      <soap:operation soapAction="ListOrders" style="document"/>`, `<wsdl:operation name="ListOrdersX">
      <soap:operation soapAction="ListOrders" style="document"/>`, "no port offers ListOrders"},
		{"an operation the kit cannot serve", `</wsdl:binding>`, `<wsdl:operation name="Refund"><soap:operation soapAction="Refund"/></wsdl:operation></wsdl:binding>`,
			"operation Refund, which the kit cannot serve"},
		{"another host", `location="http://localhost/soap"`, `location="http://example.com/soap"`, "a stored WSDL's addresses are http://localhost/<path>"},
		{"not http", `location="http://localhost/soap"`, `location="mailto:orders@example.com"`, "want a binding and an http URL"},
		{"no port", `binding="tns:OrdersSoapBinding"`, `binding="tns:Other"`, "want a binding"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := strings.Replace(v1, tt.old, tt.new, 1)
			if text == v1 && tt.old != "" {
				t.Fatalf("%q is not in the v1 WSDL", tt.old)
			}
			s, err := newSide(Contract{WSDL: text})
			if tt.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				r := s.ws.routes["ListOrders"]
				if op, _ := s.router.operation(r.path, r.action); r.path != "/soap" || r.action != "ListOrders" || op.Name() != "ListOrders" {
					t.Errorf("ListOrders at %+v, want /soap with SOAPAction ListOrders", r)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("newSide: %v, want an error with %q", err, tt.want)
			}
		})
	}
}
