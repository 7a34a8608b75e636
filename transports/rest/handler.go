package rest

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/intbench/intbench/internal/httpx"
	"github.com/intbench/intbench/service"
)

// DefaultLimit is the page size of GET /customers/{id}/orders without a
// limit parameter.
const DefaultLimit = 20

// ContentType is the media type of every body, request or response.
const ContentType = "application/json"

// Header values shared by all responses; net/http only reads them.
var (
	contentTypeValue = []string{ContentType}
	allowCustomer    = []string{"GET, HEAD"}
	allowOrders      = []string{"GET, HEAD, POST"}
)

// handler serves the resources over a service.Service.
type handler struct {
	svc     service.Service
	maxBody int64
	bufs    bufPool
}

func newMux(svc service.Service, maxBody int64) *http.ServeMux {
	h := &handler{svc: svc, maxBody: maxBody}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /customers/{id}", h.getCustomer)
	mux.HandleFunc("/customers/{id}", h.notAllowed(allowCustomer))
	mux.HandleFunc("GET /customers/{id}/orders", h.listOrders)
	mux.HandleFunc("POST /customers/{id}/orders", h.placeOrder)
	mux.HandleFunc("/customers/{id}/orders", h.notAllowed(allowOrders))
	mux.HandleFunc("/", h.notFound)
	return mux
}

func (h *handler) getCustomer(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.writeError(w, http.StatusBadRequest, err)
		return
	}
	c, err := h.svc.GetCustomer(r.Context(), id)
	if err != nil {
		h.writeError(w, 0, err)
		return
	}
	doc := customerDoc{customerJSON: customerToWire(&c)}
	doc.Links.Self.Href = customerPath(c.ID)
	doc.Links.Orders.Href = ordersPath(c.ID)
	h.writeJSON(w, http.StatusOK, &doc)
}

func (h *handler) listOrders(w http.ResponseWriter, r *http.Request) {
	req, err := listRequest(r)
	if err != nil {
		h.writeError(w, http.StatusBadRequest, err)
		return
	}
	page, err := h.svc.ListOrders(r.Context(), req)
	if err != nil {
		h.writeError(w, 0, err)
		return
	}
	doc := pageDoc{pageJSON: pageToWire(&page)}
	doc.Links.Self.Href = pagePath(req.CustomerID, req.Limit, req.Cursor)
	doc.Links.Customer.Href = customerPath(req.CustomerID)
	if page.NextCursor != "" {
		doc.Links.Next = &link{Href: pagePath(req.CustomerID, req.Limit, page.NextCursor)}
	}
	h.writeJSON(w, http.StatusOK, &doc)
}

// listRequest reads the customer ID, limit and cursor of a page request.
func listRequest(r *http.Request) (service.ListOrdersRequest, error) {
	id, err := pathID(r)
	if err != nil {
		return service.ListOrdersRequest{}, err
	}
	req := service.ListOrdersRequest{CustomerID: id, Limit: DefaultLimit}
	if r.URL.RawQuery == "" {
		return req, nil
	}
	q, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return req, badRequest("malformed query: %v", err)
	}
	if v, ok := q["limit"]; ok {
		n, err := strconv.ParseInt(v[0], 10, 32)
		if err != nil {
			return req, badRequest("limit %.40q is not an integer in 1..%d", v[0], service.MaxListLimit)
		}
		req.Limit = int32(n)
	}
	req.Cursor = q.Get("cursor")
	return req, nil
}

func (h *handler) placeOrder(w http.ResponseWriter, r *http.Request) {
	buf := h.bufs.get()
	req, err := h.placeRequest(w, r, buf)
	if err != nil {
		h.bufs.put(buf)
		h.writeError(w, statusOfRejection(err), err)
		return
	}
	buf.Reset() // the decoded strings are copies; reuse buf for the response
	o, err := h.svc.PlaceOrder(r.Context(), req)
	if err != nil {
		h.bufs.put(buf)
		h.writeError(w, 0, err)
		return
	}
	doc := orderDoc{orderJSON: orderToWire(&o)}
	doc.Links.Customer.Href = customerPath(o.CustomerID)
	h.writeJSONBuf(w, http.StatusCreated, &doc, buf)
}

// rejection is a request refused by the HTTP layer with a status of its
// own; its kind is always InvalidArgument.
type rejection struct {
	status int
	err    error
}

func (r *rejection) Error() string { return r.err.Error() }
func (r *rejection) Unwrap() error { return r.err }

func reject(status int, format string, args ...any) error {
	return &rejection{status: status, err: service.Errorf(service.KindInvalidArgument, format, args...)}
}

func badRequest(format string, args ...any) error {
	return service.Errorf(service.KindInvalidArgument, format, args...)
}

func statusOfRejection(err error) int {
	if r, ok := errors.AsType[*rejection](err); ok {
		return r.status
	}
	return statusOf(service.KindOf(err))
}

// placeRequest checks the HTTP side of a POST and decodes its body, read
// into buf.
func (h *handler) placeRequest(w http.ResponseWriter, r *http.Request, buf *jsonBuf) (service.PlaceOrderRequest, error) {
	var req service.PlaceOrderRequest
	id, err := pathID(r)
	if err != nil {
		return req, err
	}
	if err := checkContentType(r.Header["Content-Type"]); err != nil {
		return req, err
	}
	key, err := idempotencyKey(r.Header["Idempotency-Key"])
	if err != nil {
		return req, err
	}
	if err := h.readBody(w, r, buf); err != nil {
		return req, err
	}
	var body placeOrderJSON
	if err := decodeStrict(buf.Bytes(), &body); err != nil {
		return req, err
	}
	return service.PlaceOrderRequest{CustomerID: id, Items: itemsFromWire(body.Items), Note: body.Note, RequestID: key}, nil
}

func (h *handler) readBody(w http.ResponseWriter, r *http.Request, buf *jsonBuf) error {
	if n := r.ContentLength; n > h.maxBody {
		return reject(http.StatusRequestEntityTooLarge, "request body of %d bytes exceeds the limit of %d bytes", n, h.maxBody)
	}
	httpx.GrowFor(&buf.Buffer, r.ContentLength)
	_, err := buf.ReadFrom(http.MaxBytesReader(w, r.Body, h.maxBody))
	if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
		return reject(http.StatusRequestEntityTooLarge, "request body exceeds the limit of %d bytes", h.maxBody)
	}
	if err != nil {
		return service.Errorf(service.KindUnavailable, "reading request body: %v", err)
	}
	return nil
}

// decodeStrict decodes exactly one JSON object with known fields only.
func decodeStrict(b []byte, v any) error {
	if !utf8.Valid(b) {
		return badRequest("request body is not valid UTF-8")
	}
	d := json.NewDecoder(bytes.NewReader(b))
	d.DisallowUnknownFields()
	if err := d.Decode(v); err != nil {
		return badRequest("malformed JSON body: %v", err)
	}
	if _, err := d.Token(); err != io.EOF {
		return badRequest("unexpected data after the JSON body")
	}
	return nil
}

// checkContentType accepts application/json with no charset or UTF-8.
func checkContentType(v []string) error {
	if len(v) == 0 {
		return reject(http.StatusUnsupportedMediaType, "missing Content-Type; send %s", ContentType)
	}
	if v[0] == ContentType {
		return nil
	}
	mt, params, err := mime.ParseMediaType(v[0])
	if err != nil || mt != ContentType {
		return reject(http.StatusUnsupportedMediaType, "unsupported Content-Type %.80q; send %s", v[0], ContentType)
	}
	if cs, ok := params["charset"]; ok && !strings.EqualFold(cs, "utf-8") {
		return reject(http.StatusUnsupportedMediaType, "unsupported charset %.40q; send utf-8", cs)
	}
	return nil
}

// idempotencyKey returns the request ID, percent-decoded.
func idempotencyKey(v []string) (string, error) {
	if len(v) == 0 || v[0] == "" {
		return "", badRequest("missing Idempotency-Key header; every POST needs a request ID")
	}
	if strings.IndexByte(v[0], '%') < 0 {
		return v[0], nil
	}
	k, err := url.PathUnescape(v[0])
	if err != nil {
		return "", badRequest("malformed percent-encoding in Idempotency-Key: %v", err)
	}
	return k, nil
}

// pathID parses the {id} path segment.
func pathID(r *http.Request) (int64, error) {
	s := r.PathValue("id")
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, badRequest("customer id %.40q is not an integer", s)
	}
	return id, nil
}

func (h *handler) notAllowed(allow []string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header()["Allow"] = allow
		h.writeError(w, http.StatusMethodNotAllowed, badRequest("method %.20s not allowed on %s; allowed: %s", r.Method, r.URL.Path, allow[0]))
	}
}

func (h *handler) notFound(w http.ResponseWriter, r *http.Request) {
	h.writeError(w, http.StatusNotFound, service.Errorf(service.KindNotFound, "no resource at %.200q", r.URL.Path))
}
