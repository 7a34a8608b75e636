package bench

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/intbench/intbench/internal/backend"
	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/transports"
)

// Launcher serves a pattern for a run.
type Launcher interface {
	Launch(ctx context.Context, tr transports.Transport, spec ServeSpec) (*Served, error)
}

// ServeSpec is what a launched server serves: the memory backend over the
// seeded data set, or a PostgreSQL database the engine prepared.
type ServeSpec struct {
	Backend string
	Seed    service.SeedConfig
	// DatabaseURL is the fresh seeded database of a postgres backend.
	DatabaseURL string
	// ExternalDatabase means the database runs on a server the engine
	// did not start (INTBENCH_PG_DSN), whose CPU it cannot measure.
	ExternalDatabase bool
}

// Where a server runs.
const (
	WhereInProcess = "in-process"
	WhereChild     = "child-process"
	WhereExternal  = "external"
)

// Served is a running server.
type Served struct {
	// Addr is what clients dial.
	Addr string
	// Where says how the server runs: WhereInProcess, WhereChild or
	// WhereExternal.
	Where string
	// Settings is the server's own description of its configuration, when
	// it gives one.
	Settings map[string]string
	// ExternalDatabase means the server's database runs elsewhere.
	ExternalDatabase bool
	// PID is the server's process for a child-process server, else 0.
	PID int
	// cpu measures the server's process tree; nil when the server runs in
	// this process (not separable) or elsewhere (unknown).
	cpu   cpuMeter
	close func() error
	// restart stops the server abruptly and starts it again on the same
	// address; nil when it cannot (a target).
	restart func(ctx context.Context) error
}

// Restart stops the server abruptly and serves again on the same address:
// the restart fault (faults.Restarter).
func (s *Served) Restart(ctx context.Context) error {
	if s.restart == nil {
		return errors.New("bench: this server cannot be restarted")
	}
	return s.restart(ctx)
}

// Close stops the server.
func (s *Served) Close() error {
	var err error
	if s.close != nil {
		err = s.close()
	}
	if s.cpu != nil {
		err = errors.Join(err, s.cpu.close())
	}
	return err
}

// InProcess serves patterns in the driver's own process: what `go test
// -bench` does. Client and server then share CPU and garbage collector.
type InProcess struct{}

// Launch starts tr over spec's backend in this process.
func (InProcess) Launch(ctx context.Context, tr transports.Transport, spec ServeSpec) (*Served, error) {
	be, err := openBackend(ctx, spec)
	if err != nil {
		return nil, err
	}
	srv, err := tr.Serve(ctx, transports.ServeConfig{Backend: be.Backend})
	if err != nil {
		return nil, errors.Join(fmt.Errorf("bench: serve %s: %w", tr.Name(), err), be.Close())
	}
	ip := &inProcess{tr: tr, be: be, srv: srv}
	return &Served{Addr: srv.Addr(), Where: WhereInProcess, Settings: transports.SettingsOf(srv), ExternalDatabase: spec.ExternalDatabase,
		close: ip.close, restart: ip.restart}, nil
}

// inProcess is a server in the driver's process. Its restart closes it
// and serves again on the same address: as abrupt as this process allows
// (connections are closed, not left dangling as after kill -9).
type inProcess struct {
	tr  transports.Transport
	be  *backend.Backend
	mu  sync.Mutex
	srv transports.Server
}

func (ip *inProcess) restart(ctx context.Context) error {
	ip.mu.Lock()
	defer ip.mu.Unlock()
	addr := ip.srv.Addr()
	_ = ip.srv.Close()
	srv, err := ip.tr.Serve(ctx, transports.ServeConfig{Listen: addr, Backend: ip.be.Backend})
	if err != nil {
		return fmt.Errorf("bench: restart %s: %w", ip.tr.Name(), err)
	}
	ip.srv = srv
	return nil
}

func (ip *inProcess) close() error {
	ip.mu.Lock()
	defer ip.mu.Unlock()
	return errors.Join(ip.srv.Close(), ip.be.Close())
}

// openBackend builds what an in-process server serves.
func openBackend(ctx context.Context, spec ServeSpec) (*backend.Backend, error) {
	if spec.Backend == BackendPostgres {
		be, err := backend.FromURL(ctx, spec.DatabaseURL)
		if err != nil {
			return nil, fmt.Errorf("bench: %w", err)
		}
		return be, nil
	}
	ds, err := service.Generate(spec.Seed)
	if err != nil {
		return nil, fmt.Errorf("bench: %w", err)
	}
	return backend.NewMemory(ds), nil
}

// target is a server someone else runs.
func target(addr string) *Served { return &Served{Addr: addr, Where: WhereExternal} }
