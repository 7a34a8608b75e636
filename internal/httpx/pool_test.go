package httpx

import (
	"bytes"
	"testing"
)

func TestPool(t *testing.T) {
	tests := []struct {
		name     string
		size     int
		wantKept bool
	}{
		{"small buffer is reset and kept", 1 << 10, true},
		{"oversized buffer is dropped", MaxPooledBuffer + 1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var p Pool[*bytes.Buffer]
			if _, ok := p.Get(); ok {
				t.Fatal("Get on an empty pool reported a buffer")
			}
			b := bytes.NewBuffer(make([]byte, 0, tt.size))
			b.WriteString("data")
			p.Put(b)
			if tt.wantKept && b.Len() != 0 {
				t.Errorf("Put left %d bytes in the buffer", b.Len())
			}
			if !tt.wantKept && b.Len() == 0 {
				t.Errorf("Put reset a buffer it drops")
			}
		})
	}
}
