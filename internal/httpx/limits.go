package httpx

import (
	"fmt"
	"net/http"

	"github.com/intbench/intbench/transports"
)

// fieldOverhead is what HTTP/2 adds to each header field's name and value
// when it sizes a header list (RFC 9113 §6.5.2).
const fieldOverhead = 32

var headersTooLarge = fmt.Sprintf("header fields exceed the limit of %d bytes (name, value and %d bytes each)",
	transports.MaxHeaderBytes, fieldOverhead)

// headerListSize sizes h and the host as HTTP/2 sizes a header list.
func headerListSize(host string, h http.Header) int {
	n := len("host") + len(host) + fieldOverhead
	for name, values := range h {
		for _, v := range values {
			n += len(name) + len(v) + fieldOverhead
		}
	}
	return n
}

// limitHeaders answers 431 to a request whose header fields (with Host)
// are over transports.MaxHeaderBytes as HTTP/2 counts them, so that a
// header list has one bound, and at most 2,048 fields, in every pattern.
// net/http has read the head by then: at most MaxHeaderBytes plus its 4
// KiB of slack as sent, which it refuses itself beyond.
func limitHeaders(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if headerListSize(r.Host, r.Header) > transports.MaxHeaderBytes {
			w.Header().Set("Connection", "close")
			http.Error(w, headersTooLarge, http.StatusRequestHeaderFieldsTooLarge)
			return
		}
		h.ServeHTTP(w, r)
	})
}
