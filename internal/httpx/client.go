package httpx

import (
	"bytes"
	"crypto/tls"
	"fmt"
	"io"
	"maps"
	"net/http"
	"strconv"
	"sync/atomic"

	"github.com/intbench/intbench/internal/netx"
	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/transports"
)

// IOBufferSize is the size of each client connection's read and write
// buffer.
const IOBufferSize = 32 << 10

// Client is the HTTP side that the rest and soap clients share and embed:
// a plain HTTP/1.1 keep-alive client, its Settings and its Close.
type Client struct {
	// HTTP sends the requests.
	HTTP     *http.Client
	tr       *http.Transport
	maxBody  int64 // the largest response body read
	closed   atomic.Bool
	settings map[string]string
}

// NewClient returns a client that opens every connection through
// cfg.DialFunc(), keeps up to PoolSize idle connections (in all and per
// host) for IdleTimeout, does not compress and does not follow redirects,
// and reads response heads up to transports.MaxHeaderBytes and bodies up
// to cfg.MaxResponse().
// It sets no timeout of its own: a call lasts as long as its context
// allows. own holds the pattern's keys for Settings (its protocol and
// what net/http retries of its requests), added to the common ones and
// ClientSettings.
func NewClient(cfg transports.DialConfig, own map[string]string) *Client {
	cc := cfg.Client.WithDefaults()
	tr := &http.Transport{
		DialContext:         cfg.DialFunc(),
		MaxIdleConns:        cc.PoolSize,
		MaxIdleConnsPerHost: cc.PoolSize,
		IdleConnTimeout:     cc.IdleTimeout,
		DisableCompression:  true,                                                   // wire bytes are body bytes plus headers
		ForceAttemptHTTP2:   false,                                                  // plain HTTP/1.1 keep-alive over TCP
		TLSNextProto:        map[string]func(string, *tls.Conn) http.RoundTripper{}, // HTTP/1.1 only
		WriteBufferSize:     IOBufferSize,
		ReadBufferSize:      IOBufferSize,
		// net/http counts a response's head as sent: status line and
		// fields (its default is 10 MiB).
		MaxResponseHeaderBytes: transports.MaxHeaderBytes,
	}
	hc := &http.Client{Transport: tr, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}
	settings := ClientSettings(cfg.MaxResponse())
	maps.Copy(settings, own)
	return &Client{HTTP: hc, tr: tr, maxBody: cfg.MaxResponse(), settings: netx.Settings(cc, settings)}
}

// Settings describes the client's configuration for the results.
func (c *Client) Settings() map[string]string { return maps.Clone(c.settings) }

// Closed reports whether Close was called.
func (c *Client) Closed() bool { return c.closed.Load() }

// Close releases the idle connections; the pattern fails later calls.
// Calling it twice is safe.
func (c *Client) Close() error {
	c.closed.Store(true)
	c.tr.CloseIdleConnections()
	return nil
}

// ClientSettings returns the keys the HTTP clients share besides the
// common ones of transports.ClientConfig.
func ClientSettings(maxResponse int64) map[string]string {
	return map[string]string{
		"compression":        "off",
		"io_buffer_bytes":    strconv.Itoa(IOBufferSize),
		"max_response_bytes": strconv.FormatInt(maxResponse, 10),
		"max_header_bytes":   strconv.Itoa(transports.MaxHeaderBytes),
		"pings":              "none (HTTP/1.1 has none)",
		"pool":               "net/http keep-alive, pool_size idle per host",
	}
}

// ReadBody reads the whole response body (up to the client's limit) into
// buf and closes it, so the connection goes back to the pool. A body over
// the limit is Internal; it is not read further.
func (c *Client) ReadBody(res *http.Response, buf *bytes.Buffer) error {
	defer res.Body.Close()
	if n := res.ContentLength; n > c.maxBody {
		return fmt.Errorf("response of %d bytes exceeds the limit of %d bytes: %w", n, c.maxBody, service.ErrInternal)
	}
	GrowFor(buf, res.ContentLength)
	if _, err := buf.ReadFrom(io.LimitReader(res.Body, c.maxBody+1)); err != nil {
		return err
	}
	if int64(buf.Len()) > c.maxBody {
		return fmt.Errorf("response exceeds the limit of %d bytes: %w", c.maxBody, service.ErrInternal)
	}
	return nil
}
