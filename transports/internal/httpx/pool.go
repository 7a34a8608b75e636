package httpx

import "sync"

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
