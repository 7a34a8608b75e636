//go:build !linux

package faults

import "time"

// A clock sleeps for short waits. Off Linux it is time.Sleep, as precise
// as the runtime's timers.
type clock struct{}

// sleep waits d without being interrupted; callers keep d short.
func (*clock) sleep(d time.Duration) { time.Sleep(d) }

// close releases nothing.
func (*clock) close() {}
