package soapkit

import (
	"fmt"
	"strings"
)

// router finds a server's operations by the path and SOAPAction of a
// call, as its stored WSDL binds them.
type router map[string]map[string]operation // path → SOAPAction → operation

// newRouter binds ops where w says; w must offer each of them, all at
// placeholder addresses, and no operation the kit cannot serve.
func newRouter(w *wsdl, ops []operation) (router, error) {
	if err := w.lacks(ops); err != nil {
		return nil, err
	}
	for _, loc := range w.locations {
		if !strings.HasPrefix(loc, placeholder) {
			return nil, fmt.Errorf("soapkit: WSDL: a port at %q: a stored WSDL's addresses are %s<path>", loc, placeholder)
		}
	}
	byName := map[string]operation{}
	for _, op := range ops {
		byName[op.Name()] = op
	}
	rt := router{}
	for name, r := range w.routes {
		op, ok := byName[name]
		if !ok {
			return nil, fmt.Errorf("soapkit: WSDL: operation %s, which the kit cannot serve", name)
		}
		if rt[r.path] == nil {
			rt[r.path] = map[string]operation{}
		}
		rt[r.path][r.action] = op
	}
	return rt, nil
}

// operation returns the operation of SOAPAction action at path.
func (rt router) operation(path, action string) (operation, bool) {
	op, ok := rt[path][action]
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
