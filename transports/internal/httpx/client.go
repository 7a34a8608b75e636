package httpx

import (
	"context"
	"crypto/tls"
	"net"
	"net/http"
	"time"
)

// Client pool settings: enough idle connections for 256 concurrent callers
// and then some, kept for 90 s.
const (
	// MaxIdleConns caps the idle connections kept, in all and per host.
	MaxIdleConns = 512
	// IdleConnTimeout is how long an idle connection is kept.
	IdleConnTimeout = 90 * time.Second
	// IOBufferSize is the size of each connection's read and write buffer.
	IOBufferSize = 32 << 10
	// DefaultCallTimeout bounds calls whose ctx has no deadline.
	DefaultCallTimeout = time.Minute
)

// NewClient returns a plain HTTP/1.1 keep-alive client that opens every
// connection through dial, does not compress and does not follow
// redirects, together with its transport (to close idle connections).
func NewClient(dial func(ctx context.Context, network, addr string) (net.Conn, error)) (*http.Transport, *http.Client) {
	tr := &http.Transport{
		DialContext:         dial,
		MaxIdleConns:        MaxIdleConns,
		MaxIdleConnsPerHost: MaxIdleConns,
		IdleConnTimeout:     IdleConnTimeout,
		DisableCompression:  true,                                                   // wire bytes are body bytes plus headers
		ForceAttemptHTTP2:   false,                                                  // plain HTTP/1.1 keep-alive over TCP
		TLSNextProto:        map[string]func(string, *tls.Conn) http.RoundTripper{}, // HTTP/1.1 only
		WriteBufferSize:     IOBufferSize,
		ReadBufferSize:      IOBufferSize,
	}
	hc := &http.Client{Transport: tr, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}
	return tr, hc
}
