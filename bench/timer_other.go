//go:build !linux

package bench

import (
	"errors"
	"time"
)

// sleeper is a timer for the pacer; elsewhere than Linux a time.Timer.
type sleeper struct {
	t    *time.Timer
	done <-chan struct{}
}

func newSleeper(done <-chan struct{}) (*sleeper, error) {
	return nil, errors.New("bench: no precise timer on this system")
}

func (s *sleeper) sleep(d time.Duration) bool { return true }
func (s *sleeper) close()                     {}
