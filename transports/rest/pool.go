package rest

import (
	"bytes"
	"encoding/json"
	"sync"
)

// maxPooledBuffer is the largest buffer kept for reuse; bigger ones (pages
// of orders with megabyte notes) go to the garbage collector.
const maxPooledBuffer = 4 << 20

// jsonBuf is a reusable buffer with a JSON encoder bound to it. The encoder
// keeps no state between complete Encode calls, so it is reused too.
type jsonBuf struct {
	bytes.Buffer
	enc *json.Encoder
}

// encode writes v as one JSON document followed by a newline. After an
// error the buffer may hold part of a document; reset it before reuse.
func (b *jsonBuf) encode(v any) error { return b.enc.Encode(v) }

// bufPool recycles jsonBufs. Each server and client has its own.
type bufPool struct{ p sync.Pool }

func (bp *bufPool) get() *jsonBuf {
	if b, ok := bp.p.Get().(*jsonBuf); ok {
		return b
	}
	b := &jsonBuf{}
	b.enc = json.NewEncoder(&b.Buffer)
	b.enc.SetEscapeHTML(false)
	return b
}

func (bp *bufPool) put(b *jsonBuf) {
	if b.Cap() > maxPooledBuffer {
		return
	}
	b.Reset()
	bp.p.Put(b)
}
