// Package restkit builds REST's sides of the evolution matrix: v2 servers,
// the v2 client, and the v1 client that follows links.
//
// A v2 server is the v1 server (transports/rest, the provider's code)
// behind a transforming reverse proxy (net/http/httputil) that speaks the
// v2 contract: an Adapter says which routes the v2 server has (a moved
// resource, a gone one) and how a v2 request becomes a v1 one and a v1
// representation a v2 one, with encoding/json on the JSON objects. Errors
// the adapter raises itself have the v1 error body and status mapping, so
// a v2 server answers with one voice. This is how a REST provider often
// ships a new version (an API gateway's or a versioning middleware's
// transformation of one implementation), and it keeps the comparison
// about the representation alone: both versions run the same handler
// code over the same store.
//
// A v2 client decodes the v2 representation into its own typed structs
// with encoding/json, as a real client does: unknown members are ignored,
// missing ones keep their zero value. It builds its URLs from the v2
// contract's templates (a Contract), as the pattern's own client does
// from v1's.
//
// The "links" client flavour is a v1 client that builds one URL, the
// customer's, and follows _links for everything else: the client
// hypermedia is meant to protect.
package restkit
