package bench

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/intbench/intbench/transports"
)

// Process serves each pattern in a child "intbench serve" process, so the
// server's CPU is attributable and it does not share the driver's garbage
// collector.
type Process struct {
	// Exe is the intbench binary (os.Executable() of the CLI).
	Exe string
	// StartTimeout bounds the wait for the ready line; 0 means 2 minutes.
	StartTimeout time.Duration
}

// Launch starts "Exe serve" for tr and waits for its ready line.
func (p Process) Launch(ctx context.Context, tr transports.Transport, spec ServeSpec) (*Served, error) {
	settingsFile, err := os.CreateTemp("", "intbench-settings-*.json")
	if err != nil {
		return nil, fmt.Errorf("bench: %w", err)
	}
	settingsFile.Close()
	defer os.Remove(settingsFile.Name())
	c := &child{p: p, name: tr.Name(), args: serveArgs(tr, spec, settingsFile.Name())}
	addr, err := c.start(ctx, "127.0.0.1:0")
	if err != nil {
		// Its meter's cgroup too: an interrupt during start-up left one.
		if c.meter != nil {
			err = errors.Join(err, c.meter.close())
		}
		return nil, err
	}
	// A restarted server need not write its settings again (the file is
	// gone by then).
	c.args = serveArgs(tr, spec, "")
	return &Served{Addr: addr, Where: WhereChild, close: c.stop, restart: c.restart, Settings: readSettings(settingsFile.Name()),
		ExternalDatabase: spec.ExternalDatabase, PID: c.pid(), cpu: c.meter}, nil
}

// child is a running "intbench serve" process, which the restart fault
// kills and starts again on the same address.
type child struct {
	p     Process
	name  string
	args  []string
	meter cpuMeter

	mu   sync.Mutex
	cmd  *exec.Cmd
	addr string
}

// start runs the server listening on listen and waits for its ready line.
func (c *child) start(ctx context.Context, listen string) (string, error) {
	args := append(slices.Clone(c.args), "--listen", listen)
	cmd := exec.Command(c.p.Exe, args...)
	// Own process group, so a terminal's Ctrl-C reaches only the driver,
	// which then stops the child in order; the child dies with the driver.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	stderr := &tailBuffer{max: 8 << 10}
	cmd.Stderr = stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return "", fmt.Errorf("bench: %w", err)
	}
	if err := cmd.Start(); err != nil {
		return "", fmt.Errorf("bench: start %s: %w", c.p.Exe, err)
	}
	// Measure the child before it starts anything of its own, so that a
	// cgroup holds every process it will fork.
	if c.meter == nil {
		c.meter = newTreeMeter(cmd.Process.Pid)
	} else {
		c.meter.adopt(cmd.Process.Pid)
	}
	addr, err := c.p.readReady(ctx, stdout, c.name)
	if err != nil {
		return "", errors.Join(fmt.Errorf("bench: %s server: %w; its stderr: %s", c.name, err, stderr.String()), stopChild(cmd))
	}
	go func() { _, _ = io.Copy(io.Discard, stdout) }()
	c.mu.Lock()
	c.cmd, c.addr = cmd, addr
	c.mu.Unlock()
	return addr, nil
}

func (c *child) pid() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.cmd.Process.Pid
}

// restart kills the server's process group (kill -9: no goodbye to its
// clients) and starts it again on the same address.
func (c *child) restart(ctx context.Context) error {
	c.mu.Lock()
	cmd, addr := c.cmd, c.addr
	c.mu.Unlock()
	_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	_ = cmd.Wait()
	if _, err := c.start(ctx, addr); err != nil {
		return fmt.Errorf("bench: restart %s: %w", c.name, err)
	}
	return nil
}

func (c *child) stop() error {
	c.mu.Lock()
	cmd := c.cmd
	c.mu.Unlock()
	return stopChild(cmd)
}

// serveArgs are the arguments of "intbench serve" for spec.
func serveArgs(tr transports.Transport, spec ServeSpec, settingsFile string) []string {
	args := []string{"serve", "--transport", tr.Name(), "--backend", spec.Backend}
	if settingsFile != "" {
		args = append(args, "--settings-file", settingsFile)
	}
	if spec.Backend == BackendPostgres {
		return append(args, "--database-url", spec.DatabaseURL)
	}
	seed := spec.Seed
	return append(args, "--seed", strconv.FormatUint(seed.Seed, 10), "--customers", strconv.Itoa(seed.Customers),
		"--orders-per-customer", strconv.Itoa(seed.OrdersPerCustomer),
		"--heavy-customers", strconv.Itoa(seed.HeavyCustomers), "--heavy-orders", strconv.Itoa(seed.HeavyOrders))
}

func (p Process) readReady(ctx context.Context, r io.Reader, name string) (string, error) {
	timeout := p.StartTimeout
	if timeout == 0 {
		timeout = 2 * time.Minute
	}
	type line struct {
		s   string
		err error
	}
	ch := make(chan line, 1)
	go func() {
		s, err := bufio.NewReader(r).ReadString('\n')
		ch <- line{s, err}
	}()
	t := time.NewTimer(timeout)
	defer t.Stop()
	select {
	case l := <-ch:
		if l.err != nil {
			return "", fmt.Errorf("no ready line: %w", l.err)
		}
		addr, ok := strings.CutPrefix(strings.TrimSpace(l.s), name+" listening on ")
		if !ok {
			return "", fmt.Errorf("unexpected ready line %q", l.s)
		}
		return addr, nil
	case <-t.C:
		return "", fmt.Errorf("not ready after %v", timeout)
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

// readSettings reads the settings the child wrote before its ready line;
// a child that wrote none (an older binary) just has none.
func readSettings(path string) map[string]string {
	b, err := os.ReadFile(path)
	if err != nil || len(b) == 0 {
		return nil
	}
	var m map[string]string
	if json.Unmarshal(b, &m) != nil {
		return nil
	}
	return m
}

// stopChild asks the child to shut down and kills it if it does not.
func stopChild(cmd *exec.Cmd) error {
	_ = cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			return fmt.Errorf("bench: server exit: %w", err)
		}
		return nil
	case <-time.After(15 * time.Second):
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		<-done
		return errors.New("bench: server did not stop within 15s; killed")
	}
}

// tailBuffer keeps the last max bytes written to it.
type tailBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
	max int
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf.Write(p)
	if over := t.buf.Len() - t.max; over > 0 {
		t.buf.Next(over)
	}
	return len(p), nil
}

func (t *tailBuffer) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return strings.TrimSpace(t.buf.String())
}
