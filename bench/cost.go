package bench

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime/metrics"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// clockTicks is USER_HZ, the unit of CPU times in /proc (100 on Linux).
const clockTicks = 100

// selfCPU returns this process's user+system CPU time (microsecond
// resolution).
func selfCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// treeCPU returns the CPU time of process pid and all its descendants
// (for a PostgreSQL backend, the postmaster and its backends), including
// children they have already reaped. Resolution is 10 ms per process.
func treeCPU(root int) (time.Duration, error) {
	procs, err := readProcs()
	if err != nil {
		return 0, err
	}
	children := map[int][]int{}
	for pid, p := range procs {
		children[p.ppid] = append(children[p.ppid], pid)
	}
	var ticks int64
	stack := []int{root}
	for len(stack) > 0 {
		pid := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if p, ok := procs[pid]; ok {
			ticks += p.ticks
		}
		stack = append(stack, children[pid]...)
	}
	return time.Duration(ticks) * time.Second / clockTicks, nil
}

type procStat struct {
	ppid  int
	ticks int64 // utime + stime + cutime + cstime
}

func readProcs() (map[int]procStat, error) {
	paths, err := filepath.Glob("/proc/[0-9]*/stat")
	if err != nil || len(paths) == 0 {
		return nil, fmt.Errorf("bench: read /proc: %v", err)
	}
	out := make(map[int]procStat, len(paths))
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			continue // the process ended meanwhile
		}
		pid, st, ok := parseStat(string(b))
		if ok {
			out[pid] = st
		}
	}
	return out, nil
}

// parseStat reads pid, ppid and CPU ticks from a /proc/PID/stat line. The
// command name (field 2) may contain spaces and parentheses, so fields are
// counted from the last ')'.
func parseStat(s string) (int, procStat, bool) {
	open := strings.IndexByte(s, '(')
	closeAt := strings.LastIndexByte(s, ')')
	if open < 1 || closeAt < open {
		return 0, procStat{}, false
	}
	pid, err := strconv.Atoi(strings.TrimSpace(s[:open]))
	if err != nil {
		return 0, procStat{}, false
	}
	f := strings.Fields(s[closeAt+1:]) // f[0] is field 3 (state)
	if len(f) < 15 {
		return 0, procStat{}, false
	}
	ppid, _ := strconv.Atoi(f[1])
	var ticks int64
	for _, i := range []int{11, 12, 13, 14} { // utime stime cutime cstime
		v, _ := strconv.ParseInt(f[i], 10, 64)
		ticks += v
	}
	return pid, procStat{ppid: ppid, ticks: ticks}, true
}

// allocSampler reads the process's cumulative heap allocations without
// stopping the world (unlike runtime.ReadMemStats).
type allocSampler struct{ s []metrics.Sample }

func newAllocSampler() *allocSampler {
	return &allocSampler{s: []metrics.Sample{{Name: "/gc/heap/allocs:objects"}, {Name: "/gc/heap/allocs:bytes"}}}
}

func (a *allocSampler) read() (objects, bytes uint64) {
	metrics.Read(a.s)
	return a.s[0].Value.Uint64(), a.s[1].Value.Uint64()
}
