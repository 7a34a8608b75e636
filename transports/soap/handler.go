package soap

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/intbench/intbench/internal/httpx"
	"github.com/intbench/intbench/service"
)

// Path is where the service listens; GET Path?wsdl serves the WSDL.
const Path = "/soap"

// ContentType is the SOAP 1.1 media type with its charset.
const ContentType = "text/xml; charset=utf-8"

var contentTypeValue = []string{ContentType}

// handler serves SOAP calls and the WSDL.
type handler struct {
	svc     service.Service
	maxBody int64
	ops     map[string]*operation // by SOAPAction header value, quoted or not
	wsdl    *wsdlDoc
	bufs    bufPool
}

func newHandler(svc service.Service, maxBody int64) (*handler, error) {
	w, err := newWSDLDoc()
	if err != nil {
		return nil, err
	}
	h := &handler{svc: svc, maxBody: maxBody, ops: map[string]*operation{}, wsdl: w}
	for _, op := range operations() {
		h.ops[op.name] = op
		h.ops[`"`+op.name+`"`] = op
	}
	return h, nil
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != Path {
		http.NotFound(w, r)
		return
	}
	switch r.Method {
	case http.MethodPost:
		h.serveCall(w, r)
	case http.MethodGet, http.MethodHead:
		if !wantsWSDL(r) {
			http.Error(w, "soap: POST SOAP 1.1 envelopes here, or GET "+Path+"?wsdl", http.StatusMethodNotAllowed)
			return
		}
		h.wsdl.serve(w, r)
	default:
		w.Header().Set("Allow", "GET, HEAD, POST")
		http.Error(w, "soap: method not allowed", http.StatusMethodNotAllowed)
	}
}

func wantsWSDL(r *http.Request) bool {
	return strings.EqualFold(r.URL.RawQuery, "wsdl") || r.URL.Query().Has("wsdl")
}

// serveCall answers one SOAP call with a response or a fault envelope.
func (h *handler) serveCall(w http.ResponseWriter, r *http.Request) {
	buf := h.bufs.get()
	resp, err := h.call(w, r, buf)
	buf.Reset()
	status := http.StatusOK
	if err == nil {
		err = buf.writeEnvelope(resp)
	}
	if err != nil {
		buf = h.bufs.get() // the failed buffer may hold half an element
		WriteFault(&buf.Buffer, err)
		status = http.StatusInternalServerError
	}
	hdr := w.Header()
	hdr["Content-Type"] = contentTypeValue
	hdr["Content-Length"] = []string{strconv.Itoa(buf.Len())}
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes()) // a failed write means the client is gone
	h.bufs.put(buf)
}

// call checks the HTTP binding, reads the envelope into buf and runs the
// operation.
func (h *handler) call(w http.ResponseWriter, r *http.Request, buf *xmlBuf) (any, error) {
	if err := checkContentType(r.Header["Content-Type"]); err != nil {
		return nil, err
	}
	op, err := h.operation(r.Header["Soapaction"])
	if err != nil {
		return nil, err
	}
	if err := h.readBody(w, r, buf); err != nil {
		return nil, err
	}
	d, start, err := OpenBody(buf.Bytes())
	if err != nil {
		return nil, err
	}
	if start.Name.Space != Namespace || start.Name.Local != op.request {
		return nil, badRequest("SOAPAction %s expects {%s}%s in the Body, found %s", op.name, Namespace, op.request, fmtName(start.Name))
	}
	return op.serve(r.Context(), h.svc, d, &start)
}

func (h *handler) operation(action []string) (*operation, error) {
	if len(action) == 0 {
		return nil, badRequest("missing SOAPAction header; SOAP 1.1 over HTTP requires one naming the operation")
	}
	op, ok := h.ops[strings.TrimSpace(action[0])]
	if !ok {
		return nil, badRequest("unknown SOAPAction %.80q; operations are GetCustomer, PlaceOrder, ListOrders", action[0])
	}
	return op, nil
}

func (h *handler) readBody(w http.ResponseWriter, r *http.Request, buf *xmlBuf) error {
	return ReadBody(w, r, h.maxBody, &buf.Buffer)
}

// ReadBody reads r's body into buf as the pattern's server reads a
// request: a body declared (Content-Length) or found over maxBody bytes
// is refused with InvalidArgument (a soap:Client fault) without reading
// it further, and at most 64 KiB are allocated for a declared length
// before its bytes arrive. A body that cannot be read is Unavailable.
func ReadBody(w http.ResponseWriter, r *http.Request, maxBody int64, buf *bytes.Buffer) error {
	if n := r.ContentLength; n > maxBody {
		return badRequest("request body of %d bytes exceeds the limit of %d bytes", n, maxBody)
	}
	httpx.GrowFor(buf, r.ContentLength)
	_, err := buf.ReadFrom(http.MaxBytesReader(w, r.Body, maxBody))
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		return badRequest("request body exceeds the limit of %d bytes", maxBody)
	case err != nil:
		return service.Errorf(service.KindUnavailable, "soap: reading request body: %v", err)
	}
	return nil
}

// CheckContentType checks the Content-Type of a request as the pattern's
// server does: text/xml with no charset or UTF-8, the only media type of
// SOAP 1.1 over HTTP; anything else is InvalidArgument.
func CheckContentType(h http.Header) error { return checkContentType(h["Content-Type"]) }

// checkContentType accepts text/xml with no charset or UTF-8, the only
// media type of SOAP 1.1 over HTTP.
func checkContentType(v []string) error {
	if len(v) == 0 {
		return badRequest("missing Content-Type; SOAP 1.1 requires %s", ContentType)
	}
	if strings.EqualFold(v[0], ContentType) {
		return nil
	}
	mt, params, err := mime.ParseMediaType(v[0])
	if err != nil {
		return badRequest("malformed Content-Type %.80q: %v", v[0], err)
	}
	if mt == "application/soap+xml" {
		return badRequest("Content-Type %s is SOAP 1.2; this service speaks SOAP 1.1 (%s)", mt, ContentType)
	}
	if mt != "text/xml" {
		return badRequest("unsupported Content-Type %.80q; SOAP 1.1 requires %s", mt, ContentType)
	}
	if cs, ok := params["charset"]; ok && !strings.EqualFold(cs, "utf-8") {
		return badRequest("unsupported charset %.40q; use utf-8", cs)
	}
	return nil
}

// operation is one SOAP operation on the server.
type operation struct {
	name    string // the SOAPAction and the WSDL operation name
	request string // local name of the Body element
	serve   func(ctx context.Context, svc service.Service, d *xml.Decoder, start *xml.StartElement) (any, error)
}
