// Package rawtcp is the raw-TCP baseline: the orders service over a
// hand-written, length-prefixed binary framing on plain TCP connections,
// with no general-purpose encoding library, no reflection and reused
// buffers. It marks the floor the machine allows; every other pattern is
// measured against it.
//
// # Wire format
//
// Every message is one frame: a 4-byte big-endian length N, then N bytes of
// payload. A request payload starts with an op byte, a response payload
// with a status byte, then the fields in order:
//
//	int     zig-zag varint (encoding/binary.AppendVarint)
//	count   unsigned varint
//	string  count of bytes, then the bytes
//	time    int: microseconds since the Unix epoch, UTC
//
//	request  GetCustomer  op=1 id
//	         PlaceOrder   op=2 customerID count{sku quantity unitPrice} note requestID
//	         ListOrders   op=3 customerID limit cursor
//	response OK           status=0, then Customer, Order or OrderPage
//	         error        status=service.Kind (1..6), then message (string)
//
//	Customer  id name email tier createdAt count{tag}
//	Order     id customerID status count{sku quantity unitPrice} total note createdAt
//	OrderPage count{Order} nextCursor
//
// One request is in flight per connection; the client keeps a pool of
// connections, one per concurrent caller.
//
// # Bad input
//
// A frame longer than the server's Limits.MaxBodyBytes is answered with an
// InvalidArgument error frame and the connection is closed (after the
// declared bytes are drained for a moment, so the client can read the
// answer instead of a reset). A frame within the limit is always delimited,
// so a malformed payload (unknown op, truncated field, out-of-range number,
// trailing bytes) is answered with an InvalidArgument error frame and the
// connection is kept: the stream is still in sync. An element count is
// refused when its elements could not fit in the bytes left in the frame,
// before anything is allocated for them; a frame's buffer is allocated as
// its bytes arrive beyond the first 64 KiB.
//
// The server holds at most Limits.MaxConns connections and arms their
// deadlines from the frames (netx.FrameConn: idle, read-header, read and
// write timeouts, as net/http's).
//
// The client's deadline is not sent to the server; the server's work is
// bounded by its own lifetime (Close cancels it).
package rawtcp
