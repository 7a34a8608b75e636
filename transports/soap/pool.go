package soap

import (
	"bytes"
	"encoding/xml"
	"sync/atomic"

	"github.com/intbench/intbench/internal/httpx"
)

// xmlBuf is a reusable buffer with an XML encoder bound to it. The encoder
// holds no state between complete Encode calls, so it is reused too.
type xmlBuf struct {
	bytes.Buffer
	enc    *xml.Encoder
	pool   *bufPool
	closed atomic.Bool
}

// bufPool recycles xmlBufs. Each server and client has its own.
type bufPool struct{ httpx.Pool[*xmlBuf] }

func (bp *bufPool) get() *xmlBuf {
	if b, ok := bp.Get(); ok {
		b.closed.Store(false)
		return b
	}
	b := &xmlBuf{pool: bp}
	b.enc = xml.NewEncoder(&b.Buffer)
	return b
}

func (bp *bufPool) put(b *xmlBuf) { bp.Put(b) }

// writeEnvelope writes a whole envelope whose Body holds v. After an error
// the buffer must not be reused (the encoder may hold half an element).
func (b *xmlBuf) writeEnvelope(v any) error {
	b.WriteString(envelopeHead)
	if err := b.enc.Encode(v); err != nil {
		return err
	}
	b.WriteString(envelopeTail)
	return nil
}

// Close returns b to its pool once; it lets b serve as an HTTP request
// body, which the HTTP transport closes when it is done with it (possibly
// after RoundTrip has returned).
func (b *xmlBuf) Close() error {
	if b.closed.CompareAndSwap(false, true) {
		b.pool.put(b)
	}
	return nil
}
