package netx

import (
	"context"
	"net"
	"time"
)

// aLongTimeAgo is a deadline in the past: setting it makes blocked reads
// and writes return at once.
var aLongTimeAgo = time.Unix(1, 0)

// Deadline bounds the I/O of one connection by the context of the call
// using it: the context's deadline becomes the connection's, and its
// cancellation expires the connection's deadline, interrupting blocked
// reads and writes (the watchdog). One call at a time uses a Deadline.
//
// A context without a deadline sets none: the call waits as long as the
// library would, until the context is cancelled. Only a context that can
// be cancelled costs a context.AfterFunc per call.
type Deadline struct {
	conn      net.Conn
	interrupt func()      // built once per connection
	stop      func() bool // unregisters the current call's watchdog
	set       bool        // the connection has a deadline
}

// NewDeadline returns the Deadline of conn.
func NewDeadline(conn net.Conn) Deadline {
	return Deadline{conn: conn, interrupt: func() { _ = conn.SetDeadline(aLongTimeAgo) }}
}

// Arm bounds the connection's I/O by ctx until Disarm.
func (d *Deadline) Arm(ctx context.Context) {
	if dl, ok := ctx.Deadline(); ok {
		_ = d.conn.SetDeadline(dl)
		d.set = true
	} else if d.set {
		_ = d.conn.SetDeadline(time.Time{})
		d.set = false
	}
	if ctx.Done() != nil {
		d.stop = context.AfterFunc(ctx, d.interrupt)
	}
}

// Disarm ends the bounds set by Arm. It reports false when the context's
// cancellation interrupted the connection, whose deadline is then in the
// past: it must not be reused.
func (d *Deadline) Disarm() bool {
	if d.stop == nil {
		return true
	}
	ok := d.stop()
	d.stop = nil
	if !ok {
		d.set = true
	}
	return ok
}
