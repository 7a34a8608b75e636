package bench

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
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

// descendants returns root and every process below it.
func descendants(procs map[int]procStat, root int) []int {
	children := map[int][]int{}
	for pid, p := range procs {
		children[p.ppid] = append(children[p.ppid], pid)
	}
	var out []int
	stack := []int{root}
	for len(stack) > 0 {
		pid := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if _, ok := procs[pid]; ok {
			out = append(out, pid)
		}
		stack = append(stack, children[pid]...)
	}
	return out
}

type procStat struct {
	ppid   int
	ticks  int64 // utime + stime
	reaped int64 // cutime + cstime: children this process has reaped
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
	field := func(i int) int64 { v, _ := strconv.ParseInt(f[i], 10, 64); return v }
	return pid, procStat{ppid: ppid, ticks: field(11) + field(12), reaped: field(13) + field(14)}, true
}

// heapAllocs reads this process's cumulative heap allocations with
// runtime.ReadMemStats, the method testing uses for allocs/op: exact, tiny
// objects included (runtime/metrics' /gc/heap/allocs:objects counts tiny
// blocks, not objects, and lags by a span per size class). It stops the
// world for microseconds, once at each edge of a window.
func heapAllocs() (objects, bytes uint64) {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.Mallocs, m.TotalAlloc
}
