package rest

import (
	"bytes"
	"encoding/json"

	"github.com/intbench/intbench/internal/httpx"
)

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
type bufPool struct{ httpx.Pool[*jsonBuf] }

func (bp *bufPool) get() *jsonBuf {
	if b, ok := bp.Get(); ok {
		return b
	}
	b := &jsonBuf{}
	b.enc = json.NewEncoder(&b.Buffer)
	b.enc.SetEscapeHTML(false)
	return b
}

func (bp *bufPool) put(b *jsonBuf) { bp.Put(b) }
