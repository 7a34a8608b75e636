package rawtcp

import (
	"encoding/binary"
	"errors"
	"io"
	"net"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/transports"
)

// allocated returns the bytes allocated while f ran, in MiB.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return (after.TotalAlloc - before.TotalAlloc) >> 20
}

// The server's frame limit one byte either side: a frame of MaxBodyBytes
// is read (and this one refused for its trailing bytes, the connection
// kept); one byte more is refused unread and the connection closed.
func TestServerFrameLimit(t *testing.T) {
	const maxBody = 4096
	srv := startServer(t, maxBody)
	sized := func(n int) []byte { // GetCustomer(1) and n-2 trailing bytes
		return frame(append([]byte{opGetCustomer, 2}, make([]byte, n-2)...)...)
	}
	for _, tt := range []struct {
		name    string
		send    []byte
		message string
		kept    bool
	}{
		{"at the limit", sized(maxBody), "trailing bytes", true},
		{"one byte over", sized(maxBody + 1), "exceeds the limit of 4096 bytes", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c, err := net.Dial("tcp", srv.Addr())
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			_ = c.SetDeadline(time.Now().Add(testTimeout))
			if _, err := c.Write(tt.send); err != nil {
				t.Fatal(err)
			}
			status, fields, err := readFrame(c)
			if err != nil {
				t.Fatal(err)
			}
			r := reader{b: fields}
			if err := decodeError(status, &r); !errors.Is(err, service.ErrInvalidArgument) || !strings.Contains(err.Error(), tt.message) {
				t.Fatalf("answer %v, want InvalidArgument with %q", err, tt.message)
			}
			if tt.kept {
				_, _ = c.Write(frame(opGetCustomer, 2))
				if status, _, err := readFrame(c); err != nil || status != statusOK {
					t.Fatalf("GetCustomer on the same connection: status %d, %v", status, err)
				}
			} else if _, _, err := readFrame(c); !errors.Is(err, io.EOF) {
				t.Fatalf("next read: %v, want the connection closed", err)
			}
		})
	}
}

// A frame announced at the limit but never sent costs the server what
// arrived (at most 64 KiB before the bytes come), not what was announced.
func TestServerDoesNotPreallocateFrames(t *testing.T) {
	srv := startServer(t, 0)
	const conns = 16
	grown := allocated(func() {
		var cs []net.Conn
		for range conns {
			c, err := net.Dial("tcp", srv.Addr())
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			_, _ = c.Write(binary.BigEndian.AppendUint32(nil, transports.DefaultMaxBodyBytes))
			_, _ = c.Write([]byte{opPlaceOrder, 2})
			cs = append(cs, c)
		}
		time.Sleep(200 * time.Millisecond) // let the server read what there is
	})
	if limit := uint64(conns * transports.DefaultMaxBodyBytes >> 20 / 4); grown > limit {
		t.Fatalf("%d MiB allocated for %d connections announcing 8 MiB each, want under %d", grown, conns, limit)
	}
}

// answerServer answers every request with frame payload resp.
func answerServer(t *testing.T, resp func() []byte) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				if _, _, err := readFrame(c); err == nil {
					_, _ = c.Write(resp())
				}
			}()
		}
	}()
	return ln.Addr().String()
}

// The client reads response frames up to its MaxResponseBytes (here a
// NotFound error frame of exactly that size); one byte more is Internal,
// refused before it is read; and a frame announced huge but never sent
// costs what arrived.
func TestClientResponseLimit(t *testing.T) {
	const size = 1000
	notFound := func(n int) func() []byte { // status, 2-byte length, message
		return func() []byte {
			return frame(append([]byte{byte(service.KindNotFound), byte((n - 3) | 0x80), byte((n - 3) >> 7)}, strings.Repeat("m", n-3)...)...)
		}
	}
	huge := func() []byte { return append(binary.BigEndian.AppendUint32(nil, 200<<20), statusOK) }
	for _, tt := range []struct {
		name string
		resp func() []byte
		max  int64
		want error
	}{
		{"at the limit", notFound(size), size, service.ErrNotFound},
		{"one byte over", notFound(size + 1), size, service.ErrInternal},
		{"announced huge, never sent", huge, 0, service.ErrUnavailable},
	} {
		t.Run(tt.name, func(t *testing.T) {
			cl := dialClient(t, answerServer(t, tt.resp), transports.DialConfig{MaxResponseBytes: tt.max})
			var err error
			if grown := allocated(func() { _, err = cl.GetCustomer(ctxT(t), 1) }); grown > 16 {
				t.Fatalf("%d MiB allocated for one call", grown)
			}
			if !errors.Is(err, tt.want) {
				t.Fatalf("GetCustomer: %v, want %v", err, tt.want)
			}
		})
	}
}

// After refusing an oversized frame, the server drains what the client
// goes on sending for drainTimeout only, however slowly it comes: then
// the client's writes fail.
func TestRejectDrainsBriefly(t *testing.T) {
	srv := startServer(t, 4096)
	c, err := net.Dial("tcp", srv.Addr())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	start := time.Now()
	if _, err := c.Write(binary.BigEndian.AppendUint32(nil, 1<<20)); err != nil {
		t.Fatal(err)
	}
	if _, _, err := readFrame(c); err != nil {
		t.Fatalf("read the refusal: %v", err)
	}
	for time.Since(start) < 20*time.Second {
		time.Sleep(100 * time.Millisecond)
		if _, err := c.Write([]byte{0}); err != nil {
			if took := time.Since(start); took < drainTimeout || took > drainTimeout+4*time.Second {
				t.Fatalf("writes failed after %v, want about %v", took, drainTimeout)
			}
			return
		}
	}
	t.Fatal("the server still reads a refused frame's bytes after 20s")
}
