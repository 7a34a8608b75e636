package pgserver

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// leftoverTmp is a TMPDIR for t that PostgreSQL's user can reach.
func leftoverTmp(t *testing.T) string {
	t.Helper()
	tmp, err := os.MkdirTemp("", "pgserver-leftover-test-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.RemoveAll(tmp) })
	if err := os.Chmod(tmp, 0o755); err != nil {
		t.Fatal(err)
	}
	return tmp
}

func TestRemoveLeftovers(t *testing.T) {
	tmp := leftoverTmp(t)
	mk := func(name string, files map[string]string) string {
		dir := filepath.Join(tmp, name)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		for f, content := range files {
			path := filepath.Join(dir, f)
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return dir
	}
	abandoned := mk(dirPrefix+"abandoned", map[string]string{ownerLock: "1\n", "data/PG_VERSION": "15\n"})
	stale := mk(dirPrefix+"stale-pid", map[string]string{ownerLock: "1\n", "data/postmaster.pid": "999999999\n"})
	unknown := mk(dirPrefix+"no-lock", map[string]string{"data/PG_VERSION": "15\n"})
	other := mk("something-else", map[string]string{ownerLock: "1\n"})
	// A live owner: this process holds the lock, as Start's caller does.
	live := mk(dirPrefix+"live", nil)
	lock, err := lockOwner(live)
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Close()
	// An orphaned postmaster still runs there (a process named postgres).
	running := mk(dirPrefix+"running", map[string]string{ownerLock: "1\n"})
	pm := exec.Command(namedPostgres(t), "30")
	if err := pm.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = pm.Process.Kill(); _ = pm.Wait() }()
	mk(dirPrefix+"running", map[string]string{"data/postmaster.pid": fmt.Sprintf("%d\n/data\n", pm.Process.Pid)})

	removed := removeLeftovers(tmp)
	for _, tt := range []struct {
		dir  string
		gone bool
	}{
		{abandoned, true},
		{stale, true},
		{unknown, false},
		{other, false},
		{live, false},
		{running, false},
	} {
		_, err := os.Stat(tt.dir)
		if gone := os.IsNotExist(err); gone != tt.gone {
			t.Errorf("%s: removed %v, want %v", filepath.Base(tt.dir), gone, tt.gone)
		}
	}
	if len(removed) != 2 {
		t.Errorf("removeLeftovers returned %v, want the two abandoned directories", removed)
	}
}

// namedPostgres returns a copy of sleep(1) named postgres.
func namedPostgres(t *testing.T) string {
	t.Helper()
	sleep, err := exec.LookPath("sleep")
	if err != nil {
		t.Skip("no sleep(1)")
	}
	b, err := os.ReadFile(sleep)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "postgres")
	if err := os.WriteFile(path, b, 0o755); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestOwnerHelper is the owner a test kills: run by
// TestStartRemovesWhatAKilledOwnerLeft, it starts a server, prints its
// directory and waits to be killed.
func TestOwnerHelper(t *testing.T) {
	if os.Getenv("INTBENCH_PGSERVER_OWNER") != "1" {
		t.Skip("run by TestStartRemovesWhatAKilledOwnerLeft")
	}
	s, err := Start(context.Background(), Options{})
	if err != nil {
		fmt.Println("ERROR", err)
		os.Exit(1)
	}
	fmt.Println("DIR", s.proc.dir)
	select {}
}

// A run killed with SIGKILL takes its PostgreSQL with it (Pdeathsig) but
// leaves the cluster's directory; the next Start removes it, and keeps the
// directory of a run that is alive.
func TestStartRemovesWhatAKilledOwnerLeft(t *testing.T) {
	noExternal(t)
	if os.Getenv("INTBENCH_NO_PG") == "1" {
		t.Skip("INTBENCH_NO_PG=1")
	}
	tmp := leftoverTmp(t)
	t.Setenv("TMPDIR", tmp)
	live := start(t, Options{}) // a run that lives on
	cmd := exec.Command(os.Args[0], "-test.run=^TestOwnerHelper$")
	cmd.Env = append(os.Environ(), "INTBENCH_PGSERVER_OWNER=1")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	lines := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if strings.HasPrefix(sc.Text(), "DIR ") || strings.HasPrefix(sc.Text(), "ERROR ") {
				lines <- sc.Text()
				return
			}
		}
		close(lines)
	}()
	var dir string
	select {
	case l := <-lines:
		var ok bool
		if dir, ok = strings.CutPrefix(l, "DIR "); !ok {
			t.Fatalf("helper: %q", l)
		}
	case <-time.After(time.Minute):
		t.Fatal("the helper did not start a server within a minute")
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	// Its postmaster gets SIGTERM from the kernel and shuts down.
	pidFile := filepath.Join(dir, "data", "postmaster.pid")
	for deadline := time.Now().Add(30 * time.Second); postmasterRuns(filepath.Dir(pidFile)); time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the killed owner's postmaster still runs after 30s")
		}
	}
	if _, err := os.Stat(dir); err != nil {
		t.Fatalf("the killed owner's directory is already gone (%v): nothing to test", err)
	}
	start(t, Options{}) // the next run
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("the killed owner's directory %s is still there (%v)", dir, err)
	}
	if _, err := os.Stat(live.proc.dir); err != nil {
		t.Errorf("the live run's directory: %v", err)
	}
	if err := ping(t, live.URL(adminDB)); err != nil {
		t.Errorf("the live run's server: %v", err)
	}
}
