// Package conformance is the test suite every integration pattern runs, in
// the manner of testing/fstest.TestFS: one call from a pattern's tests
// proves it behaves exactly like the reference core, on the in-memory and
// the PostgreSQL backend.
//
//	func TestConformance(t *testing.T) { conformance.Run(t, rest.New()) }
//
// PostgreSQL is started by the suite itself (see internal/pgserver); set
// INTBENCH_PG_DSN to use an existing server, or INTBENCH_NO_PG=1 to skip the
// PostgreSQL backend explicitly. Without either, a missing PostgreSQL fails
// the test rather than silently skipping it.
package conformance

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/intbench/intbench/internal/backend"
	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/transports"
)

// Seed is the data set the suite serves: small, with two heavy customers
// whose orders span several pages.
var Seed = service.SeedConfig{Seed: 7, Customers: 60, OrdersPerCustomer: 3, HeavyCustomers: 2, HeavyOrders: 23}

// callTimeout bounds every call the suite makes, so a broken transport
// fails a test instead of hanging it.
const callTimeout = 20 * time.Second

// Run runs the suite against tr, once per backend tr supports, with the
// default profile's client; and on the first backend once more with the
// hardened profile's (see hardenedConfig).
func Run(t *testing.T, tr transports.Transport) {
	t.Helper()
	ds := service.MustGenerate(Seed)
	t.Run(tr.Name(), func(t *testing.T) {
		if !transports.NeedsPostgres(tr) {
			t.Run("backend=memory", func(t *testing.T) {
				runProfiles(t, tr, ds, func(t *testing.T) *backend.Backend { return backend.NewMemory(ds) }, true)
			})
		}
		t.Run("backend=postgres", func(t *testing.T) {
			if os.Getenv("INTBENCH_NO_PG") == "1" {
				t.Skip("INTBENCH_NO_PG=1: PostgreSQL backend skipped on request")
			}
			pg := startPostgres(t, ds)
			runProfiles(t, tr, ds, func(t *testing.T) *backend.Backend {
				ctx, cancel := context.WithTimeout(context.Background(), callTimeout)
				defer cancel()
				b, err := pg.NewDatabase(ctx)
				if err != nil {
					t.Fatalf("new database: %v", err)
				}
				return b
			}, transports.NeedsPostgres(tr))
		})
	})
}

// runProfiles runs the cases with the default profile's client and, if
// hardened, again under "profile=hardened".
func runProfiles(t *testing.T, tr transports.Transport, ds service.Dataset, nb newBackend, hardened bool) {
	runCases(t, tr, ds, nb, transports.ClientConfig{})
	if hardened {
		t.Run("profile=hardened", func(t *testing.T) { runCases(t, tr, ds, nb, hardenedConfig(t)) })
	}
}

// hardenedConfig is the hardened profile with the suite's own call and
// dial timeouts: the profile's one second is too tight for a race-enabled
// run on a loaded machine, and the suite checks behaviour, not timing (the
// deadline paths have tests of their own).
func hardenedConfig(t *testing.T) transports.ClientConfig {
	t.Helper()
	cfg, err := transports.LookupProfile(transports.ProfileHardened)
	if err != nil {
		t.Fatal(err)
	}
	cfg.CallTimeout, cfg.DialTimeout = callTimeout, callTimeout
	return cfg
}

func startPostgres(t *testing.T, ds service.Dataset) *backend.Cluster {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	pg, err := backend.StartPostgres(ctx, ds)
	if err != nil {
		t.Fatalf("postgres backend: %v", err)
	}
	t.Cleanup(func() {
		if err := pg.Close(); err != nil {
			t.Errorf("close postgres: %v", err)
		}
	})
	return pg
}

// fixture is one server of the pattern over a fresh backend, and a client.
type fixture struct {
	ds     service.Dataset
	server transports.Server
	client transports.Client
	config transports.ClientConfig
}

type newBackend func(t *testing.T) *backend.Backend

// start serves a fresh backend over tr and dials it with cc. Everything is
// closed when t ends.
func start(t *testing.T, tr transports.Transport, ds service.Dataset, nb newBackend, cc transports.ClientConfig) *fixture {
	t.Helper()
	b := nb(t)
	t.Cleanup(func() {
		if err := b.Close(); err != nil {
			t.Errorf("close backend: %v", err)
		}
	})
	be := b.Backend
	hang := make(chan struct{})
	be.Service = injector{Service: be.Service, hang: hang}
	ctx, cancel := context.WithTimeout(context.Background(), callTimeout)
	defer cancel()
	srv, err := tr.Serve(ctx, transports.ServeConfig{Backend: be})
	if err != nil {
		t.Fatalf("serve: %v", err)
	}
	t.Cleanup(func() {
		if err := srv.Close(); err != nil {
			t.Errorf("close server: %v", err)
		}
	})
	t.Cleanup(func() { close(hang) }) // before the server closes
	cl, err := tr.Dial(ctx, srv.Addr(), transports.DialConfig{Client: cc})
	if err != nil {
		t.Fatalf("dial %s: %v", srv.Addr(), err)
	}
	t.Cleanup(func() {
		if err := cl.Close(); err != nil {
			t.Errorf("close client: %v", err)
		}
	})
	return &fixture{ds: ds, server: srv, client: cl, config: cc}
}

func callCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), callTimeout)
	t.Cleanup(cancel)
	return ctx
}

type testCase struct {
	name string
	run  func(t *testing.T, f *fixture)
	// own means the case needs a fixture of its own (it closes things).
	own bool
}

func runCases(t *testing.T, tr transports.Transport, ds service.Dataset, nb newBackend, cc transports.ClientConfig) {
	shared := start(t, tr, ds, nb, cc)
	for _, c := range allCases(tr) {
		t.Run(c.name, func(t *testing.T) {
			f := shared
			if c.own {
				f = start(t, tr, ds, nb, cc)
			}
			c.run(t, f)
		})
	}
}

func allCases(tr transports.Transport) []testCase {
	cases := append(readCases(), writeCases()...)
	cases = append(cases, lifecycleCases()...)
	if !transports.NeedsPostgres(tr) {
		// A pattern with a server of its own must carry every error kind
		// across the wire, and give up a call its server never answers;
		// shareddb has no server of its own (pgstore's tests cover a
		// silent PostgreSQL).
		cases = append(cases, testCase{name: "ErrorKindsRoundTrip", run: testErrorKinds},
			testCase{name: "CancelWhileWaiting", run: testCancelWhileWaiting, own: true})
	}
	return cases
}
