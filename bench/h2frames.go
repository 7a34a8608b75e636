package bench

import (
	"bytes"
	"sync"
	"sync/atomic"
)

// h2Preface opens every HTTP/2 connection a client makes (RFC 9113 §3.4).
var h2Preface = []byte("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n")

// HTTP/2 frames that come and go with timing rather than with calls:
// pings (gRPC's BDP estimate) and flow-control credit (RFC 9113 §6.7,
// 6.9). Settings are not among them: they are the connection's set-up,
// and later ones (a window grown by the BDP estimate) are rare enough that
// the cheapest call never carries them.
const (
	h2Ping         = 0x6
	h2WindowUpdate = 0x8
)

// h2Split follows one direction of a connection frame by frame and tells
// a call's own bytes from HTTP/2's control frames (pings and window
// updates). gRPC-go's client sends
// a BDP ping and a window update after most responses, the server
// acknowledges the ping, and whether they fall inside a given call
// depends on scheduling: counted as the call's, they made the probe's
// "exact" bytes and round trips change from run to run. Only the probe
// splits (one direction is fed by one goroutine at a time: HTTP/2
// libraries serialise a connection's reads and its writes); the load's
// counters stay two atomic adds.
type h2Split struct {
	state   int8 // h2Unknown until the preface is seen or ruled out
	seen    int  // bytes of the preface matched so far (client side)
	hdr     [9]byte
	hdrN    int
	left    int  // payload bytes of the current frame still to come
	control bool // the current frame is a control frame
}

const (
	h2Unknown int8 = iota
	h2On
	h2Off
)

// feed accounts for p, the next bytes of the direction, and returns how
// many of them belong to control frames and whether any belong to a
// call's frames (or to a stream that is not HTTP/2 at all).
func (s *h2Split) feed(p []byte) (control int, call bool) {
	if s.state == h2Off {
		return 0, len(p) > 0
	}
	for len(p) > 0 {
		if s.left > 0 {
			k := min(s.left, len(p))
			s.left -= k
			p = p[k:]
			if s.control {
				control += k
			} else {
				call = true
			}
			continue
		}
		k := min(9-s.hdrN, len(p))
		copy(s.hdr[s.hdrN:], p[:k])
		s.hdrN += k
		p = p[k:]
		if s.hdrN < 9 {
			break
		}
		s.hdrN = 0
		s.left = int(s.hdr[0])<<16 | int(s.hdr[1])<<8 | int(s.hdr[2])
		switch s.hdr[3] {
		case h2Ping, h2WindowUpdate:
			s.control = true
			control += 9
		default:
			s.control = false
			call = true
		}
	}
	return control, call
}

// preface matches the client's first bytes against the HTTP/2 preface:
// it returns the bytes of p after the preface (nil while it may still be
// coming) and switches the split on, or off for any other protocol.
func (s *h2Split) preface(p []byte) []byte {
	k := min(len(h2Preface)-s.seen, len(p))
	if !bytes.Equal(p[:k], h2Preface[s.seen:s.seen+k]) {
		s.state = h2Off
		return p
	}
	s.seen += k
	if s.seen == len(h2Preface) {
		s.state = h2On
	}
	return p[k:]
}

// h2Conn splits both directions of one connection.
type h2Conn struct {
	outMu, inMu sync.Mutex
	out, in     h2Split
	on          atomic.Bool // the client sent the preface: the answers are frames too
}

// wrote accounts for bytes the client is about to write.
func (h *h2Conn) wrote(p []byte) (control int, call bool) {
	h.outMu.Lock()
	defer h.outMu.Unlock()
	if h.out.state == h2Unknown {
		n := len(p)
		p = h.out.preface(p)
		call = len(p) < n // the preface is set-up, not control
		if h.out.state == h2On {
			h.on.Store(true)
		}
	}
	ctl, c := h.out.feed(p)
	return ctl, call || c
}

// read accounts for bytes the client read.
func (h *h2Conn) read(p []byte) (control int, call bool) {
	if !h.on.Load() {
		return 0, len(p) > 0
	}
	h.inMu.Lock()
	defer h.inMu.Unlock()
	return h.in.feed(p)
}
