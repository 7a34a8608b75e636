package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// openFiles lists this process's open file descriptors and what they
// point at.
func openFiles(t *testing.T) []string {
	t.Helper()
	entries, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Skipf("no /proc/self/fd: %v", err)
	}
	var fds []string
	for _, e := range entries {
		target, err := os.Readlink(filepath.Join("/proc/self/fd", e.Name()))
		if err != nil {
			continue // the directory's own descriptor, closed by now
		}
		fds = append(fds, e.Name()+" -> "+target)
	}
	slices.Sort(fds)
	return fds
}

// A run gives back everything it took: the file descriptors of the
// process that ran it, its children (servers, PostgreSQL) and its
// temporary directories. The run is in this process, servers in child
// processes, over PostgreSQL, so every kind of resource is in play.
func TestRunLeavesNoDescriptorsChildrenOrFiles(t *testing.T) {
	tmp, err := os.MkdirTemp("", "intbench-leak-test-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(tmp) })
	if err := os.Chmod(tmp, 0o755); err != nil { // PostgreSQL's user must reach its directory
		t.Fatal(err)
	}
	doc := filepath.Join(t.TempDir(), "r.json")
	t.Setenv("TMPDIR", tmp)
	runOnce := func(args ...string) {
		t.Helper()
		var out, errOut bytes.Buffer
		args = append([]string{"run", "--scenarios", "get-customer", "--count", "1", "--duration", "100ms", "--warmup", "20ms",
			"-o", doc, "-q"}, args...)
		if code := run(context.Background(), args, &out, &errOut); code != 0 {
			t.Fatalf("intbench %s: exit %d\n%s", strings.Join(args, " "), code, errOut.String())
		}
	}
	// A first run opens what the runtime keeps for good (the network
	// poller's descriptors and the like).
	runOnce("--backend", "memory", "--transports", "rawtcp")
	fdsBefore, kidsBefore := openFiles(t), descendantsOf(os.Getpid())
	runOnce("--backend", "postgres", "--transports", "rest,grpc,shareddb")
	var fdsAfter []string
	var kidsAfter []int
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		fdsAfter, kidsAfter = openFiles(t), descendantsOf(os.Getpid())
		if len(fdsAfter) <= len(fdsBefore) && len(kidsAfter) <= len(kidsBefore) {
			break
		}
	}
	if len(fdsAfter) > len(fdsBefore) {
		t.Errorf("%d file descriptors open after the run, %d before; now open:\n%s", len(fdsAfter), len(fdsBefore), strings.Join(fdsAfter, "\n"))
	}
	if len(kidsAfter) > len(kidsBefore) {
		t.Errorf("child processes left: %v (before: %v)", kidsAfter, kidsBefore)
	}
	if left, _ := filepath.Glob(filepath.Join(tmp, "*")); len(left) > 0 {
		t.Errorf("left in the temporary directory: %v", left)
	}
	t.Logf("%d file descriptors and %d children before and after", len(fdsBefore), len(kidsBefore))
}
