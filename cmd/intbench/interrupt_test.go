package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/intbench/intbench/results"
)

// Ctrl-C (SIGINT) or SIGTERM in the middle of a run: the process stops
// within seconds, writes what it measured marked incomplete (the table
// says so too), and leaves no server, PostgreSQL, temporary directory or
// cgroup behind. The run is a real process in a process group of its own,
// signalled as a terminal (or a service manager) signals its group; its
// servers and PostgreSQL run in groups of their own, so only the run
// itself can stop them.
func TestInterruptedRunCleansUp(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) { interruptRun(t, sig) })
	}
}

func interruptRun(t *testing.T, sig syscall.Signal) {
	// The run's TMPDIR, where PostgreSQL's data directory goes: readable
	// by the unprivileged user PostgreSQL runs as (t.TempDir is not).
	tmp, err := os.MkdirTemp("", "intbench-interrupt-test-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(tmp) })
	if err := os.Chmod(tmp, 0o755); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(tmp, "r.json")
	marker := fmt.Sprintf("INTBENCH_INTERRUPT_TEST=%d", time.Now().UnixNano())
	cmd := exec.Command(binary, "run", "--backend", "postgres", "--transports", "rest,grpc", "--scenarios", "get-customer",
		"--concurrency", "2", "--duration", "300ms", "--warmup", "50ms", "--count", "6", "-o", out)
	cmd.Env = append(os.Environ(), "TMPDIR="+tmp, marker)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	var stdout bytes.Buffer
	cmd.Stdout = &stdout
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	pid := cmd.Process.Pid
	t.Cleanup(func() { _ = syscall.Kill(-pid, syscall.SIGKILL) })
	serving := make(chan string, 1)
	var errText lockedBuffer
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			errText.WriteString(sc.Text() + "\n")
			if strings.Contains(sc.Text(), "serving at") {
				select {
				case serving <- sc.Text():
				default:
				}
			}
		}
	}()
	select {
	case <-serving:
	case <-time.After(90 * time.Second):
		t.Fatal("the run did not start serving within 90s; stderr:\n" + errText.String())
	}
	time.Sleep(1500 * time.Millisecond) // a few repetitions of 350ms
	children := descendantsOf(pid)
	if len(children) == 0 {
		t.Fatal("the run has no child processes to check (servers, PostgreSQL)")
	}
	if err := syscall.Kill(-pid, sig); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err = <-done:
	case <-time.After(60 * time.Second):
		t.Fatalf("the run did not stop within 60s of %v; stderr:\n%s", sig, errText.String())
	}
	t.Logf("stopped %v after %v (%v); %d child processes before", time.Since(start).Round(time.Millisecond), sig, err, len(children))
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
		t.Errorf("exit %v, want status 1 (interrupted)", err)
	}
	doc, rerr := results.ReadFile(out)
	if rerr != nil {
		t.Fatalf("no document after the interrupt: %v\nstderr:\n%s", rerr, errText.String())
	}
	if !doc.Incomplete || len(doc.Cells) == 0 {
		t.Errorf("document incomplete=%v with %d cells: want incomplete with what was measured", doc.Incomplete, len(doc.Cells))
	}
	if !strings.Contains(stdout.String(), "INCOMPLETE") {
		t.Errorf("the table does not say the run was interrupted:\n%s", stdout.String())
	}
	waitGone(t, children, marker, tmp)
	if left, _ := filepath.Glob(filepath.Join(tmp, "intbench-*")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
	for _, pattern := range []string{"/sys/fs/cgroup/intbench-%d-*", "/sys/fs/cgroup/*/intbench-%d-*"} {
		if left, _ := filepath.Glob(fmt.Sprintf(pattern, pid)); len(left) > 0 {
			t.Errorf("cgroups left: %v", left)
		}
	}
}

// descendantsOf lists the processes below pid.
func descendantsOf(pid int) []int {
	parent := map[int]int{}
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		p, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		b, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if err != nil {
			continue
		}
		// pid (comm) state ppid ...: comm may hold spaces, so read after ')'.
		fields := strings.Fields(string(b[bytes.LastIndexByte(b, ')')+1:]))
		if len(fields) > 1 {
			parent[p], _ = strconv.Atoi(fields[1])
		}
	}
	var out []int
	for p := range parent {
		for q := parent[p]; q > 1; q = parent[q] {
			if q == pid {
				out = append(out, p)
				break
			}
		}
	}
	return out
}

// waitGone waits up to ten seconds for the run's former children, and any
// process that carries the run's marker or works in its temporary
// directory, to be gone.
func waitGone(t *testing.T, children []int, marker, tmp string) {
	t.Helper()
	var alive []string
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		alive = alive[:0]
		for _, p := range children {
			if b, err := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", p)); err == nil && len(b) > 0 && !zombie(p) {
				alive = append(alive, fmt.Sprintf("%d %s", p, bytes.ReplaceAll(b, []byte{0}, []byte{' '})))
			}
		}
		entries, _ := os.ReadDir("/proc")
		for _, e := range entries {
			if _, err := strconv.Atoi(e.Name()); err != nil {
				continue
			}
			env, _ := os.ReadFile(filepath.Join("/proc", e.Name(), "environ"))
			cl, _ := os.ReadFile(filepath.Join("/proc", e.Name(), "cmdline"))
			if bytes.Contains(env, []byte(marker)) || bytes.Contains(cl, []byte(tmp)) {
				alive = append(alive, e.Name()+" "+string(bytes.ReplaceAll(cl, []byte{0}, []byte{' '})))
			}
		}
		if len(alive) == 0 {
			return
		}
	}
	t.Errorf("processes left behind: %v", alive)
}

func zombie(pid int) bool {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return true
	}
	f := strings.Fields(string(b[bytes.LastIndexByte(b, ')')+1:]))
	return len(f) > 0 && f[0] == "Z"
}

// lockedBuffer is a buffer one goroutine writes while another reads.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) WriteString(s string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.buf.WriteString(s)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// SIGINT or SIGTERM to "intbench serve" over its own PostgreSQL, with a
// client's keep-alive connection open: it exits 0 within seconds, and its
// PostgreSQL and the cluster's temporary directory are gone.
func TestInterruptedServeCleansUp(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			tmp, err := os.MkdirTemp("", "intbench-serve-signal-test-")
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { os.RemoveAll(tmp) })
			if err := os.Chmod(tmp, 0o755); err != nil {
				t.Fatal(err)
			}
			marker := fmt.Sprintf("INTBENCH_SERVE_SIGNAL_TEST=%d", time.Now().UnixNano())
			cmd := exec.Command(binary, "serve", "--transport", "rest", "--backend", "postgres")
			cmd.Env = append(os.Environ(), "TMPDIR="+tmp, marker)
			cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
			var stderr lockedBuffer
			cmd.Stderr = writerFunc(func(p []byte) (int, error) { stderr.WriteString(string(p)); return len(p), nil })
			stdout, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			pid := cmd.Process.Pid
			t.Cleanup(func() { _ = syscall.Kill(-pid, syscall.SIGKILL) })
			ready := make(chan string, 1)
			go func() { l, _ := bufio.NewReader(stdout).ReadString('\n'); ready <- l }()
			var addr string
			select {
			case l := <-ready:
				addr = strings.TrimSpace(strings.TrimPrefix(l, "rest listening on "))
			case <-time.After(time.Minute):
				t.Fatalf("no ready line within a minute; stderr:\n%s", stderr.String())
			}
			// A keep-alive connection stays open, idle, after its call.
			conn, err := net.Dial("tcp", addr)
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			if _, err := io.WriteString(conn, "GET /customers/1 HTTP/1.1\r\nHost: x\r\n\r\n"); err != nil {
				t.Fatal(err)
			}
			if res, err := http.ReadResponse(bufio.NewReader(conn), nil); err != nil || res.StatusCode != 200 {
				t.Fatalf("GET /customers/1: %v %v", res, err)
			}
			children := descendantsOf(pid)
			if len(children) == 0 {
				t.Fatal("serve has no PostgreSQL below it")
			}
			if err := syscall.Kill(pid, sig); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			select {
			case err := <-done:
				if err != nil {
					t.Fatalf("after %v: %v, want exit 0; stderr:\n%s", sig, err, stderr.String())
				}
			case <-time.After(30 * time.Second):
				t.Fatalf("serve did not exit within 30s of %v", sig)
			}
			waitGone(t, children, marker, tmp)
			if left, _ := filepath.Glob(filepath.Join(tmp, "*")); len(left) > 0 {
				t.Errorf("left in the temporary directory: %v", left)
			}
		})
	}
}

// writerFunc is an io.Writer of a function.
type writerFunc func(p []byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

// A run killed with SIGKILL (no chance to clean up) takes its servers and
// PostgreSQL with it (the kernel signals them: Pdeathsig), and the next
// run removes the cluster directory it left.
func TestKilledRunLeavesNothingTheNextRunKeeps(t *testing.T) {
	tmp, err := os.MkdirTemp("", "intbench-kill-test-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(tmp) })
	if err := os.Chmod(tmp, 0o755); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "r.json")
	marker := fmt.Sprintf("INTBENCH_KILL_TEST=%d", time.Now().UnixNano())
	args := []string{"run", "--backend", "postgres", "--transports", "rest", "--scenarios", "get-customer",
		"--concurrency", "2", "--duration", "300ms", "--warmup", "50ms", "--count", "20", "-o", out}
	cmd := exec.Command(binary, args...)
	cmd.Env = append(os.Environ(), "TMPDIR="+tmp, marker)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	pid := cmd.Process.Pid
	t.Cleanup(func() { _ = syscall.Kill(-pid, syscall.SIGKILL) })
	serving := make(chan struct{})
	go func() {
		sc := bufio.NewScanner(stderr)
		once := false
		for sc.Scan() {
			if !once && strings.Contains(sc.Text(), "serving at") {
				once = true
				close(serving)
			}
		}
	}()
	select {
	case <-serving:
	case <-time.After(90 * time.Second):
		t.Fatal("the run did not start serving within 90s")
	}
	children := descendantsOf(pid)
	if len(children) == 0 {
		t.Fatal("the run has no child processes")
	}
	if err := syscall.Kill(pid, syscall.SIGKILL); err != nil { // the driver alone, not its group
		t.Fatal(err)
	}
	_ = cmd.Wait()
	waitGone(t, children, marker, tmp)
	left, _ := filepath.Glob(filepath.Join(tmp, "intbench-pg-*"))
	if len(left) != 1 {
		t.Fatalf("cluster directories after the kill: %v, want the killed run's one", left)
	}
	next := exec.Command(binary, "run", "--backend", "postgres", "--transports", "rawtcp", "--scenarios", "get-customer",
		"--count", "1", "--duration", "50ms", "--warmup", "0s", "-q", "-o", out)
	next.Env = append(os.Environ(), "TMPDIR="+tmp)
	if b, err := next.CombinedOutput(); err != nil {
		t.Fatalf("the next run: %v\n%s", err, b)
	}
	if left, _ := filepath.Glob(filepath.Join(tmp, "*")); len(left) > 0 {
		t.Errorf("left after the next run: %v", left)
	}
	// The engine's CPU cgroups of a killed run stay: nothing removes them
	// yet (bench's to do). Empty now, they are removed here.
	for _, pattern := range []string{"/sys/fs/cgroup/intbench-%d-*", "/sys/fs/cgroup/*/intbench-%d-*"} {
		left, _ := filepath.Glob(fmt.Sprintf(pattern, pid))
		for _, dir := range left {
			if err := os.Remove(dir); err != nil {
				t.Errorf("remove the killed run's cgroup: %v", err)
			}
		}
		if len(left) > 0 {
			t.Logf("cgroups the killed run left, removed by the test: %v", left)
		}
	}
}
