package faults

import "time"

// coarse is how late a time.Timer may wake when the runtime is idle: the
// netpoller waits in whole milliseconds (measured here: 1.05 ms late at the
// median, up to 3 ms).
const coarse = 3 * time.Millisecond

// A sleeper waits until a given time: on a time.Timer while the time is
// far, on a clock for the last few milliseconds, which a Timer would
// overshoot. One goroutine owns it.
type sleeper struct {
	timer *time.Timer
	clock clock
}

// until waits until t; false means done was closed. The last stretch, at
// most coarse, cannot be interrupted.
func (s *sleeper) until(t time.Time, done <-chan struct{}) bool {
	if d := time.Until(t) - coarse; d > 0 {
		if s.timer == nil {
			s.timer = time.NewTimer(d)
		} else {
			s.timer.Reset(d)
		}
		select {
		case <-s.timer.C:
		case <-done:
			s.timer.Stop()
			return false
		}
	}
	if d := time.Until(t); d > 0 {
		s.clock.sleep(d)
	}
	select {
	case <-done:
		return false
	default:
		return true
	}
}

// close releases the sleeper's clock.
func (s *sleeper) close() {
	if s.timer != nil {
		s.timer.Stop()
	}
	s.clock.close()
}
