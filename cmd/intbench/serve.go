package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/netip"
	"time"

	"github.com/intbench/intbench/internal/backend"
	"github.com/intbench/intbench/results"
	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/transports"
)

type serveOptions struct {
	transport string
	listen    string
	backend   string
	maxBody   int64
	settings  string
	dbURL     string
	seed      *service.SeedConfig
}

func runServe(ctx context.Context, args []string, out, errOut io.Writer) error {
	fs := newFlagSet("serve", errOut)
	var o serveOptions
	fs.StringVar(&o.transport, "transport", "", "pattern to serve (see \"intbench list\"); required")
	fs.StringVar(&o.listen, "listen", "127.0.0.1:0", "host:port to listen on; port 0 picks a free one")
	fs.StringVar(&o.backend, "backend", "", "memory or postgres (default memory; postgres for shareddb)")
	fs.Int64Var(&o.maxBody, "max-body", transports.DefaultMaxBodyBytes, "largest request body the server accepts, in bytes")
	fs.StringVar(&o.settings, "settings-file", "", "write the server's settings as JSON to this file before the ready line")
	fs.StringVar(&o.dbURL, "database-url", "", "serve this seeded PostgreSQL database (one \"intbench run\" prepared) instead of starting a server")
	o.seed = seedFlags(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	tr, err := o.validate()
	if err != nil {
		return err
	}
	startCtx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	be, err := o.open(startCtx)
	cancel()
	if err != nil {
		return err
	}
	defer be.Close()
	srv, err := tr.Serve(ctx, transports.ServeConfig{Listen: o.listen, Limits: transports.Limits{MaxBodyBytes: o.maxBody}, Backend: be.Backend})
	if err != nil {
		return fmt.Errorf("serve %s: %w", tr.Name(), err)
	}
	if err := writeSettings(o.settings, srv); err != nil {
		return errors.Join(err, srv.Close())
	}
	if !loopbackOnly(o.listen) && !transports.NeedsPostgres(tr) {
		fmt.Fprintf(errOut, "intbench serve: warning: listening on %s (%s), which other hosts can reach: "+
			"the service has no authentication; use --listen 127.0.0.1:PORT to keep it on this machine\n", o.listen, srv.Addr())
	}
	fmt.Fprintf(out, "%s listening on %s\n", tr.Name(), srv.Addr())
	<-ctx.Done()
	fmt.Fprintf(errOut, "intbench serve: shutting down %s\n", tr.Name())
	return srv.Close()
}

// open builds the backend: the named database, or a fresh seeded one.
func (o *serveOptions) open(ctx context.Context) (*backend.Backend, error) {
	if o.dbURL != "" {
		return backend.FromURL(ctx, o.dbURL)
	}
	ds, err := service.Generate(*o.seed)
	if err != nil {
		return nil, err
	}
	return backend.Open(ctx, o.backend, ds)
}

func (o *serveOptions) validate() (transports.Transport, error) {
	if o.transport == "" {
		return nil, errors.New("--transport is required (see \"intbench list\")")
	}
	tr, err := transports.Lookup(o.transport)
	if err != nil {
		return nil, err
	}
	if o.backend == "" {
		o.backend = backend.Memory
		if transports.NeedsPostgres(tr) {
			o.backend = backend.Postgres
		}
	}
	switch {
	case o.backend != backend.Memory && o.backend != backend.Postgres:
		return nil, fmt.Errorf("--backend %q: want memory or postgres", o.backend)
	case o.backend == backend.Memory && transports.NeedsPostgres(tr):
		return nil, fmt.Errorf("%s needs --backend postgres: its server is the database", tr.Name())
	case o.maxBody <= 0:
		return nil, fmt.Errorf("--max-body %d: want a positive number of bytes", o.maxBody)
	case o.dbURL != "" && o.backend != backend.Postgres:
		return nil, fmt.Errorf("--database-url needs --backend postgres, not %q", o.backend)
	}
	return tr, nil
}

// loopbackOnly reports whether a server listening on listen (host:port)
// can be reached from this machine only: the host is a loopback address,
// or a name all of whose addresses are. An empty host, 0.0.0.0 or :: is
// every interface.
func loopbackOnly(listen string) bool {
	host, _, err := net.SplitHostPort(listen)
	if err != nil || host == "" {
		return false
	}
	if ip, err := netip.ParseAddr(host); err == nil {
		return ip.IsLoopback()
	}
	ips, err := net.LookupIP(host)
	if err != nil || len(ips) == 0 {
		return false
	}
	for _, ip := range ips {
		if !ip.IsLoopback() {
			return false
		}
	}
	return true
}

// writeSettings writes the server's settings as JSON to path, if a path is
// given.
func writeSettings(path string, srv transports.Server) error {
	if path == "" {
		return nil
	}
	b, err := json.Marshal(transports.SettingsOf(srv))
	if err != nil {
		return fmt.Errorf("settings: %w", err)
	}
	// Atomic, as every file intbench writes: the engine reads it after
	// the ready line, and a crash must not leave half a file behind.
	if err := results.WriteFileAtomic(path, func(w io.Writer) error { _, err := w.Write(b); return err }); err != nil {
		return fmt.Errorf("settings: %w", err)
	}
	return nil
}
