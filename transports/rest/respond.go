package rest

import (
	"net/http"
	"strconv"

	"github.com/intbench/intbench/service"
)

// writeJSON sends v with the given status.
func (h *handler) writeJSON(w http.ResponseWriter, status int, v any) {
	h.writeJSONBuf(w, status, v, h.bufs.get())
}

// writeJSONBuf sends v with the given status, encoded into buf, which it
// returns to the pool.
func (h *handler) writeJSONBuf(w http.ResponseWriter, status int, v any, buf *jsonBuf) {
	if err := buf.encode(v); err != nil {
		h.bufs.put(buf)
		h.writeError(w, http.StatusInternalServerError, service.Errorf(service.KindInternal, "encoding response: %v", err))
		return
	}
	writeBody(w, status, buf.Bytes())
	h.bufs.put(buf)
}

// writeError sends err as an error document. A zero status means the one
// err's kind maps to.
func (h *handler) writeError(w http.ResponseWriter, status int, err error) {
	writeError(w, &h.bufs, status, err)
}

// errorBufs are WriteError's buffers.
var errorBufs bufPool

// WriteError answers err as the pattern's server does: its error
// document, with status or, when status is 0, the status of err's kind.
// It serves a server in front of the pattern's own that raises errors of
// its own (evolution/restkit's v2 proxy), so that both answer alike.
func WriteError(w http.ResponseWriter, status int, err error) {
	writeError(w, &errorBufs, status, err)
}

func writeError(w http.ResponseWriter, bufs *bufPool, status int, err error) {
	k := service.KindOf(err)
	if status == 0 {
		status = statusOf(k)
	}
	buf := bufs.get()
	doc := errorDoc{Error: errorJSON{Kind: k.String(), Message: service.MessageOf(err)}}
	if err := buf.encode(&doc); err != nil { // cannot happen with two strings
		buf.Reset()
		buf.WriteString(`{"error":{"kind":"Internal","message":"encoding error"}}` + "\n")
		status = http.StatusInternalServerError
	}
	writeBody(w, status, buf.Bytes())
	bufs.put(buf)
}

func writeBody(w http.ResponseWriter, status int, b []byte) {
	hdr := w.Header()
	hdr["Content-Type"] = contentTypeValue
	hdr["Content-Length"] = []string{strconv.Itoa(len(b))}
	w.WriteHeader(status)
	_, _ = w.Write(b) // a failed write means the client has gone
}
