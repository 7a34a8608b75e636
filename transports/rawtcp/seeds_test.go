package rawtcp

import (
	"encoding/binary"
	"flag"
	"testing"

	"github.com/intbench/intbench/internal/fuzzx"
	"github.com/intbench/intbench/service"
)

var update = flag.Bool("update", false, "rewrite the fuzz seed corpora in testdata/fuzz")

// TestFuzzSeeds keeps the seed corpora in step with the code that makes
// them: real traffic, its truncations and hostile frames.
func TestFuzzSeeds(t *testing.T) {
	traffic := fuzzx.Record(t, New())
	fuzzx.SyncCorpus(t, "FuzzDecodeRequest", decodeSeeds(traffic), *update)
	fuzzx.SyncCorpus(t, "FuzzServerConn", serverSeeds(traffic), *update)
	fuzzx.SyncCorpus(t, "FuzzClientResponse", clientSeeds(traffic), *update)
}

// maxVarint is the largest unsigned varint: a count or length of 2^64-1.
var maxVarint = []byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01}

func decodeSeeds(traffic []fuzzx.Exchange) []fuzzx.Seed {
	payload := func(x fuzzx.Exchange) []byte { return x.Request[headerLen:] }
	return append(fuzzx.Real(traffic, payload, fuzzx.Only),
		fuzzx.Hostile("empty", []byte{}),
		fuzzx.Hostile("unknown-op", []byte{99, 2}),
		fuzzx.Hostile("overlong-varint", []byte{opGetCustomer, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01}),
		fuzzx.Hostile("huge-item-count", append([]byte{opPlaceOrder, 2}, maxVarint...)),
		fuzzx.Hostile("huge-string-length", append([]byte{opListOrders, 2, 2}, maxVarint...)),
		fuzzx.Hostile("limit-beyond-int32", append([]byte{opListOrders, 2}, binary.AppendVarint(nil, 1<<40)...)),
		fuzzx.Hostile("invalid-utf8", []byte{opListOrders, 2, 40, 4, 0xff, 0xfe, 0xc0, 0x80}),
		fuzzx.Hostile("trailing-bytes", []byte{opGetCustomer, 2, 0xaa}),
		fuzzx.Hostile("many-empty-items", manyEmptyItems()),
	)
}

// declared is a length prefix of n followed by payload, however long.
func declared(n uint32, payload ...byte) []byte {
	return append(binary.BigEndian.AppendUint32(nil, n), payload...)
}

func serverSeeds(traffic []fuzzx.Exchange) []fuzzx.Seed {
	var all []byte
	for _, x := range traffic {
		all = append(all, x.Request...)
	}
	request := func(x fuzzx.Exchange) []byte { return x.Request }
	return append(fuzzx.Real(traffic, request, fuzzx.Only),
		fuzzx.Seed{Name: "real-pipelined", Args: []any{all}},
		fuzzx.Hostile("empty-frame", declared(0)),
		fuzzx.Hostile("partial-header", []byte{0, 0}),
		fuzzx.Hostile("huge-declared-length", declared(0xffffffff, opGetCustomer, 2)),
		fuzzx.Hostile("over-the-limit", declared(fuzzMaxBody+1, opGetCustomer, 2)),
		fuzzx.Hostile("declared-beyond-prealloc", declared(maxPrealloc+100, opGetCustomer, 2)),
		fuzzx.Hostile("huge-item-count", frame(append([]byte{opPlaceOrder, 2}, maxVarint...)...)),
		fuzzx.Hostile("malformed-then-valid", append(frame(99), traffic[0].Request...)),
		fuzzx.Hostile("many-empty-items", frame(manyEmptyItems()...)),
	)
}

func clientSeeds(traffic []fuzzx.Exchange) []fuzzx.Seed {
	response := func(x fuzzx.Exchange) []byte { return x.Response }
	withOp := func(x fuzzx.Exchange, b []byte) []any { return []any{x.Op, b} }
	notFound := byte(service.KindNotFound)
	return append(fuzzx.Real(traffic, response, withOp),
		fuzzx.Hostile("empty-frame", byte(0), declared(0)),
		fuzzx.Hostile("huge-declared-length", byte(2), declared(0xffffffff, statusOK)),
		fuzzx.Hostile("unknown-status", byte(0), frame(99, 3, 'b', 'a', 'd')),
		fuzzx.Hostile("error-message-past-the-end", byte(0), frame(notFound, 100, 'x')),
		fuzzx.Hostile("huge-tag-count", byte(0), frame(append([]byte{statusOK, 2, 0, 0, 0, 0}, maxVarint...)...)),
		fuzzx.Hostile("huge-order-count", byte(2), frame(append([]byte{statusOK}, maxVarint...)...)),
		fuzzx.Hostile("invalid-utf8-name", byte(0), frame(statusOK, 2, 2, 0xff, 0xfe, 0, 0, 0, 0)),
		fuzzx.Hostile("trailing-bytes", byte(0), frame(statusOK, 2, 0, 0, 0, 0, 0, 0xaa)),
		fuzzx.Hostile("many-empty-orders", byte(2), frame(many([]byte{statusOK}, 1000, 0, 0, 0, 0, 0, 0, 0)...)),
		fuzzx.Hostile("many-empty-tags", byte(0), frame(many([]byte{statusOK, 2, 0, 0, 0, 0}, 2000, 0)...)),
	)
}

// many appends to head a count of n, then n copies of elem.
func many(head []byte, n int, elem ...byte) []byte {
	b := binary.AppendUvarint(head, uint64(n))
	for range n {
		b = append(b, elem...)
	}
	return b
}

// manyEmptyItems is a PlaceOrder payload of a thousand empty items (3
// bytes each), no note and no request ID.
func manyEmptyItems() []byte {
	return append(many([]byte{opPlaceOrder, 2}, 1000, 0, 0, 0), 0, 0)
}
