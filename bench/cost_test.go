package bench

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/intbench/intbench/results"
	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/transports"
)

// slowMeter reads a constant CPU time, taking d to do it (a /proc scan
// over many processes).
type slowMeter struct{ d time.Duration }

func (m slowMeter) read() (time.Duration, error) { time.Sleep(m.d); return time.Second, nil }
func (slowMeter) source() string                 { return "test" }
func (slowMeter) close() error                   { return nil }
func (slowMeter) adopt(int)                      {}

// A slow meter read must stay outside the window: if the window's time
// started before the read and calls were admitted only after it, the
// window would count time without calls, and every per-call figure would
// be biased up.
func TestSlowMeterReadsStayOutsideTheWindow(t *testing.T) {
	p := Plan{}
	p.Defaults()
	c := Cell{Transport: "none", Scenario: getCustomerScenario(t), Load: Load{Workers: 1}}
	run, err := p.drive(context.Background(), slowService{d: time.Millisecond}, meters{wire: NewWireCounter(), server: slowMeter{d: 100 * time.Millisecond}}, c,
		Window{Duration: 200 * time.Millisecond}, 0)
	if err != nil {
		t.Fatal(err)
	}
	// One worker back to back: throughput × mean latency is 1.
	if busy := run.Throughput * run.Latency.Mean / 1e9; busy < 0.85 || busy > 1.1 {
		t.Fatalf("throughput %.0f/s × mean latency %.2fms = %.2f, want about 1: the window holds time without calls", run.Throughput, run.Latency.Mean/1e6, busy)
	}
}

var sink []*[2]int32

// tinyAllocs makes three tiny allocations per call.
type tinyAllocs struct{}

func (tinyAllocs) GetCustomer(context.Context, int64) (service.Customer, error) {
	for range 3 {
		x := new([2]int32)
		sink = append(sink[:0], x)
	}
	return service.Customer{}, nil
}
func (tinyAllocs) PlaceOrder(context.Context, service.PlaceOrderRequest) (service.Order, error) {
	return service.Order{}, nil
}
func (tinyAllocs) ListOrders(context.Context, service.ListOrdersRequest) (service.OrderPage, error) {
	return service.OrderPage{}, nil
}

// Allocations are counted like testing counts them, tiny objects included.
func TestAllocationsCountTinyObjects(t *testing.T) {
	run, err := Drive(context.Background(), Plan{}, tinyAllocs{}, getCustomerScenario(t), 1, Window{Calls: 20000})
	if err != nil {
		t.Fatal(err)
	}
	// The window counts the whole process: on a loaded machine the
	// runtime and earlier tests' goroutines add a little; the old method
	// counted about 1.5 (tiny blocks, not objects).
	if a := run.Cost.AllocsPerCall; a < 2.9 || a > 4.5 {
		t.Fatalf("%.2f allocations per call, want 3 (three tiny objects, and the driver allocates nothing)", a)
	}
}

// The server's CPU is read in nanoseconds, not in /proc's 10 ms ticks: a
// shell that burns some 25 ms between two readings reads within a
// millisecond of the kernel's own nanosecond account of it.
func TestTreeMeterResolution(t *testing.T) {
	for _, tt := range []struct {
		name string
		make func(pid int) (cpuMeter, error)
	}{
		{"cgroup", func(pid int) (cpuMeter, error) { return newCgroupMeter(pid) }},
		{"proc", func(pid int) (cpuMeter, error) { m := &procMeter{}; m.root.Store(int64(pid)); return m, nil }},
	} {
		t.Run(tt.name, func(t *testing.T) { testMeterResolution(t, tt.make) })
	}
}

func testMeterResolution(t *testing.T, make func(pid int) (cpuMeter, error)) {
	cmd := exec.Command("sh", "-c", `read x; i=0; while [ $i -lt 40000 ]; do i=$((i+1)); done; echo done; read y`)
	stdin, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	m, err := make(cmd.Process.Pid)
	if err != nil {
		t.Skipf("not available here: %v", err)
	}
	defer m.close()
	m0, s0 := mustRead(t, m), schedstat(t, cmd.Process.Pid)
	fmt.Fprintln(stdin, "go")
	if _, err := bufio.NewReader(stdout).ReadString('\n'); err != nil {
		t.Fatal(err)
	}
	m1, s1 := mustRead(t, m), schedstat(t, cmd.Process.Pid)
	got, want := m1-m0, s1-s0
	if want < 5*time.Millisecond {
		t.Skipf("the shell burned only %v", want)
	}
	if d := got - want; d < -time.Millisecond || d > time.Millisecond {
		t.Fatalf("%s read %v over the burn, the kernel %v", m.source(), got, want)
	}
	t.Logf("%s read %v over the burn, the kernel %v", m.source(), got, want)
}

func mustRead(t *testing.T, m cpuMeter) time.Duration {
	t.Helper()
	v, err := m.read()
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// schedstat is the kernel's nanosecond CPU time of a single-threaded
// process.
func schedstat(t *testing.T, pid int) time.Duration {
	t.Helper()
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/schedstat", pid))
	if err != nil {
		t.Fatal(err)
	}
	ns, err := strconv.ParseInt(strings.Fields(string(b))[0], 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return time.Duration(ns)
}

// Latencies beyond the histogram's range are counted, not hidden.
func TestClippedValuesAreCounted(t *testing.T) {
	r := newRecorder(false)
	r.record(results.HistMax+1, 0, 0)
	r.record(1000, 0, 0)
	if r.clipped != 1 || r.lat.Max() < results.HistMax/2 {
		t.Fatalf("clipped %d, max %d", r.clipped, r.lat.Max())
	}
	p := Plan{Transports: []string{"x"}, CallTimeout: MaxCallTimeout + time.Second}
	p.Defaults()
	if err := p.Validate(); err == nil || !strings.Contains(err.Error(), "call timeout") {
		t.Fatalf("a timeout the histogram cannot hold was accepted: %v", err)
	}
}

// A driver killed before it closed its meters leaves empty cgroups named
// after its PID; the next meter removes those whose driver is gone, and
// no other.
func TestCgroupLeftoversAreRemoved(t *testing.T) {
	parent := t.TempDir()
	dead := exec.Command("true")
	if err := dead.Run(); err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{ // name → removed
		fmt.Sprintf("intbench-%d-1", dead.Process.Pid): true,
		fmt.Sprintf("intbench-%d-1", os.Getpid()):      false,
		"intbench-1-3": false, // init runs
		"intbench-x-1": false,
	}
	for n := range names {
		if err := os.Mkdir(filepath.Join(parent, n), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	removeLeftovers(parent)
	for n, removed := range names {
		_, err := os.Stat(filepath.Join(parent, n))
		if gone := os.IsNotExist(err); gone != removed {
			t.Errorf("%s: removed %v, want %v", n, gone, removed)
		}
	}
}

// A server that never gets ready (or a run interrupted while it starts)
// leaves no cgroup behind: the meter made for it is closed with it.
func TestFailedLaunchClosesItsMeter(t *testing.T) {
	if _, _, err := ownCgroup(); err != nil {
		t.Skipf("no cgroup meter here: %v", err)
	}
	tr, err := transports.Lookup("rawtcp")
	if err != nil {
		t.Fatal(err)
	}
	exe := filepath.Join(t.TempDir(), "never-ready")
	if err := os.WriteFile(exe, []byte("#!/bin/sh\nexec sleep 30\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	pattern := fmt.Sprintf("intbench-%d-*", os.Getpid())
	before := cgroupsMatching(pattern)
	_, err = Process{Exe: exe, StartTimeout: 200 * time.Millisecond}.Launch(t.Context(), tr, ServeSpec{Backend: BackendMemory})
	if err == nil || !strings.Contains(err.Error(), "not ready") {
		t.Fatalf("launch of a server that never gets ready: %v", err)
	}
	if left := cgroupsMatching(pattern); len(left) > len(before) {
		t.Fatalf("cgroups left by the failed launch: %v (before: %v)", left, before)
	}
}

func cgroupsMatching(pattern string) []string {
	var all []string
	for _, p := range []string{"/sys/fs/cgroup/" + pattern, "/sys/fs/cgroup/*/" + pattern} {
		m, _ := filepath.Glob(p)
		all = append(all, m...)
	}
	return all
}
