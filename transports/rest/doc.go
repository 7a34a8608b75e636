// Package rest is the REST/JSON pattern of intbench: resources and verbs
// over HTTP/1.1 with JSON bodies, real status codes and HAL-style hypermedia
// links, built on net/http and encoding/json alone.
//
// # Resources
//
//	GET  /customers/{id}                          one customer
//	GET  /customers/{id}/orders?limit=&cursor=    one page of its orders, oldest first
//	POST /customers/{id}/orders                   place an order
//
// GET also answers HEAD. Field names are snake_case; times are RFC 3339 in
// UTC with exactly six fractional digits (2025-01-01T00:00:00.000000Z), so
// microseconds round-trip exactly. limit defaults to DefaultLimit when the
// parameter is absent; cursor is the opaque next_cursor of the previous page.
//
// Every representation carries _links in the HAL style, {"self":{"href":...}},
// with paths relative to the server: a customer links to itself (self) and to
// its orders (orders); a page of orders links to itself (self), to its
// customer (customer) and, unless it is the last page, to the next page
// (next, carrying limit and cursor); a placed order links to its customer.
// Orders inside a page carry no links of their own, as they all belong to the
// page's customer. A client can thus walk from a customer through all its
// orders by following links only.
//
// POST takes {"items":[{"sku":..,"quantity":..,"unit_price_cents":..}],"note":..}
// with Content-Type application/json (charset utf-8 or none). The request ID
// travels in the Idempotency-Key header, percent-encoded as in a URL path
// segment so that any request ID round-trips exactly; an ID of unreserved
// characters (a UUID, say) is sent as it is. The server answers 201 Created
// with the order whether the call created it or replayed an earlier call
// with the same key and body: service.Service does not tell the two apart,
// and a retrying client needs the same answer either way. There is no order
// resource, so no Location header is sent.
//
// # Status codes
//
// Errors have the body {"error":{"kind":"NotFound","message":"..."}} with
// Content-Type application/json, where kind is service.Kind.String() and
// message is service.MessageOf(err). Kinds map to statuses as
//
//	InvalidArgument   400 Bad Request
//	NotFound          404 Not Found
//	Conflict          409 Conflict
//	Internal          500 Internal Server Error
//	Unavailable       503 Service Unavailable
//	DeadlineExceeded  504 Gateway Timeout
//
// Requests the HTTP layer rejects get their own status with kind
// InvalidArgument: 405 for another method (with an Allow header), 415 for a
// POST that is not application/json, 413 for a body over
// the server's Limits.MaxBodyBytes, 431 for a header list over
// transports.MaxHeaderBytes (plain text, from the HTTP layer), and 400 for malformed JSON, unknown fields, trailing
// data, invalid UTF-8, a missing Idempotency-Key, a non-numeric id or limit.
// Unknown paths get 404 with kind NotFound. The client maps the kind back
// with service.Errorf; an error body that is not ours (a proxy's page) is
// classified by its status code alone.
//
// # Client
//
// The client keeps plain HTTP/1.1 keep-alive connections over TCP (no
// HTTP/2: ForceAttemptHTTP2 is off, and h2c is not used), up to
// ClientConfig.PoolSize idle per host for ClientConfig.IdleTimeout, every
// one opened through DialConfig.DialFunc(). Compression is disabled so the
// bytes on the wire are the JSON bodies plus HTTP headers. Redirects are
// not followed. A call lasts as long as its context allows (the hardened
// profile gives it a deadline and retries, as for every pattern). Because
// every POST carries an Idempotency-Key and a replayable body, net/http
// itself retries it on a fresh connection when a reused keep-alive
// connection turns out to be dead, as it does for GETs; the Settings say
// so.
//
// encoding/json replaces invalid UTF-8 by U+FFFD without a word, so the
// client refuses a note or SKU that is not valid UTF-8 with InvalidArgument
// instead of sending a different string; the server refuses request bodies
// that are not valid UTF-8. (A lone surrogate escape such as \ud800 in a
// request body still becomes U+FFFD, as encoding/json decodes it.)
package rest
