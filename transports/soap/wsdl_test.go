package soap

import (
	"bytes"
	"encoding/xml"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
)

// testWSDL is the part of a WSDL 1.1 document the test checks.
type testWSDL struct {
	XMLName xml.Name `xml:"http://schemas.xmlsoap.org/wsdl/ definitions"`
	TNS     string   `xml:"targetNamespace,attr"`
	Schema  struct {
		Elements []struct {
			Name string `xml:"name,attr"`
		} `xml:"http://www.w3.org/2001/XMLSchema element"`
	} `xml:"types>schema"`
	Messages []struct {
		Name string `xml:"name,attr"`
		Part struct {
			Element string `xml:"element,attr"`
		} `xml:"part"`
	} `xml:"message"`
	PortOps []struct {
		Name string `xml:"name,attr"`
	} `xml:"portType>operation"`
	Binding struct {
		SOAP struct {
			Style     string `xml:"style,attr"`
			Transport string `xml:"transport,attr"`
		} `xml:"http://schemas.xmlsoap.org/wsdl/soap/ binding"`
		Ops []struct {
			Name string `xml:"name,attr"`
			SOAP struct {
				Action string `xml:"soapAction,attr"`
			} `xml:"http://schemas.xmlsoap.org/wsdl/soap/ operation"`
		} `xml:"operation"`
	} `xml:"binding"`
	Address struct {
		Location string `xml:"location,attr"`
	} `xml:"service>port>address"`
}

func TestWSDL(t *testing.T) {
	srv, _ := startServer(t, 0)
	for _, query := range []string{"wsdl", "WSDL"} {
		t.Run(query, func(t *testing.T) {
			res, err := http.Get("http://" + srv.Addr() + Path + "?" + query)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			b, err := io.ReadAll(res.Body)
			if err != nil || res.StatusCode != http.StatusOK {
				t.Fatalf("GET ?%s: status %d, %v", query, res.StatusCode, err)
			}
			checkWellFormed(t, b)
			var w testWSDL
			if err := xml.Unmarshal(b, &w); err != nil {
				t.Fatalf("unmarshal WSDL: %v", err)
			}
			checkWSDL(t, &w, "http://"+srv.Addr()+Path)
		})
	}
}

// checkWellFormed reads every token: encoding/xml fails on any
// well-formedness error.
func checkWellFormed(t *testing.T, b []byte) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		if _, err := d.Token(); err == io.EOF {
			return
		} else if err != nil {
			t.Fatalf("WSDL is not well-formed XML: %v", err)
		}
	}
}

func checkWSDL(t *testing.T, w *testWSDL, location string) {
	t.Helper()
	ops := []string{"GetCustomer", "PlaceOrder", "ListOrders"}
	if w.TNS != Namespace {
		t.Errorf("targetNamespace %q, want %q", w.TNS, Namespace)
	}
	if w.Address.Location != location {
		t.Errorf("soap:address location %q, want %q", w.Address.Location, location)
	}
	if w.Binding.SOAP.Style != "document" || w.Binding.SOAP.Transport != "http://schemas.xmlsoap.org/soap/http" {
		t.Errorf("soap:binding %+v, want document style over HTTP", w.Binding.SOAP)
	}
	var portOps, actions []string
	for _, o := range w.PortOps {
		portOps = append(portOps, o.Name)
	}
	for _, o := range w.Binding.Ops {
		actions = append(actions, o.Name+"="+o.SOAP.Action)
	}
	for _, op := range ops {
		if !slices.Contains(portOps, op) {
			t.Errorf("portType lacks operation %s (has %v)", op, portOps)
		}
		if !slices.Contains(actions, op+"="+op) {
			t.Errorf("binding lacks operation %s with soapAction %s (has %v)", op, op, actions)
		}
	}
	var elems []string
	for _, e := range w.Schema.Elements {
		elems = append(elems, e.Name)
	}
	for _, m := range w.Messages {
		if el := strings.TrimPrefix(m.Part.Element, "tns:"); !slices.Contains(elems, el) {
			t.Errorf("message %s refers to element %s, not in the schema %v", m.Name, m.Part.Element, elems)
		}
	}
}
