package rawtcp

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/intbench/intbench/service"
)

// Decoding errors. The server answers them with InvalidArgument, the client
// reports them as Internal (a server that speaks the protocol wrongly).
var (
	errEmpty     = errors.New("rawtcp: empty frame")
	errTruncated = errors.New("rawtcp: truncated field")
	errVarint    = errors.New("rawtcp: malformed varint")
	errRange     = errors.New("rawtcp: number out of range")
	errCount     = errors.New("rawtcp: element count exceeds the frame")
	errTrailing  = errors.New("rawtcp: trailing bytes after the last field")
)

// Smallest encodings of repeated elements, used to bound counts by the
// bytes left before anything is allocated.
const (
	minItemBytes  = 3 // empty SKU, 1-byte quantity and price
	minTagBytes   = 1
	minOrderBytes = 7
)

// reader decodes the fields of one payload. The first error sticks; later
// reads return zero values. All strings of a payload share one allocation:
// a string copy of the payload, made on the first non-empty string.
type reader struct {
	b   []byte
	s   string
	off int
	err error
}

func (r *reader) fail(err error) {
	if r.err == nil {
		r.err = err
	}
}

func (r *reader) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b[r.off:])
	if n <= 0 {
		r.fail(varintErr(n))
		return 0
	}
	r.off += n
	return v
}

func (r *reader) varint() int64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Varint(r.b[r.off:])
	if n <= 0 {
		r.fail(varintErr(n))
		return 0
	}
	r.off += n
	return v
}

func varintErr(n int) error {
	if n == 0 {
		return errTruncated
	}
	return errVarint
}

func (r *reader) int32() int32 {
	v := r.varint()
	if v < math.MinInt32 || v > math.MaxInt32 {
		r.fail(errRange)
		return 0
	}
	return int32(v)
}

// count reads an element count and checks that the bytes left can hold
// that many elements of at least minSize bytes each.
func (r *reader) count(minSize int) int {
	n := r.uvarint()
	if n > uint64((len(r.b)-r.off)/minSize) {
		r.fail(errCount)
		return 0
	}
	return int(n)
}

func (r *reader) str() string {
	n := r.uvarint()
	if r.err != nil || n == 0 {
		return ""
	}
	if n > uint64(len(r.b)-r.off) {
		r.fail(errTruncated)
		return ""
	}
	if r.s == "" {
		r.s = string(r.b)
	}
	s := r.s[r.off : r.off+int(n)]
	r.off += int(n)
	return s
}

func (r *reader) time() time.Time {
	return time.UnixMicro(r.varint()).UTC()
}

// done returns the first error, or errTrailing if bytes are left over.
func (r *reader) done() error {
	if r.err == nil && r.off != len(r.b) {
		r.err = errTrailing
	}
	return r.err
}

func (r *reader) items() []service.LineItem {
	n := r.count(minItemBytes)
	if n == 0 {
		return nil
	}
	items := make([]service.LineItem, n)
	for i := range items {
		items[i] = service.LineItem{SKU: r.str(), Quantity: r.int32(), UnitPriceCents: r.varint()}
	}
	return items
}

// request is one decoded request frame.
type request struct {
	op    byte
	id    int64 // GetCustomer
	place service.PlaceOrderRequest
	list  service.ListOrdersRequest
}

// decodeRequest decodes a request payload (op byte and fields). It never
// panics, whatever the input.
func decodeRequest(p []byte) (request, error) {
	if len(p) == 0 {
		return request{}, errEmpty
	}
	req := request{op: p[0]}
	r := reader{b: p[1:]}
	switch req.op {
	case opGetCustomer:
		req.id = r.varint()
	case opPlaceOrder:
		req.place.CustomerID = r.varint()
		req.place.Items = r.items()
		req.place.Note = r.str()
		req.place.RequestID = r.str()
	case opListOrders:
		req.list.CustomerID = r.varint()
		req.list.Limit = r.int32()
		req.list.Cursor = r.str()
	default:
		return request{}, fmt.Errorf("rawtcp: unknown op %d", req.op)
	}
	return req, r.done()
}

func (r *reader) customer() service.Customer {
	c := service.Customer{
		ID:        r.varint(),
		Name:      r.str(),
		Email:     r.str(),
		Tier:      service.Tier(r.str()),
		CreatedAt: r.time(),
	}
	if n := r.count(minTagBytes); n > 0 {
		c.Tags = make([]string, n)
		for i := range c.Tags {
			c.Tags[i] = r.str()
		}
	}
	return c
}

func (r *reader) order() service.Order {
	return service.Order{
		ID:         r.varint(),
		CustomerID: r.varint(),
		Status:     service.Status(r.str()),
		Items:      r.items(),
		TotalCents: r.varint(),
		Note:       r.str(),
		CreatedAt:  r.time(),
	}
}

func (r *reader) orderPage() service.OrderPage {
	var p service.OrderPage
	if n := r.count(minOrderBytes); n > 0 {
		p.Orders = make([]service.Order, n)
		for i := range p.Orders {
			p.Orders[i] = r.order()
		}
	}
	p.NextCursor = r.str()
	return p
}

// decodeError turns an error frame (status != statusOK) into a service
// error of that kind carrying the server's message. Unknown statuses become
// Internal.
func decodeError(status byte, r *reader) error {
	msg := r.str()
	if err := r.done(); err != nil {
		return err
	}
	k := service.Kind(status)
	if k < service.KindNotFound || k > service.KindInternal {
		return &service.Error{Kind: service.KindInternal, Message: fmt.Sprintf("rawtcp: unknown status %d: %s", status, msg)}
	}
	return &service.Error{Kind: k, Message: msg}
}
