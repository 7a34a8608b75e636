package pgserver

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// start starts a server for t (skipped with INTBENCH_NO_PG=1) and closes
// it when t ends.
func start(t *testing.T, opts Options) *Server {
	t.Helper()
	if os.Getenv("INTBENCH_NO_PG") == "1" {
		t.Skip("INTBENCH_NO_PG=1")
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	begin := time.Now()
	s, err := Start(ctx, opts)
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	t.Logf("server started in %v", time.Since(begin).Round(time.Millisecond))
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return s
}

func ping(t *testing.T, dsn string) error {
	t.Helper()
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var one int
	return db.QueryRowContext(ctx, "SELECT 1").Scan(&one)
}

// noExternal makes Start ignore an external server named by the
// environment.
func noExternal(t *testing.T) {
	t.Setenv(EnvDSN, "")
	t.Setenv(EnvDatabaseURL, "")
}

func TestStartCreateDropClose(t *testing.T) {
	noExternal(t)
	s := start(t, Options{})
	if s.External() {
		t.Fatal("External() = true for a started server")
	}
	ctx := context.Background()
	if err := ping(t, s.URL("postgres")); err != nil {
		t.Fatalf("ping postgres: %v", err)
	}
	if err := s.CreateDatabase(ctx, "tpl", ""); err != nil {
		t.Fatalf("CreateDatabase: %v", err)
	}
	if err := s.CreateDatabase(ctx, "copy", "tpl"); err != nil {
		t.Fatalf("CreateDatabase from template: %v", err)
	}
	if err := ping(t, s.URL("copy")); err != nil {
		t.Fatalf("ping copy: %v", err)
	}
	for _, db := range []string{"copy", "tpl", "absent"} {
		if err := s.DropDatabase(ctx, db); err != nil {
			t.Fatalf("DropDatabase(%s): %v", db, err)
		}
	}
	if err := ping(t, s.URL("copy")); err == nil {
		t.Fatal("dropped database still answers")
	}
	dir := s.proc.dir
	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("cluster directory %s still there after Close: %v", dir, err)
	}
	if err := s.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
	if err := s.CreateDatabase(ctx, "late", ""); !errors.Is(err, errClosed) {
		t.Fatalf("CreateDatabase after Close: %v, want errClosed", err)
	}
}

func TestTwoServers(t *testing.T) {
	noExternal(t)
	if os.Getenv("INTBENCH_NO_PG") == "1" {
		t.Skip("INTBENCH_NO_PG=1")
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var wg sync.WaitGroup
	servers := make([]*Server, 2)
	errs := make([]error, 2)
	for i := range servers {
		wg.Go(func() { servers[i], errs[i] = Start(ctx, Options{}) })
	}
	wg.Wait()
	for i, s := range servers {
		if errs[i] != nil {
			t.Errorf("Start: %v", errs[i])
			continue
		}
		t.Cleanup(func() {
			if err := s.Close(); err != nil {
				t.Errorf("Close: %v", err)
			}
		})
	}
	if t.Failed() {
		return
	}
	if servers[0].URL("x") == servers[1].URL("x") {
		t.Fatalf("both servers at %s", servers[0].URL("x"))
	}
	for _, s := range servers {
		if err := ping(t, s.URL("postgres")); err != nil {
			t.Errorf("ping %s: %v", s.URL("postgres"), err)
		}
	}
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (w *syncBuffer) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}

func (w *syncBuffer) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.String()
}

func TestLogOption(t *testing.T) {
	noExternal(t)
	var log syncBuffer
	start(t, Options{Log: &log})
	if !strings.Contains(log.String(), "database system is ready") {
		t.Fatalf("log lacks the ready line:\n%s", log.String())
	}
}

func TestUnavailable(t *testing.T) {
	noExternal(t)
	t.Setenv(EnvBin, t.TempDir())
	_, err := Start(context.Background(), Options{})
	if !errors.Is(err, ErrUnavailable) {
		t.Fatalf("Start without binaries: %v, want ErrUnavailable", err)
	}
	for _, want := range []string{"postgresql-15", EnvDSN} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
}

func TestExternal(t *testing.T) {
	noExternal(t)
	own := start(t, Options{})
	tests := []struct {
		name, env string
	}{
		{"INTBENCH_PG_DSN", EnvDSN},
		{"DATABASE_URL", EnvDatabaseURL},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			noExternal(t)
			t.Setenv(tt.env, own.URL("postgres"))
			s := start(t, Options{})
			if !s.External() {
				t.Fatal("External() = false")
			}
			if got, want := s.URL("db1"), own.URL("db1"); got != want {
				t.Fatalf("URL = %s, want %s", got, want)
			}
			ctx := context.Background()
			if err := s.CreateDatabase(ctx, "ext_"+strings.ToLower(tt.name), ""); err != nil {
				t.Fatalf("CreateDatabase: %v", err)
			}
			if err := s.DropDatabase(ctx, "ext_"+strings.ToLower(tt.name)); err != nil {
				t.Fatalf("DropDatabase: %v", err)
			}
			if err := s.Close(); err != nil {
				t.Fatalf("Close: %v", err)
			}
			if err := ping(t, own.URL("postgres")); err != nil {
				t.Fatalf("Close of the external server stopped it: %v", err)
			}
		})
	}
}

func TestExternalUnreachable(t *testing.T) {
	noExternal(t)
	t.Setenv(EnvDSN, "postgres://u:secret@127.0.0.1:1/db?sslmode=disable&connect_timeout=2")
	_, err := Start(context.Background(), Options{})
	if err == nil {
		t.Fatal("Start with an unreachable external server succeeded")
	}
	if strings.Contains(err.Error(), "secret") {
		t.Fatalf("error leaks the password: %v", err)
	}
}

func TestWithDatabase(t *testing.T) {
	tests := []struct {
		dsn, db, want string
	}{
		{"postgres://u:p@h:5432/old?sslmode=disable", "new", "postgres://u:p@h:5432/new?sslmode=disable"},
		{"postgresql://h/", "x", "postgresql://h/x"},
		{"host=h user=u dbname=old", "new", "host=h user=u dbname=old dbname='new'"},
		{"host=h", "it's", `host=h dbname='it\'s'`},
	}
	for _, tt := range tests {
		if got := withDatabase(tt.dsn, tt.db); got != tt.want {
			t.Errorf("withDatabase(%q, %q) = %q, want %q", tt.dsn, tt.db, got, tt.want)
		}
	}
}

func TestFindBinariesIn(t *testing.T) {
	full, half := t.TempDir(), t.TempDir()
	for _, f := range []string{filepath.Join(full, "initdb"), filepath.Join(full, "postgres"), filepath.Join(half, "initdb")} {
		if err := os.WriteFile(f, []byte("#!/bin/sh\n"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		dir     string
		wantErr bool
	}{
		{full, false},
		{half, true},
		{filepath.Join(full, "absent"), true},
	}
	for _, tt := range tests {
		b, err := findBinaries(tt.dir)
		if (err != nil) != tt.wantErr {
			t.Errorf("findBinaries(%s) error = %v, want error %v", tt.dir, err, tt.wantErr)
		}
		if err == nil && b.postgres != filepath.Join(tt.dir, "postgres") {
			t.Errorf("findBinaries(%s).postgres = %s", tt.dir, b.postgres)
		}
	}
}

func TestURL(t *testing.T) {
	p := &process{port: 5433}
	u, err := url.Parse(p.url("orders"))
	if err != nil {
		t.Fatal(err)
	}
	if u.Host != "127.0.0.1:5433" || u.Path != "/orders" || u.Query().Get("sslmode") != "disable" {
		t.Fatalf("url = %s", u)
	}
}

func TestStartCancelledLeavesNothing(t *testing.T) {
	noExternal(t)
	if os.Getenv("INTBENCH_NO_PG") == "1" {
		t.Skip("INTBENCH_NO_PG=1")
	}
	tests := []struct {
		name  string
		after time.Duration
	}{
		{"before start", 0},
		{"during start", 150 * time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tmp, err := os.MkdirTemp("", "pgserver-test-")
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = os.RemoveAll(tmp) })
			if err := os.Chmod(tmp, 0o755); err != nil { // the server's user must reach it
				t.Fatal(err)
			}
			t.Setenv("TMPDIR", tmp)
			ctx, cancel := context.WithCancel(context.Background())
			time.AfterFunc(tt.after, cancel)
			defer cancel()
			begin := time.Now()
			s, err := Start(ctx, Options{})
			if err == nil {
				_ = s.Close()
				t.Skip("the server started before the cancellation")
			}
			if took := time.Since(begin); took > 10*time.Second {
				t.Fatalf("cancelled Start took %v", took)
			}
			left, _ := filepath.Glob(filepath.Join(tmp, "*"))
			if len(left) != 0 {
				t.Fatalf("cancelled Start left %v", left)
			}
		})
	}
}

func TestCheck(t *testing.T) {
	tests := []struct {
		name, dsn, bin string
		wantErr        bool
	}{
		{"no binaries, no url", "", t.TempDir(), true},
		{"external url", "postgres://u@127.0.0.1:1/x", t.TempDir(), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv(EnvDSN, tt.dsn)
			t.Setenv(EnvDatabaseURL, "")
			t.Setenv(EnvBin, tt.bin)
			err := Check()
			if (err != nil) != tt.wantErr || (err != nil && !errors.Is(err, ErrUnavailable)) {
				t.Fatalf("Check() = %v, want error %v wrapping ErrUnavailable", err, tt.wantErr)
			}
		})
	}
}

func TestWithAddr(t *testing.T) {
	tests := []struct {
		dsn, host, port, want string
	}{
		{"postgres://u:p@127.0.0.1:5433/db?sslmode=disable", "127.0.0.1", "6000", "postgres://u:p@127.0.0.1:6000/db?sslmode=disable"},
		{"postgresql://h/db", "::1", "7", "postgresql://[::1]:7/db"},
		{"host=h port=1 dbname=db", "p", "2", "host=h port=1 dbname=db host='p' port='2'"},
	}
	for _, tt := range tests {
		if got := withAddr(tt.dsn, tt.host, tt.port); got != tt.want {
			t.Errorf("withAddr(%q, %q, %q) = %q, want %q", tt.dsn, tt.host, tt.port, got, tt.want)
		}
	}
}

func TestAddr(t *testing.T) {
	tests := []struct {
		name    string
		s       *Server
		want    string
		wantErr bool
	}{
		{"started", &Server{proc: &process{port: 5433}}, "127.0.0.1:5433", false},
		{"url", &Server{dsn: "postgres://u@db.example:6432/x", external: true}, "db.example:6432", false},
		{"url without port", &Server{dsn: "postgresql://u@db.example/x", external: true}, "db.example:5432", false},
		{"url without host", &Server{dsn: "postgres:///x?host=/run/postgresql", external: true}, "", true},
		{"key=value", &Server{dsn: "host=h port=1", external: true}, "", true},
	}
	for _, tt := range tests {
		got, err := tt.s.Addr()
		if got != tt.want || (err != nil) != tt.wantErr {
			t.Errorf("%s: Addr() = %q, %v; want %q, error %v", tt.name, got, err, tt.want, tt.wantErr)
		}
	}
}
