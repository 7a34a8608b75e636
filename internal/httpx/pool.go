package httpx

import (
	"bytes"
	"sync"
)

// maxPrealloc is the most a declared length (a Content-Length) makes a
// reader allocate before the bytes arrive; beyond it the buffer grows as
// they do, so a peer that announces much and sends little costs little.
// Pooled buffers keep their size, so the steady state grows nothing.
const maxPrealloc = 64 << 10

// GrowFor makes room in buf for a body of declared length n (n <= 0:
// unknown), up to maxPrealloc bytes of it.
func GrowFor(buf *bytes.Buffer, n int64) {
	if n > 0 {
		buf.Grow(int(min(n, maxPrealloc)) + bytes.MinRead)
	}
}

// MaxPooledBuffer is the largest buffer kept for reuse; bigger ones (pages
// of orders with megabyte notes) go to the garbage collector.
const MaxPooledBuffer = 4 << 20

// Buffer is what a Pool recycles: a *bytes.Buffer or a type embedding one.
type Buffer interface {
	Cap() int
	Reset()
}

// Pool recycles buffers of type B. The zero value is ready to use. It is
// safe for concurrent use.
type Pool[B Buffer] struct{ p sync.Pool }

// Get returns a recycled buffer, empty, and true; or, when there is none,
// the zero B and false, and the caller makes a new one.
func (p *Pool[B]) Get() (B, bool) {
	b, ok := p.p.Get().(B)
	return b, ok
}

// Put resets b and keeps it for reuse, unless it has grown beyond
// MaxPooledBuffer.
func (p *Pool[B]) Put(b B) {
	if b.Cap() > MaxPooledBuffer {
		return
	}
	b.Reset()
	p.p.Put(b)
}
