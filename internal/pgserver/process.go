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

// process is a started cluster: its directory and postgres child.
type process struct {
	dir    string
	port   int
	log    *os.File
	cmd    *exec.Cmd
	exited chan struct{} // closed when cmd.Wait returns
}

// startProcess creates a cluster in a new temporary directory and starts
// postgres on it.
func startProcess(ctx context.Context, bins binaries, logw io.Writer) (_ *process, err error) {
	cred, err := runAs()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "intbench-pg-")
	if err != nil {
		return nil, fmt.Errorf("pgserver: create cluster directory: %w", err)
	}
	p := &process{dir: dir}
	defer func() {
		if err != nil {
			_ = p.cleanup()
		}
	}()
	if p.log, err = os.Create(filepath.Join(dir, "server.log")); err != nil {
		return nil, fmt.Errorf("pgserver: create log: %w", err)
	}
	if cred != nil {
		if err := os.Chown(dir, int(cred.Uid), int(cred.Gid)); err != nil {
			return nil, fmt.Errorf("pgserver: hand cluster directory to uid %d: %w", cred.Uid, err)
		}
	}
	out := io.Writer(p.log)
	if logw != nil {
		out = io.MultiWriter(p.log, logw)
	}
	if err := p.initdb(ctx, bins.initdb, cred, out); err != nil {
		return nil, err
	}
	for try := 1; ; try++ {
		err := p.run(ctx, bins.postgres, cred, out)
		if err == nil || try == startTries || ctx.Err() != nil || !errors.Is(err, errExited) {
			return p, err
		}
	}
}

func (p *process) dataDir() string { return filepath.Join(p.dir, "data") }

func (p *process) initdb(ctx context.Context, path string, cred *syscall.Credential, out io.Writer) error {
	cmd := exec.CommandContext(ctx, path,
		"-D", p.dataDir(), "-U", superuser, "-A", "trust",
		"-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions")
	cmd.Stdout, cmd.Stderr = out, out
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred, Setpgid: true, Pdeathsig: syscall.SIGTERM}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) } // initdb's children too
	cmd.WaitDelay = killTimeout
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("pgserver: initdb: %w\n%s", err, p.logTail())
	}
	return nil
}

var errExited = errors.New("pgserver: postgres exited during start-up")

// run starts postgres on a free port and waits until it accepts
// connections.
func (p *process) run(ctx context.Context, path string, cred *syscall.Credential, out io.Writer) error {
	port, err := freePort()
	if err != nil {
		return err
	}
	p.port = port
	cmd := exec.Command(path, p.serverArgs()...)
	cmd.Stdout, cmd.Stderr = out, out
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred, Setpgid: true, Pdeathsig: syscall.SIGTERM}
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

// serverArgs are the settings of a throw-away server: durability is
// traded for speed (the cluster is deleted on Close anyway).
func (p *process) serverArgs() []string {
	sockets := p.dir
	if len(sockets) > maxSocketDir { // Unix socket paths are limited to 107 bytes
		sockets = ""
	}
	return []string{
		"-D", p.dataDir(),
		"-p", strconv.Itoa(p.port),
		"-c", "listen_addresses=127.0.0.1",
		"-c", "unix_socket_directories=" + sockets,
		"-c", "max_connections=400",
		"-c", "fsync=off",
		"-c", "synchronous_commit=off",
		"-c", "full_page_writes=off",
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
	if p.cmd == nil {
		return nil
	}
	select {
	case <-p.exited:
		return nil
	default:
	}
	_ = p.cmd.Process.Signal(syscall.SIGINT)
	select {
	case <-p.exited:
		return nil
	case <-time.After(stopTimeout):
	}
	_ = syscall.Kill(-p.cmd.Process.Pid, syscall.SIGKILL)
	select {
	case <-p.exited:
		return nil
	case <-time.After(killTimeout):
		return fmt.Errorf("pgserver: postgres (pid %d) did not exit after SIGKILL", p.cmd.Process.Pid)
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
