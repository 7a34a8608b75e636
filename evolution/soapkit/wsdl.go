package soapkit

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"github.com/intbench/intbench/transports/soap"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// placeholder begins every soap:address location in a stored WSDL; the
// server puts its own host in its place when it serves the WSDL.
const placeholder = `http://localhost/`

// The parts of a WSDL 1.1 document that say where and how operations are
// called.
type (
	wsdlDefinitions struct {
		Bindings []wsdlBinding `xml:"http://schemas.xmlsoap.org/wsdl/ binding"`
		Services []wsdlService `xml:"http://schemas.xmlsoap.org/wsdl/ service"`
	}
	wsdlBinding struct {
		Name       string          `xml:"name,attr"`
		Operations []wsdlOperation `xml:"http://schemas.xmlsoap.org/wsdl/ operation"`
	}
	wsdlOperation struct {
		Name string `xml:"name,attr"`
		SOAP struct {
			Action string `xml:"soapAction,attr"`
		} `xml:"http://schemas.xmlsoap.org/wsdl/soap/ operation"`
	}
	wsdlService struct {
		Ports []struct {
			Binding string `xml:"binding,attr"`
			Address struct {
				Location string `xml:"location,attr"`
			} `xml:"http://schemas.xmlsoap.org/wsdl/soap/ address"`
		} `xml:"http://schemas.xmlsoap.org/wsdl/ port"`
	}
)

// route is where and how one operation is called: the path of its
// port's address and its binding's soapAction.
type route struct {
	path, action string
}

// wsdl is a parsed WSDL: every operation of every port of every service,
// by name.
type wsdl struct {
	text      string
	routes    map[string]route
	locations []string // of the ports
}

// parseWSDL reads where each operation of text listens.
func parseWSDL(text string) (*wsdl, error) {
	var defs wsdlDefinitions
	if err := xml.Unmarshal([]byte(text), &defs); err != nil {
		return nil, fmt.Errorf("soapkit: read WSDL: %w", err)
	}
	bindings := map[string]wsdlBinding{}
	for _, b := range defs.Bindings {
		bindings[b.Name] = b
	}
	w := &wsdl{text: text, routes: map[string]route{}}
	for _, s := range defs.Services {
		for _, p := range s.Ports {
			if err := w.addPort(bindings[localName(p.Binding)], p.Address.Location); err != nil {
				return nil, err
			}
		}
	}
	return w, nil
}

// addPort adds the operations of binding b at location.
func (w *wsdl) addPort(b wsdlBinding, location string) error {
	u, err := url.Parse(location)
	if err != nil || u.Scheme != "http" || !strings.HasPrefix(u.Path, "/") || b.Name == "" {
		return fmt.Errorf("soapkit: WSDL: a port at %q (binding %q): want a binding and an http URL", location, b.Name)
	}
	w.locations = append(w.locations, location)
	for _, o := range b.Operations {
		if _, dup := w.routes[o.Name]; dup {
			return fmt.Errorf("soapkit: WSDL: operation %s has two ports", o.Name)
		}
		w.routes[o.Name] = route{path: u.Path, action: o.SOAP.Action}
	}
	return nil
}

// localName drops a QName's prefix.
func localName(qname string) string {
	if i := strings.IndexByte(qname, ':'); i >= 0 {
		return qname[i+1:]
	}
	return qname
}

// lacks returns an error naming the first of ops that no port offers.
func (w *wsdl) lacks(ops []operation) error {
	for _, op := range ops {
		if _, ok := w.routes[op.Name()]; !ok {
			return fmt.Errorf("soapkit: WSDL: no port offers %s", op.Name())
		}
	}
	return nil
}

// serve writes the WSDL with every address on the host the request was
// sent to.
func (w *wsdl) serve(rw http.ResponseWriter, r *http.Request) {
	var host bytes.Buffer
	_ = xml.EscapeText(&host, []byte(r.Host)) // bytes.Buffer writes do not fail
	body := strings.ReplaceAll(w.text, `location="`+placeholder, `location="http://`+host.String()+`/`)
	rw.Header().Set("Content-Type", soap.ContentType)
	rw.Header().Set("Content-Length", strconv.Itoa(len(body)))
	if r.Method != http.MethodHead {
		_, _ = rw.Write([]byte(body)) // a failed write means the client is gone
	}
}
