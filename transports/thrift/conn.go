package thrift

import (
	"bufio"
	"context"
	"io"
	"net"

	"github.com/apache/thrift/lib/go/thrift"
)

// writeBufferSize is the per-connection write buffer: a frame's length
// prefix and a typical message leave the process in one write.
const writeBufferSize = 16 << 10

// writeBuffer buffers the writes to a transport until Flush.
// thrift.TFramedTransport writes a frame's 4-byte length and its body with
// two separate writes; unbuffered, every message would cost two syscalls
// and two TCP segments.
type writeBuffer struct {
	thrift.TTransport
	w *bufio.Writer
}

func newWriteBuffer(t thrift.TTransport) *writeBuffer {
	return &writeBuffer{TTransport: t, w: bufio.NewWriterSize(t, writeBufferSize)}
}

// Write buffers p.
func (b *writeBuffer) Write(p []byte) (int, error) {
	n, err := b.w.Write(p)
	return n, thrift.NewTTransportExceptionFromError(err)
}

// Flush writes the buffered bytes and flushes the transport below.
func (b *writeBuffer) Flush(ctx context.Context) error {
	if err := b.w.Flush(); err != nil {
		return thrift.NewTTransportExceptionFromError(err)
	}
	return b.TTransport.Flush(ctx)
}

// connTransport is the client's thrift.TTransport over a net.Conn. Unlike
// thrift.TSocket it never touches the socket deadline (TSocket resets it on
// every read and write), so the deadline set from a call's context holds.
// It counts the bytes of each call for transports.BodySizes, and reads
// through in: a frame over the client's limit is refused there as
// Internal, as in every pattern, before the library's own check would
// call it a transport failure.
type connTransport struct {
	conn          net.Conn
	in            io.Reader
	read, written int64
}

var _ thrift.TTransport = (*connTransport)(nil)

// Read reads from the connection.
func (c *connTransport) Read(p []byte) (int, error) {
	n, err := c.in.Read(p)
	c.read += int64(n)
	return n, thrift.NewTTransportExceptionFromError(err)
}

// Write writes to the connection.
func (c *connTransport) Write(p []byte) (int, error) {
	n, err := c.conn.Write(p)
	c.written += int64(n)
	return n, thrift.NewTTransportExceptionFromError(err)
}

// Flush does nothing; writes are buffered above.
func (*connTransport) Flush(context.Context) error { return nil }

// RemainingBytes is unknown on a stream.
func (*connTransport) RemainingBytes() uint64 { return thrift.UnknownRemainingBytes }

// Open fails: the connection is opened by the pool's dialer.
func (*connTransport) Open() error {
	return thrift.NewTTransportException(thrift.ALREADY_OPEN, "thrift: connection already open")
}

// IsOpen reports true; a broken connection shows on the next read or write.
func (*connTransport) IsOpen() bool { return true }

// Close closes the connection.
func (c *connTransport) Close() error { return c.conn.Close() }
