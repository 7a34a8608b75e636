package faults

import (
	"io"
	"testing"
	"time"
)

// limit_data:10 lets 10 bytes downstream through, counted across chunks,
// then closes the connection.
func TestLimitData(t *testing.T) {
	t.Parallel()
	p, c := echoHop(t, Options{})
	inject(t, p, "limit_data:10") // counts from here, not the warm-up
	timeRoundTrip(t, c, "123456")
	if _, err := io.WriteString(c, "abcdef"); err != nil {
		t.Fatal(err)
	}
	_ = c.SetReadDeadline(time.Now().Add(2 * time.Second))
	got, err := io.ReadAll(c)
	if string(got) != "abcd" || err != nil {
		t.Fatalf("read %q, %v; want \"abcd\" and EOF", got, err)
	}
	eventually(t, "connection closed", func() bool { return p.Stats().Active == 0 })
}
