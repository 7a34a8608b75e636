package soapkit

import (
	"bytes"
	"encoding/xml"
	"net/http"
	"strconv"

	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/transports/soap"
)

// handler answers SOAP calls at the WSDL's endpoints and the WSDL at
// their ?wsdl.
type handler struct {
	svc     service.Service
	ws      *wsdl
	router  router
	maxBody int64
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if _, ok := h.router[r.URL.Path]; !ok {
		http.NotFound(w, r)
		return
	}
	switch {
	case r.Method == http.MethodPost:
		h.serveCall(w, r)
	case (r.Method == http.MethodGet || r.Method == http.MethodHead) && r.URL.Query().Has("wsdl"):
		h.ws.serve(w, r)
	default:
		w.Header().Set("Allow", "GET, HEAD, POST")
		http.Error(w, "soapkit: POST SOAP 1.1 envelopes here, or GET ?wsdl", http.StatusMethodNotAllowed)
	}
}

// serveCall answers one call with a response envelope, or a fault with
// HTTP status 500.
func (h *handler) serveCall(w http.ResponseWriter, r *http.Request) {
	var b bytes.Buffer
	name, resp, err := h.call(w, r)
	if err == nil {
		err = writeEnvelope(&b, name+"Response", resp)
	}
	status := http.StatusOK
	if err != nil {
		b.Reset()
		soap.WriteFault(&b, err)
		status = http.StatusInternalServerError
	}
	w.Header().Set("Content-Type", soap.ContentType)
	w.Header().Set("Content-Length", strconv.Itoa(b.Len()))
	w.WriteHeader(status)
	_, _ = w.Write(b.Bytes()) // a failed write means the client is gone
}

// call checks the HTTP binding, reads the request element and runs its
// operation: the binding, the body and the envelope as transports/soap's
// server reads them, the routing and the operations as the WSDL says.
func (h *handler) call(w http.ResponseWriter, r *http.Request) (string, any, error) {
	if err := soap.CheckContentType(r.Header); err != nil {
		return "", nil, err
	}
	action := soapAction(r.Header.Get("SOAPAction"))
	op, ok := h.router.operation(r.URL.Path, action)
	if !ok {
		return "", nil, badRequest("unknown SOAPAction %.80q at %s", action, r.URL.Path)
	}
	var body bytes.Buffer
	if err := soap.ReadBody(w, r, h.maxBody, &body); err != nil {
		return "", nil, err
	}
	d, start, err := soap.OpenBody(body.Bytes())
	if err != nil {
		return "", nil, err
	}
	if want := (xml.Name{Space: Namespace, Local: op.Name() + "Request"}); start.Name != want {
		return "", nil, badRequest("SOAPAction %s expects {%s}%s in the Body, found {%s}%s", op.Name(), want.Space, want.Local, start.Name.Space, start.Name.Local)
	}
	resp, err := op.serve(r.Context(), h.svc, d, &start)
	return op.Name(), resp, err
}
