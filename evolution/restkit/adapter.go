package restkit

import (
	"maps"
	"net/http"
	"net/url"
)

// Op is what a request does, which says which transformations its bodies
// get.
type Op int

// The operations of the orders service's REST contract.
const (
	// OpOther is any other request: passed through as it is.
	OpOther Op = iota
	// OpCustomer reads a customer.
	OpCustomer
	// OpPage reads a page of a customer's orders.
	OpPage
	// OpPlace places an order.
	OpPlace
)

// Transform changes one JSON body in place, or refuses it with a service
// error, which the v2 server answers in v1's error format.
type Transform func(Object) error

// Echo completes a successful response body in place from the request
// body it answers, as the v2 client sent it (before Requests): what v2
// reports back of its input.
type Echo func(req, resp Object) error

// Route is how a v2 server answers the requests of one http.ServeMux
// pattern.
type Route struct {
	Op Op
	// To returns the v1 server's URL (path and query) for the v2
	// request; nil keeps the request's. An error is answered in v1's
	// format.
	To func(r *http.Request) (*url.URL, error)
	// Gone: the v2 contract has no resource here, and the v2 server
	// answers 404 NotFound, as the v1 server answers an unknown path.
	Gone bool
}

// Adapter is a change's v2 REST contract, as the difference from v1.
type Adapter struct {
	// Routes are added to v1's (V1Routes), replacing those of the same
	// pattern.
	Routes map[string]Route
	// Requests transform request bodies of an Op, v2 to v1.
	Requests map[Op]Transform
	// Responses transform successful response bodies of an Op, v1 to v2.
	Responses map[Op]Transform
	// Echoes complete successful response bodies of an Op, after
	// Responses, from their v2 request bodies.
	Echoes map[Op]Echo
}

// V1Routes are the v1 contract's routes (transports/rest).
func V1Routes() map[string]Route {
	return map[string]Route{
		"GET /customers/{id}":         {Op: OpCustomer},
		"GET /customers/{id}/orders":  {Op: OpPage},
		"POST /customers/{id}/orders": {Op: OpPlace},
		"/":                           {Op: OpOther},
	}
}

// routes returns v1's routes with a's over them.
func (a Adapter) routes() map[string]Route {
	rs := V1Routes()
	maps.Copy(rs, a.Routes)
	return rs
}
