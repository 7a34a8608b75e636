package netx

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"net"
	"os"
	"testing"
	"time"

	"github.com/intbench/intbench/transports"
)

// Short limits, far enough apart to tell which one ended a connection on
// a loaded machine.
var frameLimits = transports.Limits{
	ReadHeaderTimeout: 200 * time.Millisecond,
	IdleTimeout:       700 * time.Millisecond,
	ReadTimeout:       1500 * time.Millisecond,
	WriteTimeout:      300 * time.Millisecond,
}

func frame(payload []byte) []byte {
	return append(binary.BigEndian.AppendUint32(nil, uint32(len(payload))), payload...)
}

// frameEcho serves one connection through a FrameConn: it answers every
// frame with a frame of reply bytes (or an echo when reply is 0), and
// reports the error that ended the connection.
func frameEcho(t *testing.T, reply int) (addr string, ended <-chan error) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	errc := make(chan error, 1)
	go func() {
		c, err := ln.Accept()
		ln.Close()
		if err != nil {
			errc <- err
			return
		}
		defer c.Close()
		fc := NewFrameConn(c, frameLimits)
		errc <- echoFrames(fc, reply)
	}()
	t.Cleanup(func() { ln.Close() })
	return ln.Addr().String(), errc
}

func echoFrames(fc *FrameConn, reply int) error {
	for {
		var hdr [4]byte
		if _, err := io.ReadFull(fc, hdr[:]); err != nil {
			return err
		}
		body := make([]byte, binary.BigEndian.Uint32(hdr[:]))
		if _, err := io.ReadFull(fc, body); err != nil {
			return err
		}
		if reply > 0 {
			body = make([]byte, reply)
		}
		if _, err := fc.Write(frame(body)); err != nil {
			return err
		}
	}
}

func TestFrameConnDeadlines(t *testing.T) {
	tests := []struct {
		name     string
		send     func(c net.Conn) // what the client does after dialling
		reply    int              // the server's answer size; 0 echoes
		min, max time.Duration    // when the server must end the connection, from the dial
	}{
		{"silent client: read-header timeout from accept", func(net.Conn) {}, 0, 150 * time.Millisecond, 1400 * time.Millisecond},
		{"trickled length: read-header timeout", func(c net.Conn) {
			for _, b := range []byte{0, 0, 0} {
				_, _ = c.Write([]byte{b})
				time.Sleep(50 * time.Millisecond)
			}
		}, 0, 150 * time.Millisecond, 1400 * time.Millisecond},
		{"body short of its length: read timeout", func(c net.Conn) {
			_, _ = c.Write(frame(make([]byte, 100))[:50])
		}, 0, 1400 * time.Millisecond, 5 * time.Second},
		{"body short of its length after an idle wait: read timeout from its first byte", func(c net.Conn) {
			_, _ = c.Write(frame([]byte("hi")))
			_, _ = io.ReadFull(c, make([]byte, 6))
			time.Sleep(400 * time.Millisecond)
			_, _ = c.Write(frame(make([]byte, 100))[:50])
		}, 0, 1850 * time.Millisecond, 5 * time.Second},
		{"idle after an answer: idle timeout", func(c net.Conn) {
			_, _ = c.Write(frame([]byte("hi")))
			_, _ = io.ReadFull(c, make([]byte, 6))
		}, 0, 650 * time.Millisecond, 5 * time.Second},
		{"answer not read: write timeout", func(c net.Conn) {
			_, _ = c.Write(frame([]byte("hi")))
		}, 16 << 20, 250 * time.Millisecond, 3 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			addr, ended := frameEcho(t, tt.reply)
			start := time.Now()
			c, err := net.Dial("tcp", addr)
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			if tc, ok := c.(*net.TCPConn); ok && tt.reply > 0 {
				_ = tc.SetReadBuffer(4 << 10) // fill the server's writes sooner
			}
			tt.send(c)
			var err2 error
			select {
			case err2 = <-ended:
			case <-time.After(10 * time.Second):
				t.Fatal("the server still holds the connection after 10s")
			}
			took := time.Since(start)
			if !errors.Is(err2, os.ErrDeadlineExceeded) {
				t.Errorf("the connection ended with %v, want a deadline", err2)
			}
			if took < tt.min || took > tt.max {
				t.Errorf("ended after %v, want %v..%v", took.Round(time.Millisecond), tt.min, tt.max)
			}
		})
	}
}

// Frames split anywhere, or several in one read, are followed exactly.
func TestFrameStateAdvance(t *testing.T) {
	stream := append(append(frame([]byte("hello")), frame(nil)...), frame(bytes.Repeat([]byte{7}, 300))...)
	for _, chunk := range []int{1, 2, 3, 5, 7, 64, len(stream)} {
		var s frameState
		frames := 0
		for off := 0; off < len(stream); off += chunk {
			before := s.idle()
			s.advance(stream[off:min(off+chunk, len(stream))], time.Time{})
			if !before && s.idle() {
				frames++
			}
		}
		if !s.idle() || s.hdrN != 0 || s.left != 0 {
			t.Errorf("chunks of %d: state %+v after three whole frames, want idle", chunk, s)
		}
		if chunk == 1 && frames != 3 {
			t.Errorf("chunks of 1: %d frames ended, want 3", frames)
		}
	}
}
