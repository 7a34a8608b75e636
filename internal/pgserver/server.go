package pgserver

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"

	_ "github.com/lib/pq" // registers the "postgres" driver
)

// ErrUnavailable is wrapped by Start's error when no PostgreSQL server can be
// had: no server binaries were found and no external server was named.
var ErrUnavailable = errors.New("pgserver: no PostgreSQL available: install the server " +
	"(Debian: apt-get install postgresql-15) or set INTBENCH_PG_DSN to a server URL " +
	"such as postgres://user:pass@127.0.0.1:5432/postgres?sslmode=disable")

// Environment variables read by Start.
const (
	// EnvDSN names an existing server to use instead of starting one.
	EnvDSN = "INTBENCH_PG_DSN"
	// EnvDatabaseURL is the conventional fallback for EnvDSN.
	EnvDatabaseURL = "DATABASE_URL"
	// EnvBin names the only directory searched for initdb and postgres.
	EnvBin = "INTBENCH_PG_BIN"
)

var errClosed = errors.New("pgserver: server is closed")

// Options configures Start.
type Options struct {
	// Log receives the server's log output; nil discards it. The log is
	// also kept in the server's temporary directory, and its tail is part
	// of the error when the server fails to start.
	Log io.Writer
	// Durable makes a started server keep every acknowledged commit when
	// its processes crash or are restarted with Restart
	// (synchronous_commit and full_page_writes on; fsync stays off, see
	// serverArgs). Commits then cost a WAL write each. It changes nothing
	// on an external server, whose Settings tell what it does.
	Durable bool
}

// Server is a running PostgreSQL server: one started by Start, or an
// external one. It is safe for concurrent use.
type Server struct {
	dsn      string // URL or key=value DSN of the admin database
	external bool
	proc     *process // nil for an external server

	life sync.Mutex // held while Restart or Close changes proc

	mu     sync.Mutex
	admin  *sql.DB // opened on first use
	closed bool

	closeOnce sync.Once
	closeErr  error
}

// Start returns a running server: the external one named by INTBENCH_PG_DSN
// or DATABASE_URL, or else a fresh throw-away cluster. ctx bounds the
// start-up only. Errors wrap ErrUnavailable when no server can be had.
func Start(ctx context.Context, opts Options) (*Server, error) {
	if dsn := externalDSN(); dsn != "" {
		return startExternal(ctx, dsn)
	}
	bins, err := findBinaries(os.Getenv(EnvBin))
	if err != nil {
		return nil, err
	}
	p, err := startProcess(ctx, bins, opts)
	if err != nil {
		return nil, err
	}
	return &Server{dsn: p.url(adminDB), proc: p}, nil
}

// URL returns the postgres:// URL (with sslmode=disable for a started
// server) of database dbname in this server.
func (s *Server) URL(dbname string) string {
	if s.proc != nil {
		return s.proc.url(dbname)
	}
	return withDatabase(s.dsn, dbname)
}

// External reports whether the server was named by INTBENCH_PG_DSN or
// DATABASE_URL rather than started here.
func (s *Server) External() bool { return s.external }

// Close releases the server: a started one is shut down and its directory
// removed; an external one only loses this package's admin connections.
// Calling Close twice is safe.
func (s *Server) Close() error {
	s.closeOnce.Do(func() {
		var errs []error
		s.mu.Lock()
		s.closed = true
		if s.admin != nil {
			errs = append(errs, s.admin.Close())
			s.admin = nil
		}
		s.mu.Unlock()
		if s.proc != nil {
			s.life.Lock()
			errs = append(errs, s.proc.stop())
			s.life.Unlock()
		}
		s.closeErr = errors.Join(errs...)
	})
	return s.closeErr
}

// adminDB returns a small pool on the server's maintenance database.
func (s *Server) adminDB() (*sql.DB, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil, errClosed
	}
	if s.admin == nil {
		db, err := sql.Open("postgres", s.dsn)
		if err != nil {
			return nil, fmt.Errorf("pgserver: open admin connection: %w", err)
		}
		db.SetMaxOpenConns(4)
		db.SetMaxIdleConns(4)
		s.admin = db
	}
	return s.admin, nil
}

// dropAdmin closes the admin pool; adminDB opens a new one when needed.
func (s *Server) dropAdmin() {
	s.mu.Lock()
	db := s.admin
	s.admin = nil
	s.mu.Unlock()
	if db != nil {
		_ = db.Close() // its connections are dead; nothing to report
	}
}

// Check reports, without starting anything, whether Start can have a
// server: an external URL is set or the server binaries are installed. Its
// error wraps ErrUnavailable and says what to install or set.
func Check() error {
	if externalDSN() != "" {
		return nil
	}
	_, err := findBinaries(os.Getenv(EnvBin))
	return err
}
