package bench

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"time"
)

// cpuMeter reads the cumulative CPU time of processes outside the driver:
// a server's process tree, or the PostgreSQL cluster.
type cpuMeter interface {
	read() (time.Duration, error)
	// source names the method and its resolution, for the results.
	source() string
	// adopt measures the tree of pid too, or instead: the process that
	// replaced a restarted one.
	adopt(pid int)
	close() error
}

// newTreeMeter measures process root and its descendants, in nanoseconds:
// through a cgroup of their own when this process may make one (root;
// every process forked later is counted, exited ones included), else by
// summing the per-thread schedstat of the live tree and the reaped
// children's CPU from /proc. Both are far finer than the 10 ms ticks of
// /proc/PID/stat, which over dozens of PostgreSQL backends err by a few
// percent of a two-second window.
func newTreeMeter(root int) cpuMeter {
	if m, err := newCgroupMeter(root); err == nil {
		return m
	}
	m := &procMeter{}
	m.root.Store(int64(root))
	return m
}

// cgroupMeter reads a cgroup that holds the measured tree.
type cgroupMeter struct {
	dir, parent string
	v2          bool
}

var cgroupSeq atomic.Int64

// newCgroupMeter makes a cgroup under this process's own (cgroup v2, or
// v1's cpuacct hierarchy) and moves root's whole process tree into it.
func newCgroupMeter(root int) (*cgroupMeter, error) {
	parent, v2, err := ownCgroup()
	if err != nil {
		return nil, err
	}
	removeLeftovers(parent)
	dir := filepath.Join(parent, fmt.Sprintf("intbench-%d-%d", os.Getpid(), cgroupSeq.Add(1)))
	if err := os.Mkdir(dir, 0o755); err != nil {
		return nil, fmt.Errorf("bench: cgroup: %w", err)
	}
	m := &cgroupMeter{dir: dir, parent: parent, v2: v2}
	if err := m.move(root); err != nil {
		return nil, errors.Join(err, m.close())
	}
	if _, err := m.read(); err != nil {
		return nil, errors.Join(err, m.close())
	}
	return m, nil
}

// move puts root's whole process tree into the cgroup.
func (m *cgroupMeter) move(root int) error {
	procs, err := readProcs()
	if err != nil {
		return err
	}
	for _, pid := range descendants(procs, root) {
		if err := os.WriteFile(filepath.Join(m.dir, "cgroup.procs"), []byte(strconv.Itoa(pid)), 0); err != nil && pid == root {
			return fmt.Errorf("bench: cgroup: move %d: %w", pid, err)
		}
	}
	return nil
}

// adopt counts pid's tree too, beside what the cgroup counted before: the
// total stays cumulative across a restart.
func (m *cgroupMeter) adopt(pid int) { _ = m.move(pid) }

func (m *cgroupMeter) source() string {
	if m.v2 {
		return "cgroup v2 cpu.stat (1 µs)"
	}
	return "cgroup v1 cpuacct.usage (1 ns)"
}

func (m *cgroupMeter) read() (time.Duration, error) {
	if !m.v2 {
		b, err := os.ReadFile(filepath.Join(m.dir, "cpuacct.usage"))
		if err != nil {
			return 0, fmt.Errorf("bench: cgroup: %w", err)
		}
		ns, err := strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64)
		return time.Duration(ns), err
	}
	b, err := os.ReadFile(filepath.Join(m.dir, "cpu.stat"))
	if err != nil {
		return 0, fmt.Errorf("bench: cgroup: %w", err)
	}
	for line := range strings.Lines(string(b)) {
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), "usage_usec "); ok {
			us, err := strconv.ParseInt(v, 10, 64)
			return time.Duration(us) * time.Microsecond, err
		}
	}
	return 0, errors.New("bench: cgroup: cpu.stat has no usage_usec")
}

// close moves any process left back to the parent cgroup and removes the
// cgroup. A process that has just exited may keep it busy a moment, so
// the removal is tried for up to a second.
func (m *cgroupMeter) close() error {
	var err error
	for range 20 {
		if b, rerr := os.ReadFile(filepath.Join(m.dir, "cgroup.procs")); rerr == nil {
			for _, pid := range strings.Fields(string(b)) {
				_ = os.WriteFile(filepath.Join(m.parent, "cgroup.procs"), []byte(pid), 0)
			}
		}
		if err = os.Remove(m.dir); err == nil || errors.Is(err, os.ErrNotExist) {
			return nil
		}
		time.Sleep(50 * time.Millisecond)
	}
	return fmt.Errorf("bench: cgroup: %w", err)
}

// removeLeftovers removes the empty cgroups that drivers killed before
// they could close their meters left under parent: intbench-PID-N whose
// PID no longer runs.
func removeLeftovers(parent string) {
	dirs, _ := filepath.Glob(filepath.Join(parent, "intbench-*-*"))
	for _, d := range dirs {
		parts := strings.Split(filepath.Base(d), "-")
		pid, err := strconv.Atoi(parts[1])
		if err != nil || pid == os.Getpid() || syscall.Kill(pid, 0) == nil {
			continue // malformed, ours, or its driver still runs
		}
		_ = os.Remove(d) // only an empty cgroup can be removed
	}
}

// ownCgroup returns the directory of this process's cgroup: in the v1
// cpuacct hierarchy when there is one (its usage is in nanoseconds), else
// in the v2 hierarchy.
func ownCgroup() (dir string, v2 bool, err error) {
	mounts, err := cgroupMounts()
	if err != nil {
		return "", false, err
	}
	f, err := os.Open("/proc/self/cgroup")
	if err != nil {
		return "", false, fmt.Errorf("bench: cgroup: %w", err)
	}
	defer f.Close()
	var v2dir string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		// hierarchy-ID:controllers:path
		parts := strings.SplitN(sc.Text(), ":", 3)
		if len(parts) != 3 {
			continue
		}
		for _, c := range strings.Split(parts[1], ",") {
			if c == "cpuacct" && mounts.v1 != "" {
				return filepath.Join(mounts.v1, parts[2]), false, nil
			}
		}
		if parts[0] == "0" && mounts.v2 != "" {
			v2dir = filepath.Join(mounts.v2, parts[2])
		}
	}
	if v2dir == "" {
		return "", false, errors.New("bench: cgroup: no cpuacct or v2 hierarchy")
	}
	return v2dir, true, nil
}

type mountPoints struct{ v1, v2 string }

// cgroupMounts finds the v1 cpuacct and the v2 mount points.
func cgroupMounts() (mountPoints, error) {
	var m mountPoints
	b, err := os.ReadFile("/proc/self/mountinfo")
	if err != nil {
		return m, fmt.Errorf("bench: cgroup: %w", err)
	}
	for line := range strings.Lines(string(b)) {
		pre, post, ok := strings.Cut(line, " - ")
		f, g := strings.Fields(pre), strings.Fields(post)
		if !ok || len(f) < 5 || len(g) < 3 {
			continue
		}
		switch {
		case g[0] == "cgroup2":
			m.v2 = f[4]
		case g[0] == "cgroup" && hasOption(g[2], "cpuacct"):
			m.v1 = f[4]
		}
	}
	return m, nil
}

func hasOption(opts, name string) bool {
	for _, o := range strings.Split(opts, ",") {
		if o == name {
			return true
		}
	}
	return false
}

// procMeter sums the per-thread schedstat CPU (nanoseconds) of a live
// process tree and the CPU its processes' reaped children left in /proc
// (10 ms ticks, but only for processes that exited).
type procMeter struct{ root atomic.Int64 }

func (*procMeter) source() string { return "/proc schedstat per thread (1 ns; reaped children 10 ms)" }
func (*procMeter) close() error   { return nil }

// adopt follows pid instead of the old root: the count starts again from
// the new tree, so a window across the change is not comparable.
func (m *procMeter) adopt(pid int) { m.root.Store(int64(pid)) }

func (m *procMeter) read() (time.Duration, error) {
	procs, err := readProcs()
	if err != nil {
		return 0, err
	}
	var total time.Duration
	for _, pid := range descendants(procs, int(m.root.Load())) {
		total += time.Duration(procs[pid].reaped) * time.Second / clockTicks
		tasks, _ := filepath.Glob(fmt.Sprintf("/proc/%d/task/*/schedstat", pid))
		for _, t := range tasks {
			b, err := os.ReadFile(t)
			if err != nil {
				continue // the thread ended meanwhile
			}
			if f := strings.Fields(string(b)); len(f) > 0 {
				ns, _ := strconv.ParseInt(f[0], 10, 64)
				total += time.Duration(ns)
			}
		}
	}
	return total, nil
}
