package bench

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/intbench/intbench/internal/backend"
	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/transports"
)

// Launcher serves a pattern for a run.
type Launcher interface {
	Launch(ctx context.Context, tr transports.Transport, backendName string, seed service.SeedConfig) (*Served, error)
}

// Served is a running server.
type Served struct {
	// Addr is what clients dial.
	Addr string
	// CPU returns the server's cumulative CPU time (its whole process
	// tree, PostgreSQL included); nil when the server runs in this process
	// and its CPU cannot be told apart from the driver's.
	CPU func() (time.Duration, error)
	// Where says how the server runs: "in-process", "child-process" or
	// "external".
	Where string
	// Settings is the server's own description of its configuration, when
	// it gives one.
	Settings map[string]string
	close    func() error
}

// Close stops the server.
func (s *Served) Close() error {
	if s.close == nil {
		return nil
	}
	return s.close()
}

// InProcess serves patterns in the driver's own process: what `go test
// -bench` does. Client and server then share CPU and garbage collector.
type InProcess struct{}

// Launch starts tr over a fresh backend in this process.
func (InProcess) Launch(ctx context.Context, tr transports.Transport, backendName string, seed service.SeedConfig) (*Served, error) {
	ds, err := service.Generate(seed)
	if err != nil {
		return nil, err
	}
	be, err := backend.Open(ctx, backendName, ds)
	if err != nil {
		return nil, fmt.Errorf("bench: %w", err)
	}
	srv, err := tr.Serve(ctx, transports.ServeConfig{Backend: be.Backend})
	if err != nil {
		return nil, errors.Join(fmt.Errorf("bench: serve %s: %w", tr.Name(), err), be.Close())
	}
	return &Served{Addr: srv.Addr(), Where: "in-process", Settings: transports.SettingsOf(srv), close: func() error {
		return errors.Join(srv.Close(), be.Close())
	}}, nil
}

// target is a server someone else runs.
func target(addr string) *Served { return &Served{Addr: addr, Where: "external"} }
