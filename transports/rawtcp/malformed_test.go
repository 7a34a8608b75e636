package rawtcp

import (
	"encoding/binary"
	"errors"
	"io"
	"net"
	"testing"
	"time"

	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/transports"
)

// frame wraps a payload in a length prefix.
func frame(payload ...byte) []byte {
	return append(binary.BigEndian.AppendUint32(nil, uint32(len(payload))), payload...)
}

// readFrame reads one response frame: its status and fields.
func readFrame(c net.Conn) (status byte, fields []byte, err error) {
	var hdr [headerLen]byte
	if _, err := io.ReadFull(c, hdr[:]); err != nil {
		return 0, nil, err
	}
	p := make([]byte, binary.BigEndian.Uint32(hdr[:]))
	if _, err := io.ReadFull(c, p); err != nil {
		return 0, nil, err
	}
	if len(p) == 0 {
		return 0, nil, errEmpty
	}
	return p[0], p[1:], nil
}

func TestMalformedFrames(t *testing.T) {
	const maxBody = 4096
	getCustomer1 := frame(opGetCustomer, 2) // id 1, zig-zag
	tests := []struct {
		name   string
		send   []byte
		closeW bool // half-close after sending
		// kept: an InvalidArgument frame, then the connection still serves;
		// closed: an InvalidArgument frame (if answer) then EOF.
		kept, answer bool
	}{
		{name: "empty payload", send: frame(), kept: true, answer: true},
		{name: "unknown op", send: frame(99, 2), kept: true, answer: true},
		{name: "op 0", send: frame(0), kept: true, answer: true},
		{name: "missing id", send: frame(opGetCustomer), kept: true, answer: true},
		{name: "overlong varint", send: frame(opGetCustomer, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01), kept: true, answer: true},
		{name: "trailing garbage", send: frame(opGetCustomer, 2, 0xAA), kept: true, answer: true},
		{name: "string past the end", send: frame(opListOrders, 2, 10, 100, 'o'), kept: true, answer: true},
		{name: "limit beyond int32", send: frame(append([]byte{opListOrders, 2}, binary.AppendVarint(nil, 1<<40)...)...), kept: true, answer: true},
		{name: "item count beyond frame", send: frame(opPlaceOrder, 2, 0xff, 0xff, 0xff, 0xff, 0x0f), kept: true, answer: true},
		{name: "oversized frame", send: binary.BigEndian.AppendUint32(nil, maxBody+1), answer: true},
		{name: "huge declared length", send: []byte{0xff, 0xff, 0xff, 0xff}, answer: true},
		{name: "truncated frame", send: []byte{0, 0, 0, 10, opGetCustomer}, closeW: true},
		{name: "truncated header", send: []byte{0, 0}, closeW: true},
	}
	srv := startServer(t, maxBody)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := net.Dial("tcp", srv.Addr())
			if err != nil {
				t.Fatalf("dial: %v", err)
			}
			t.Cleanup(func() { c.Close() })
			c.SetDeadline(time.Now().Add(testTimeout))
			if _, err := c.Write(tt.send); err != nil {
				t.Fatalf("write: %v", err)
			}
			if tt.closeW {
				c.(*net.TCPConn).CloseWrite()
			}
			if tt.answer {
				status, fields, err := readFrame(c)
				if err != nil {
					t.Fatalf("read error frame: %v", err)
				}
				r := reader{b: fields}
				if err := decodeError(status, &r); !errors.Is(err, service.ErrInvalidArgument) {
					t.Fatalf("answer %v, want %v", err, service.ErrInvalidArgument)
				}
			}
			if tt.kept {
				if _, err := c.Write(getCustomer1); err != nil {
					t.Fatalf("write after a malformed frame: %v", err)
				}
				if status, _, err := readFrame(c); err != nil || status != statusOK {
					t.Fatalf("GetCustomer after a malformed frame: status %d, error %v", status, err)
				}
				return
			}
			if _, _, err := readFrame(c); !errors.Is(err, io.EOF) {
				t.Fatalf("after the frame: %v, want the connection closed", err)
			}
		})
	}
	// The server still serves new clients.
	cl := dialClient(t, srv.Addr(), transports.DialConfig{})
	if _, err := cl.GetCustomer(ctxT(t), 1); err != nil {
		t.Fatalf("GetCustomer after malformed frames: %v", err)
	}
}

func TestIdleConnectionsDoNotBlockClose(t *testing.T) {
	srv := startServer(t, 0)
	c, err := net.Dial("tcp", srv.Addr())
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	defer c.Close()
	c.Write([]byte{0, 0}) // half a header, then silence
	done := make(chan error, 1)
	go func() { done <- srv.Close() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Close: %v", err)
		}
	case <-time.After(testTimeout):
		t.Fatal("Close hangs on a stalled connection")
	}
	if err := srv.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
}
