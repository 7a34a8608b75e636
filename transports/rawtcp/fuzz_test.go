package rawtcp

import (
	"reflect"
	"testing"

	"github.com/intbench/intbench/service"
)

// encodeRequest is the client's encoding of req, without the length prefix.
func encodeRequest(req request) []byte {
	b := []byte{req.op}
	switch req.op {
	case opGetCustomer:
		return appendGetCustomer(b, req.id)
	case opPlaceOrder:
		return appendPlaceOrder(b, &req.place)
	case opListOrders:
		return appendListOrders(b, &req.list)
	}
	return b
}

func FuzzDecodeRequest(f *testing.F) {
	seeds := []request{
		{op: opGetCustomer, id: 42},
		{op: opGetCustomer, id: -1},
		{op: opPlaceOrder, place: service.PlaceOrderRequest{CustomerID: 7, Note: "ünï\r\n", RequestID: "r-1",
			Items: []service.LineItem{{SKU: "A", Quantity: 2, UnitPriceCents: 99}, {SKU: "", Quantity: -1, UnitPriceCents: -5}}}},
		{op: opListOrders, list: service.ListOrdersRequest{CustomerID: 3, Limit: 1000, Cursor: "o17"}},
	}
	for _, s := range seeds {
		f.Add(encodeRequest(s))
	}
	f.Add([]byte{})
	f.Add([]byte{opPlaceOrder, 2, 0xff, 0xff, 0xff, 0xff, 0x0f})
	f.Fuzz(func(t *testing.T, p []byte) {
		req, err := decodeRequest(p)
		if err != nil {
			return
		}
		// What decodes re-encodes to something that decodes the same.
		again, err := decodeRequest(encodeRequest(req))
		if err != nil {
			t.Fatalf("re-encoded request does not decode: %v", err)
		}
		if !reflect.DeepEqual(req, again) {
			t.Fatalf("round trip changed the request:\n got %+v\nwant %+v", again, req)
		}
	})
}
