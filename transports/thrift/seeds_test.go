package thrift

import (
	"context"
	"encoding/binary"
	"flag"
	"math"
	"testing"

	"github.com/apache/thrift/lib/go/thrift"

	"github.com/intbench/intbench/internal/fuzzx"
)

var update = flag.Bool("update", false, "rewrite the fuzz seed corpora in testdata/fuzz")

// TestFuzzSeeds keeps the seed corpora in step with the code that makes
// them: real traffic of each protocol, its truncations and hostile
// messages.
func TestFuzzSeeds(t *testing.T) {
	for _, p := range protocols {
		traffic := fuzzx.Record(t, &Transport{Protocol: p})
		name := map[Protocol]string{Binary: "Binary", Compact: "Compact"}[p]
		fuzzx.SyncCorpus(t, "FuzzServer"+name, serverSeeds(p, traffic), *update)
		fuzzx.SyncCorpus(t, "FuzzClient"+name, clientSeeds(p, traffic), *update)
	}
}

// writer builds one message in a protocol.
type writer struct {
	thrift.TProtocol
	buf *thrift.TMemoryBuffer
	ctx context.Context
}

// newWriter returns a writer of protocol p that refuses nothing.
func newWriter(p Protocol) *writer {
	buf := thrift.NewTMemoryBuffer()
	return &writer{TProtocol: protocolFactory(p, limitConf(math.MaxInt32)).GetProtocol(buf), buf: buf, ctx: context.Background()}
}

// raw appends bytes past the protocol.
func (w *writer) raw(b ...byte) { w.buf.Write(b) }

// begin starts a message and its struct (arguments or result).
func (w *writer) begin(name string, typ thrift.TMessageType, seq int32) {
	w.WriteMessageBegin(w.ctx, name, typ, seq)
	w.WriteStructBegin(w.ctx, "args")
}

// field starts field id of type typ.
func (w *writer) field(typ thrift.TType, id int16) { w.WriteFieldBegin(w.ctx, "", typ, id) }

// end closes n structs, the message's own included, and returns the
// message framed.
func (w *writer) end(n int) []byte {
	for range n {
		w.WriteFieldStop(w.ctx)
		w.WriteStructEnd(w.ctx)
	}
	w.WriteMessageEnd(w.ctx)
	w.Flush(w.ctx)
	return framed(w.buf.Bytes())
}

// framed prefixes msg with its length.
func framed(msg []byte) []byte {
	return append(binary.BigEndian.AppendUint32(nil, uint32(len(msg))), msg...)
}

// leastItem writes the smallest LineItem: its required fields, zero.
func leastItem(w *writer) {
	w.field(thrift.STRING, 1)
	w.WriteString(w.ctx, "")
	w.field(thrift.I32, 2)
	w.WriteI32(w.ctx, 0)
	w.field(thrift.I64, 3)
	w.WriteI64(w.ctx, 0)
	w.WriteFieldStop(w.ctx)
}

// leastOrder writes the required fields of an Order, zero but its
// status, and leaves the struct open.
func leastOrder(w *writer) {
	for _, f := range []int16{1, 2} {
		w.field(thrift.I64, f)
		w.WriteI64(w.ctx, 0)
	}
	w.field(thrift.I32, 3)
	w.WriteI32(w.ctx, 1)
	w.field(thrift.I64, 7)
	w.WriteI64(w.ctx, 0)
}

// nested opens depth unknown struct fields (id 99) in the current struct.
func nested(w *writer, depth int) {
	for range depth {
		w.field(thrift.STRUCT, 99)
		w.WriteStructBegin(w.ctx, "")
	}
}

// serverSeeds are the recorded requests, the whole recorded stream, and
// hostile messages.
func serverSeeds(p Protocol, traffic []fuzzx.Exchange) []fuzzx.Seed {
	request := func(x fuzzx.Exchange) []byte { return x.Request }
	var all []byte
	for _, x := range traffic {
		all = append(all, x.Request...)
	}
	place := func(build func(w *writer)) []byte {
		w := newWriter(p)
		w.begin("placeOrder", thrift.CALL, 1)
		w.field(thrift.STRUCT, 1)
		w.WriteStructBegin(w.ctx, "req")
		build(w)
		return w.end(2)
	}
	get := func(name string, typ thrift.TMessageType, build func(w *writer), structs int) []byte {
		w := newWriter(p)
		w.begin(name, typ, 1)
		build(w)
		return w.end(structs)
	}
	id := func(w *writer) { w.field(thrift.I64, 1); w.WriteI64(w.ctx, 1) }
	return append(fuzzx.Real(traffic, request, fuzzx.Only),
		fuzzx.Seed{Name: "real-pipelined", Args: []any{all}},
		fuzzx.Hostile("empty-frame", framed(nil)),
		fuzzx.Hostile("huge-declared-length", []byte{0x7f, 0xff, 0xff, 0xff, 0x80, 0x01}),
		fuzzx.Hostile("negative-declared-length", []byte{0xff, 0xff, 0xff, 0xff, 0x80, 0x01}),
		fuzzx.Hostile("not-thrift", framed([]byte("GET / HTTP/1.1\r\n\r\n"))),
		fuzzx.Hostile("unknown-method", get("deleteCustomer", thrift.CALL, id, 1)),
		fuzzx.Hostile("unknown-method-then-call", append(get("deleteCustomer", thrift.CALL, id, 1), traffic[0].Request...)),
		fuzzx.Hostile("reply-from-a-client", get("getCustomer", thrift.REPLY, id, 1)),
		fuzzx.Hostile("oneway", get("getCustomer", thrift.ONEWAY, id, 1)),
		fuzzx.Hostile("deep-unknown-structs", get("getCustomer", thrift.CALL, func(w *writer) { id(w); nested(w, 100) }, 101)),
		fuzzx.Hostile("huge-map-count", get("getCustomer", thrift.CALL, func(w *writer) {
			id(w)
			w.field(thrift.MAP, 98)
			w.WriteMapBegin(w.ctx, thrift.STRING, thrift.STRING, math.MaxInt32)
		}, 1)),
		fuzzx.Hostile("missing-required", place(func(*writer) {})),
		fuzzx.Hostile("huge-item-count", place(func(w *writer) {
			w.field(thrift.LIST, 2)
			w.WriteListBegin(w.ctx, thrift.STRUCT, math.MaxInt32)
		})),
		fuzzx.Hostile("huge-string-length", place(func(w *writer) {
			w.field(thrift.STRING, 4)
			if p == Binary {
				w.WriteI32(w.ctx, math.MaxInt32)
			} else {
				w.raw(binary.AppendUvarint(nil, math.MaxInt32)...)
			}
		})),
		fuzzx.Hostile("invalid-utf8", place(func(w *writer) {
			w.field(thrift.I64, 1)
			w.WriteI64(w.ctx, 1)
			w.field(thrift.LIST, 2)
			w.WriteListBegin(w.ctx, thrift.STRUCT, 0)
			w.field(thrift.STRING, 4)
			w.WriteString(w.ctx, "\xff\xfe")
		})),
		fuzzx.Hostile("many-empty-items", place(func(w *writer) {
			w.field(thrift.LIST, 2)
			w.WriteListBegin(w.ctx, thrift.STRUCT, 2000)
			for range 2000 {
				w.WriteFieldStop(w.ctx)
			}
		})),
		fuzzx.Hostile("many-least-items", place(func(w *writer) {
			w.field(thrift.LIST, 2)
			w.WriteListBegin(w.ctx, thrift.STRUCT, 2000)
			for range 2000 {
				leastItem(w)
			}
		})),
	)
}

// clientSeeds are the recorded replies, and hostile ones.
func clientSeeds(p Protocol, traffic []fuzzx.Exchange) []fuzzx.Seed {
	response := func(x fuzzx.Exchange) []byte { return x.Response }
	withOp := func(x fuzzx.Exchange, b []byte) []any { return []any{x.Op, b} }
	reply := func(name string, typ thrift.TMessageType, seq int32, build func(w *writer), structs int) []byte {
		w := newWriter(p)
		w.begin(name, typ, seq)
		build(w)
		return w.end(structs)
	}
	success := func(build func(w *writer)) func(w *writer) {
		return func(w *writer) {
			w.field(thrift.STRUCT, 0)
			w.WriteStructBegin(w.ctx, "")
			build(w)
		}
	}
	page := func(build func(w *writer)) []byte {
		return reply("listOrders", thrift.REPLY, 1, success(func(w *writer) { w.field(thrift.LIST, 1); build(w) }), 2)
	}
	none := func(*writer) {}
	appErr := func(w *writer) {
		w.field(thrift.STRING, 1)
		w.WriteString(w.ctx, "x")
		w.field(thrift.I32, 2)
		w.WriteI32(w.ctx, thrift.PROTOCOL_ERROR)
	}
	return append(fuzzx.Real(traffic, response, withOp),
		fuzzx.Hostile("empty-frame", byte(0), framed(nil)),
		fuzzx.Hostile("huge-declared-length", byte(0), []byte{0x7f, 0xff, 0xff, 0xff, 0x80}),
		fuzzx.Hostile("large-declared-length", byte(0), []byte{0x0c, 0x80, 0x00, 0x00, 0x80}),
		fuzzx.Hostile("wrong-sequence-id", byte(0), reply("getCustomer", thrift.REPLY, 2, none, 1)),
		fuzzx.Hostile("wrong-method", byte(0), reply("listOrders", thrift.REPLY, 1, none, 1)),
		fuzzx.Hostile("application-exception", byte(0), reply("getCustomer", thrift.EXCEPTION, 1, appErr, 1)),
		fuzzx.Hostile("no-result", byte(1), reply("placeOrder", thrift.REPLY, 1, none, 1)),
		fuzzx.Hostile("unknown-exception", byte(0), reply("getCustomer", thrift.REPLY, 1, func(w *writer) {
			w.field(thrift.STRUCT, 7)
			w.WriteStructBegin(w.ctx, "")
		}, 2)),
		fuzzx.Hostile("unknown-tier", byte(0), reply("getCustomer", thrift.REPLY, 1, success(func(w *writer) {
			for _, f := range []int16{1, 5} {
				w.field(thrift.I64, f)
				w.WriteI64(w.ctx, 1)
			}
			w.field(thrift.I32, 4)
			w.WriteI32(w.ctx, 99)
		}), 2)),
		fuzzx.Hostile("deep-unknown-structs", byte(0), reply("getCustomer", thrift.REPLY, 1, success(func(w *writer) { nested(w, 100) }), 102)),
		fuzzx.Hostile("huge-order-count", byte(2), page(func(w *writer) { w.WriteListBegin(w.ctx, thrift.STRUCT, math.MaxInt32) })),
		fuzzx.Hostile("many-least-orders", byte(2), page(func(w *writer) {
			w.WriteListBegin(w.ctx, thrift.STRUCT, 1000)
			for range 1000 {
				leastOrder(w)
				w.WriteFieldStop(w.ctx)
			}
		})),
		fuzzx.Hostile("many-least-items", byte(2), page(func(w *writer) {
			w.WriteListBegin(w.ctx, thrift.STRUCT, 1)
			leastOrder(w)
			w.field(thrift.LIST, 4)
			w.WriteListBegin(w.ctx, thrift.STRUCT, 2000)
			for range 2000 {
				leastItem(w)
			}
			w.WriteFieldStop(w.ctx)
		})),
		fuzzx.Hostile("many-empty-tags", byte(0), reply("getCustomer", thrift.REPLY, 1, success(func(w *writer) {
			w.field(thrift.LIST, 6)
			w.WriteListBegin(w.ctx, thrift.STRING, 2000)
			for range 2000 {
				w.WriteString(w.ctx, "")
			}
		}), 2)),
	)
}
