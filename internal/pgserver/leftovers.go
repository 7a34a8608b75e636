package pgserver

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// Cluster directories are os.TempDir()/dirPrefix*. Each holds ownerLock,
// a file its owner (the process that called Start) holds an exclusive
// flock on for as long as the cluster lives, and that names the owner's
// PID for people. The kernel drops the lock when the owner dies, however
// it dies (kill -9 included), so an unlocked directory is one nobody will
// clean up.
const (
	dirPrefix = "intbench-pg-"
	ownerLock = "owner.lock"
)

// lockOwner creates dir's owner lock and holds it until the file is
// closed. The lock is taken on a temporary name and only then renamed into
// place, so that a directory's lock file, once it exists, is locked until
// its owner is gone.
func lockOwner(dir string) (*os.File, error) {
	tmp := filepath.Join(dir, ownerLock+".new")
	f, err := os.OpenFile(tmp, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return nil, fmt.Errorf("pgserver: owner lock: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		return nil, fmt.Errorf("pgserver: owner lock: %w", err)
	}
	if _, err := fmt.Fprintf(f, "%d\n", os.Getpid()); err != nil {
		f.Close()
		return nil, fmt.Errorf("pgserver: owner lock: %w", err)
	}
	if err := os.Rename(tmp, filepath.Join(dir, ownerLock)); err != nil {
		f.Close()
		return nil, fmt.Errorf("pgserver: owner lock: %w", err)
	}
	return f, nil
}

// removeLeftovers removes the cluster directories in tmp that runs killed
// before their Close left behind: those whose owner lock is free (the
// owner is gone) and where no postmaster still runs. A directory without a
// lock file (from an intbench that took none, or one being created at
// this instant) is kept, as is every directory whose owner lives. It
// returns what it removed; failures to remove (another user's directory)
// are skipped.
func removeLeftovers(tmp string) []string {
	dirs, _ := filepath.Glob(filepath.Join(tmp, dirPrefix+"*"))
	var removed []string
	for _, dir := range dirs {
		if removeIfAbandoned(dir) {
			removed = append(removed, dir)
		}
	}
	return removed
}

// removeIfAbandoned removes dir when its owner is gone, holding the owner
// lock meanwhile so that no other process removes it at the same time.
func removeIfAbandoned(dir string) bool {
	f, err := os.Open(filepath.Join(dir, ownerLock))
	if err != nil {
		return false // no lock: nobody to ask
	}
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		return false // its owner holds it: a live run
	}
	if postmasterRuns(filepath.Join(dir, "data")) {
		return false // orphaned but running: removing its files would crash it
	}
	return os.RemoveAll(dir) == nil
}

// postmasterRuns reports whether the postmaster named by dataDir's
// postmaster.pid is a live postgres process.
func postmasterRuns(dataDir string) bool {
	b, err := os.ReadFile(filepath.Join(dataDir, "postmaster.pid"))
	if err != nil {
		return false
	}
	line, _, _ := bytes.Cut(b, []byte("\n"))
	pid, err := strconv.Atoi(strings.TrimSpace(string(line)))
	if err != nil || pid <= 0 {
		return false
	}
	cmdline, err := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", pid))
	if errors.Is(err, os.ErrNotExist) {
		return false
	}
	// Unreadable means it lives; a reused PID runs something else.
	return err != nil || bytes.Contains(cmdline, []byte("postgres"))
}
