package bench

import (
	"bytes"
	"testing"

	"golang.org/x/net/http2"
)

// The split finds the control frames of a client's stream however it is
// cut into writes: the preface, settings and the calls' frames are not
// control, pings and window updates are, headers included.
func TestH2SplitCountsControlFrames(t *testing.T) {
	var buf bytes.Buffer
	buf.Write(h2Preface)
	fr := http2.NewFramer(&buf, nil)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(fr.WriteSettings(http2.Setting{ID: http2.SettingInitialWindowSize, Val: 1 << 20}))                        // set-up
	must(fr.WriteHeaders(http2.HeadersFrameParam{StreamID: 1, BlockFragment: make([]byte, 40), EndHeaders: true})) // call
	must(fr.WriteData(1, true, make([]byte, 300)))                                                                 // call
	must(fr.WriteWindowUpdate(0, 300))                                                                             // 9 + 4
	must(fr.WritePing(false, [8]byte{1}))                                                                          // 9 + 8
	must(fr.WriteData(3, false, nil))                                                                              // call, empty
	stream := buf.Bytes()
	const wantControl = 13 + 17
	for _, cut := range []int{1, 2, 7, 9, 24, 25, 100, len(stream)} {
		var h h2Conn
		control, calls := 0, 0
		for p := stream; len(p) > 0; {
			k := min(cut, len(p))
			ctl, call := h.wrote(p[:k])
			control += ctl
			if call {
				calls++
			}
			p = p[k:]
		}
		if control != wantControl || calls == 0 || !h.on.Load() {
			t.Errorf("writes of %d bytes: %d control bytes, %d writes with a call's bytes, on %v; want %d, some, true",
				cut, control, calls, h.on.Load(), wantControl)
		}
	}
	// Answers are split too once the client spoke HTTP/2, and a write of
	// control frames alone carries no call.
	var ans bytes.Buffer
	fa := http2.NewFramer(&ans, nil)
	must(fa.WritePing(true, [8]byte{1}))
	var h h2Conn
	h.wrote(stream[:len(h2Preface)])
	if ctl, call := h.read(ans.Bytes()); ctl != 17 || call {
		t.Errorf("a ping's ack read as %d control bytes, call %v; want 17, false", ctl, call)
	}
	if ctl, call := h.wrote(ans.Bytes()); ctl != 17 || call {
		t.Errorf("a ping written as %d control bytes, call %v; want 17, false", ctl, call)
	}
}

// Any other protocol is left alone: every byte is a call's.
func TestH2SplitIgnoresOtherProtocols(t *testing.T) {
	var h h2Conn
	for _, p := range [][]byte{[]byte("GET /customers/1 HTTP/1.1\r\n"), {0, 0, 0, 9, 6, 0, 0, 0, 0}} {
		if ctl, call := h.wrote(p); ctl != 0 || !call {
			t.Errorf("wrote %q: %d control bytes, call %v", p, ctl, call)
		}
		if ctl, call := h.read(p); ctl != 0 || !call {
			t.Errorf("read %q: %d control bytes, call %v", p, ctl, call)
		}
	}
}
