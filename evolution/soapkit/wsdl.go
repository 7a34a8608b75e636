package soapkit

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"net/http"
	"strconv"
	"strings"
)

// WSDL 1.1 namespaces.
const (
	wsdlNS     = "http://schemas.xmlsoap.org/wsdl/"
	wsdlSOAPNS = "http://schemas.xmlsoap.org/wsdl/soap/"
)

// placeholder begins every soap:address location in a stored WSDL; the
// server puts its own host in its place when it serves the WSDL.
const placeholder = `location="http://localhost/`

// The parts of a WSDL that say where and how operations are called.
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

// route is where and how one operation is called.
type route struct {
	path   string
	action string
	op     operation
}

// wsdl is a parsed v2 WSDL: the operations by endpoint and by name, and
// the text to serve split around its addresses.
type wsdl struct {
	endpoints map[string]map[string]operation // path → SOAPAction → operation
	routes    map[string]route                // operation name → route
	parts     []string                        // the text between placeholders
}

// parseWSDL reads where each of ops listens in text.
func parseWSDL(text string, ops []operation) (*wsdl, error) {
	var defs wsdlDefinitions
	if err := xml.Unmarshal([]byte(text), &defs); err != nil {
		return nil, fmt.Errorf("soapkit: read WSDL: %w", err)
	}
	byName := map[string]operation{}
	for _, op := range ops {
		byName[op.Name()] = op
	}
	bindings := map[string]wsdlBinding{}
	for _, b := range defs.Bindings {
		bindings[b.Name] = b
	}
	w := &wsdl{endpoints: map[string]map[string]operation{}, routes: map[string]route{}, parts: strings.Split(text, placeholder)}
	for _, s := range defs.Services {
		for _, p := range s.Ports {
			if err := w.addPort(bindings[localName(p.Binding)], p.Address.Location, byName); err != nil {
				return nil, err
			}
		}
	}
	for name := range byName {
		if _, ok := w.routes[name]; !ok {
			return nil, fmt.Errorf("soapkit: WSDL: no port offers %s", name)
		}
	}
	return w, nil
}

// addPort adds the operations of binding b at location.
func (w *wsdl) addPort(b wsdlBinding, location string, ops map[string]operation) error {
	path, ok := strings.CutPrefix(location, "http://localhost")
	if !ok || !strings.HasPrefix(path, "/") || b.Name == "" {
		return fmt.Errorf("soapkit: WSDL: a port at %q (binding %q): want a binding and http://localhost/<path>", location, b.Name)
	}
	if w.endpoints[path] == nil {
		w.endpoints[path] = map[string]operation{}
	}
	for _, o := range b.Operations {
		op, ok := ops[o.Name]
		if !ok {
			return fmt.Errorf("soapkit: WSDL: binding %s has operation %s, which the kit cannot serve", b.Name, o.Name)
		}
		if _, dup := w.routes[o.Name]; dup {
			return fmt.Errorf("soapkit: WSDL: operation %s has two ports", o.Name)
		}
		w.routes[o.Name] = route{path: path, action: o.SOAP.Action, op: op}
		w.endpoints[path][o.SOAP.Action] = op
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

// operation returns the operation of SOAPAction action at path.
func (w *wsdl) operation(path, action string) (operation, bool) {
	op, ok := w.endpoints[path][action]
	return op, ok
}

// soapAction returns a SOAPAction header's value without its quotes,
// which SOAP 1.1 asks for and clients do not always send.
func soapAction(header string) string {
	a := strings.TrimSpace(header)
	if len(a) >= 2 && a[0] == '"' && a[len(a)-1] == '"' {
		a = a[1 : len(a)-1]
	}
	return a
}

// serve writes the WSDL with every address on the host the request was
// sent to.
func (w *wsdl) serve(rw http.ResponseWriter, r *http.Request) {
	var host bytes.Buffer
	_ = xml.EscapeText(&host, []byte(r.Host)) // bytes.Buffer writes do not fail
	body := strings.Join(w.parts, `location="http://`+host.String()+`/`)
	rw.Header().Set("Content-Type", contentType)
	rw.Header().Set("Content-Length", strconv.Itoa(len(body)))
	if r.Method != http.MethodHead {
		_, _ = rw.Write([]byte(body)) // a failed write means the client is gone
	}
}
