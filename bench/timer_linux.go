package bench

import (
	"errors"
	"os"
	"time"

	"golang.org/x/sys/unix"
)

// sleeper is a timer for the pacer. On Linux it is a timerfd parked in
// Go's netpoller: the kernel's high-resolution timer wakes the goroutine
// within tens of microseconds, where a time.Timer waits for the netpoller's
// whole-millisecond timeouts.
type sleeper struct {
	fd  int
	f   *os.File
	buf [8]byte
}

func newSleeper(done <-chan struct{}) (*sleeper, error) {
	fd, err := unix.TimerfdCreate(unix.CLOCK_MONOTONIC, unix.TFD_NONBLOCK|unix.TFD_CLOEXEC)
	if err != nil {
		return nil, err
	}
	s := &sleeper{fd: fd, f: os.NewFile(uintptr(fd), "pacer-timerfd")}
	go func() {
		<-done
		_ = s.f.SetReadDeadline(time.Unix(1, 0)) // wakes a sleep in progress
	}()
	return s, nil
}

// sleep waits d; false means done was closed.
func (s *sleeper) sleep(d time.Duration) bool {
	spec := unix.ItimerSpec{Value: unix.NsecToTimespec(int64(d))}
	if err := unix.TimerfdSettime(s.fd, 0, &spec, nil); err != nil {
		time.Sleep(d)
		return true
	}
	_, err := s.f.Read(s.buf[:])
	return !errors.Is(err, os.ErrDeadlineExceeded)
}

func (s *sleeper) close() { _ = s.f.Close() }
