package pgserver

import (
	"context"
	"errors"
	"fmt"
	"syscall"
	"time"
)

// ErrExternal is returned by Restart for a server this package did not
// start.
var ErrExternal = errors.New("pgserver: cannot restart an external server")

// restartPause separates two attempts to start postgres on its port again.
const restartPause = 200 * time.Millisecond

// Restart stops the started server as a crash would (an immediate
// shutdown, like pg_ctl stop -m immediate: no checkpoint, every session
// cut) and starts it again on the same port and data directory, returning
// once it accepts connections, after crash recovery. URLs stay valid;
// connections open across the restart fail on their next use, and a
// database/sql pool replaces them. Commits acknowledged before the restart
// survive it only on a Durable server. ctx bounds the start, not the stop.
// Restart fails with ErrExternal for an external server; when the start
// fails the server stays down, and Close still cleans it up.
func (s *Server) Restart(ctx context.Context) error {
	if s.proc == nil {
		return ErrExternal
	}
	s.life.Lock()
	defer s.life.Unlock()
	s.mu.Lock()
	closed := s.closed
	s.mu.Unlock()
	if closed {
		return errClosed
	}
	err := s.proc.restart(ctx)
	s.dropAdmin() // its connections died with the old server
	return err
}

// restart crashes postgres and starts it again on the same port.
func (p *process) restart(ctx context.Context) error {
	if err := p.crash(); err != nil {
		return err
	}
	for try := 1; ; try++ {
		err := p.run(ctx)
		if err == nil {
			return nil
		}
		if try == startTries || ctx.Err() != nil || !errors.Is(err, errExited) {
			return fmt.Errorf("pgserver: restart on port %d: %w", p.port, err)
		}
		select { // another process may hold the port for a moment
		case <-ctx.Done():
		case <-time.After(restartPause):
		}
	}
}

// crash shuts postgres down immediately: SIGQUIT makes the postmaster
// and every backend exit at once, as pg_ctl stop -m immediate does. When
// the postmaster had to be killed instead, it also waits until its
// orphaned backends are gone, since a new postmaster refuses to start
// while they hold the old shared memory.
func (p *process) crash() error {
	killed, err := p.signalAndWait(syscall.SIGQUIT)
	if err != nil || !killed {
		return err
	}
	deadline := time.Now().Add(killTimeout)
	for syscall.Kill(-p.cmd.Process.Pid, 0) == nil && time.Now().Before(deadline) {
		time.Sleep(readyPoll)
	}
	return nil
}
