package transports

import "context"

// BodySizes receives the encoded size of a call's request and response
// bodies alone: the JSON or XML document, the protobuf or Thrift message,
// the raw frame payload — without HTTP headers, HTTP/2 or Thrift framing.
// Clients that can tell fill it when the call's context carries one; the
// engine's wire probe reports it beside the bytes on the wire.
type BodySizes struct {
	Request  int64
	Response int64
	set      bool
}

// Set records the sizes of one call.
func (b *BodySizes) Set(request, response int64) {
	b.Request, b.Response, b.set = request, response, true
}

// Known reports whether a client filled b.
func (b *BodySizes) Known() bool { return b.set }

type bodySizesKey struct{}

// WithBodySizes returns a context asking the client to fill b.
func WithBodySizes(ctx context.Context, b *BodySizes) context.Context {
	return context.WithValue(ctx, bodySizesKey{}, b)
}

// BodySizesFrom returns the BodySizes a call's context carries, or nil.
func BodySizesFrom(ctx context.Context) *BodySizes {
	b, _ := ctx.Value(bodySizesKey{}).(*BodySizes)
	return b
}
