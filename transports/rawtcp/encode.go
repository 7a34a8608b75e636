package rawtcp

import (
	"encoding/binary"
	"time"

	"github.com/intbench/intbench/service"
)

// Ops of request frames.
const (
	opGetCustomer byte = 1
	opPlaceOrder  byte = 2
	opListOrders  byte = 3
)

// statusOK starts a successful response; errors carry their service.Kind.
const statusOK = byte(service.KindOK)

// headerLen is the size of the length prefix of every frame.
const headerLen = 4

// beginFrame starts a frame in buf (reusing its storage): room for the
// length prefix, then the op or status byte.
func beginFrame(buf []byte, opOrStatus byte) []byte {
	return append(buf[:0], 0, 0, 0, 0, opOrStatus)
}

// endFrame fills in the length prefix of a frame begun by beginFrame.
func endFrame(b []byte) []byte {
	binary.BigEndian.PutUint32(b, uint32(len(b)-headerLen))
	return b
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

func appendTime(b []byte, t time.Time) []byte {
	return binary.AppendVarint(b, t.UnixMicro())
}

func appendItems(b []byte, items []service.LineItem) []byte {
	b = binary.AppendUvarint(b, uint64(len(items)))
	for i := range items {
		b = appendString(b, items[i].SKU)
		b = binary.AppendVarint(b, int64(items[i].Quantity))
		b = binary.AppendVarint(b, items[i].UnitPriceCents)
	}
	return b
}

func appendGetCustomer(b []byte, id int64) []byte {
	return binary.AppendVarint(b, id)
}

func appendPlaceOrder(b []byte, req *service.PlaceOrderRequest) []byte {
	b = binary.AppendVarint(b, req.CustomerID)
	b = appendItems(b, req.Items)
	b = appendString(b, req.Note)
	return appendString(b, req.RequestID)
}

func appendListOrders(b []byte, req *service.ListOrdersRequest) []byte {
	b = binary.AppendVarint(b, req.CustomerID)
	b = binary.AppendVarint(b, int64(req.Limit))
	return appendString(b, req.Cursor)
}

func appendCustomer(b []byte, c *service.Customer) []byte {
	b = binary.AppendVarint(b, c.ID)
	b = appendString(b, c.Name)
	b = appendString(b, c.Email)
	b = appendString(b, string(c.Tier))
	b = appendTime(b, c.CreatedAt)
	b = binary.AppendUvarint(b, uint64(len(c.Tags)))
	for _, t := range c.Tags {
		b = appendString(b, t)
	}
	return b
}

func appendOrder(b []byte, o *service.Order) []byte {
	b = binary.AppendVarint(b, o.ID)
	b = binary.AppendVarint(b, o.CustomerID)
	b = appendString(b, string(o.Status))
	b = appendItems(b, o.Items)
	b = binary.AppendVarint(b, o.TotalCents)
	b = appendString(b, o.Note)
	return appendTime(b, o.CreatedAt)
}

func appendOrderPage(b []byte, p *service.OrderPage) []byte {
	b = binary.AppendUvarint(b, uint64(len(p.Orders)))
	for i := range p.Orders {
		b = appendOrder(b, &p.Orders[i])
	}
	return appendString(b, p.NextCursor)
}

// appendError encodes err as an error frame: its kind as the status, then
// its message.
func appendError(buf []byte, err error) []byte {
	b := beginFrame(buf, byte(service.KindOf(err)))
	return endFrame(appendString(b, service.MessageOf(err)))
}
