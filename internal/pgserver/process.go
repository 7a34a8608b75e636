package pgserver

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"time"
)

const (
	adminDB      = "postgres" // maintenance database of a started server
	superuser    = "postgres" // superuser of a started server
	readyTimeout = 30 * time.Second
	stopTimeout  = 15 * time.Second
	killTimeout  = 5 * time.Second
	startTries   = 3 // attempts to start on a free port (another process may take it)
	maxSocketDir = 90
)

// process is a started cluster: its directory and postgres child, and
// what it takes to start the child again.
type process struct {
	dir     string
	owner   *os.File // holds the directory's owner lock (leftovers.go)
	port    int
	durable bool
	log     *os.File
	out     io.Writer           // the log, and the caller's copy of it
	bin     string              // the postgres program
	cred    *syscall.Credential // whom postgres runs as; nil for this process's user
	cmd     *exec.Cmd
	exited  chan struct{} // closed when cmd.Wait returns
}

// startProcess removes the cluster directories that killed runs left
// behind, creates a cluster in a new temporary directory, locked as this
// process's, and starts postgres on it.
func startProcess(ctx context.Context, bins binaries, opts Options) (_ *process, err error) {
	cred, err := runAs()
	if err != nil {
		return nil, err
	}
	for _, dir := range removeLeftovers(os.TempDir()) {
		if opts.Log != nil {
			fmt.Fprintf(opts.Log, "pgserver: removed %s, left by a run that was killed\n", dir)
		}
	}
	dir, err := os.MkdirTemp("", dirPrefix)
	if err != nil {
		return nil, fmt.Errorf("pgserver: create cluster directory: %w", err)
	}
	p := &process{dir: dir, durable: opts.Durable, bin: bins.postgres, cred: cred}
	defer func() {
		if err != nil {
			_ = p.cleanup()
		}
	}()
	if p.owner, err = lockOwner(dir); err != nil {
		return nil, err
	}
	if p.log, err = os.Create(filepath.Join(dir, "server.log")); err != nil {
		return nil, fmt.Errorf("pgserver: create log: %w", err)
	}
	if cred != nil {
		if err := os.Chown(dir, int(cred.Uid), int(cred.Gid)); err != nil {
			return nil, fmt.Errorf("pgserver: hand cluster directory to uid %d: %w", cred.Uid, err)
		}
	}
	p.out = p.log
	if opts.Log != nil {
		p.out = io.MultiWriter(p.log, opts.Log)
	}
	if err := p.initdb(ctx, bins.initdb); err != nil {
		return nil, err
	}
	for try := 1; ; try++ {
		if p.port, err = freePort(); err != nil {
			return nil, err
		}
		err = p.run(ctx)
		if err == nil || try == startTries || ctx.Err() != nil || !errors.Is(err, errExited) {
			return p, err
		}
	}
}

func (p *process) dataDir() string { return filepath.Join(p.dir, "data") }

func (p *process) initdb(ctx context.Context, path string) error {
	cmd := exec.CommandContext(ctx, path,
		"-D", p.dataDir(), "-U", superuser, "-A", "trust",
		"-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions")
	cmd.Stdout, cmd.Stderr = p.out, p.out
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: p.cred, Setpgid: true, Pdeathsig: syscall.SIGTERM}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) } // initdb's children too
	cmd.WaitDelay = killTimeout
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("pgserver: initdb: %w\n%s", err, p.logTail())
	}
	return nil
}

var errExited = errors.New("pgserver: postgres exited during start-up")

// run starts postgres on p.port and waits until it accepts connections.
// p.port is set once, before the Server exists, so that Addr and URL may
// read it while Restart runs.
func (p *process) run(ctx context.Context) error {
	cmd := exec.Command(p.bin, p.serverArgs()...)
	cmd.Stdout, cmd.Stderr = p.out, p.out
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: p.cred, Setpgid: true, Pdeathsig: syscall.SIGTERM}
	cmd.WaitDelay = killTimeout
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("pgserver: start postgres: %w", err)
	}
	exited := make(chan struct{})
	p.cmd, p.exited = cmd, exited
	go func() {
		_ = cmd.Wait() // the exit status of a stopped server tells nothing
		close(exited)
	}()
	if err := p.waitReady(ctx); err != nil {
		_ = p.stopProcess()
		return fmt.Errorf("%w\n%s", err, p.logTail())
	}
	return nil
}

// serverArgs are the settings of a throw-away server. By default
// durability is traded for speed (the cluster is deleted on Close anyway).
//
// A durable server keeps every acknowledged commit across a crash of its
// processes (Restart, or a kill), which is all the faults here simulate.
// synchronous_commit=on makes a commit wait until its WAL record has been
// written out of shared memory, which a crash discards. fsync stays off:
// it only guards against losing the kernel's page cache (the machine
// crashing or losing power), and written data sits in that cache, which
// outlives the server's processes and serves the next postmaster on this
// machine, so crash recovery finds every WAL record a commit waited for.
// full_page_writes=on covers the one way a process crash can tear a
// page: a SIGKILL (Restart's fallback, or the postmaster's own to backends
// slow to quit) can cut an 8 kB page write at a 4 kB kernel page, and
// recovery then rewrites the page from its image in the WAL.
func (p *process) serverArgs() []string {
	sockets := p.dir
	if len(sockets) > maxSocketDir { // Unix socket paths are limited to 107 bytes
		sockets = ""
	}
	durable := "off"
	if p.durable {
		durable = "on"
	}
	return []string{
		"-D", p.dataDir(),
		"-p", strconv.Itoa(p.port),
		"-c", "listen_addresses=127.0.0.1",
		"-c", "unix_socket_directories=" + sockets,
		"-c", "max_connections=400",
		"-c", "fsync=off",
		"-c", "synchronous_commit=" + durable,
		"-c", "full_page_writes=" + durable,
		"-c", "logging_collector=off",
	}
}

func (p *process) url(dbname string) string {
	u := url.URL{
		Scheme:   "postgres",
		User:     url.User(superuser),
		Host:     net.JoinHostPort("127.0.0.1", strconv.Itoa(p.port)),
		Path:     "/" + dbname,
		RawQuery: "sslmode=disable",
	}
	return u.String()
}

// stop shuts the server down and removes its directory.
func (p *process) stop() error {
	return errors.Join(p.stopProcess(), p.cleanup())
}

// stopProcess asks for a fast shutdown (SIGINT) and kills the process
// group when that takes too long.
func (p *process) stopProcess() error {
	_, err := p.signalAndWait(syscall.SIGINT)
	return err
}

// signalAndWait sends sig to postgres and waits for it to exit; when that
// takes longer than stopTimeout it kills the process group and reports
// killed.
func (p *process) signalAndWait(sig syscall.Signal) (killed bool, err error) {
	if p.cmd == nil {
		return false, nil
	}
	select {
	case <-p.exited:
		return false, nil
	default:
	}
	_ = p.cmd.Process.Signal(sig)
	select {
	case <-p.exited:
		return false, nil
	case <-time.After(stopTimeout):
	}
	_ = syscall.Kill(-p.cmd.Process.Pid, syscall.SIGKILL)
	select {
	case <-p.exited:
		return true, nil
	case <-time.After(killTimeout):
		return true, fmt.Errorf("pgserver: postgres (pid %d) did not exit after SIGKILL", p.cmd.Process.Pid)
	}
}

func (p *process) cleanup() error {
	var errs []error
	if p.log != nil {
		errs = append(errs, p.log.Close())
	}
	if err := os.RemoveAll(p.dir); err != nil {
		errs = append(errs, fmt.Errorf("pgserver: remove cluster directory: %w", err))
	}
	if p.owner != nil {
		errs = append(errs, p.owner.Close()) // after the removal: the directory was ours until gone
	}
	return errors.Join(errs...)
}

// logTail returns the end of the server log, for error messages.
func (p *process) logTail() string {
	const n = 2048
	b, err := os.ReadFile(filepath.Join(p.dir, "server.log"))
	if err != nil {
		return "(no server log: " + err.Error() + ")"
	}
	if len(b) > n {
		b = b[len(b)-n:]
	}
	return "server log (tail):\n" + string(b)
}

// freePort returns a TCP port on 127.0.0.1 that was free a moment ago.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("pgserver: find a free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}
