package evolution

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/intbench/intbench/internal/backend"
	"github.com/intbench/intbench/results"
	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/service/pgstore"
	"github.com/intbench/intbench/transports"
)

// Plan chooses the matrix: which patterns and which changes. Zero fields
// mean all of them.
type Plan struct {
	Patterns []string
	Changes  []string
}

// Patterns are the integration patterns the matrix compares by default:
// every registered pattern but the raw-TCP floor, which has no contract
// to evolve.
func Patterns() []string {
	var out []string
	for _, n := range transports.Names() {
		if n != "rawtcp" {
			out = append(out, n)
		}
	}
	return out
}

// Seed is the data set every side serves: small, since each cell starts
// fresh servers over fresh databases.
var Seed = service.SeedConfig{Seed: 11, Customers: 40, OrdersPerCustomer: 3, HeavyCustomers: 2, HeavyOrders: 15}

// callTimeout bounds every call of the matrix.
const callTimeout = 10 * time.Second

// Run measures the matrix of p. progress, if not nil, gets a line per
// cell.
func Run(ctx context.Context, p Plan, progress func(string)) (*results.Evolution, error) {
	if progress == nil {
		progress = func(string) {}
	}
	if len(p.Patterns) == 0 {
		p.Patterns = Patterns()
	}
	if len(p.Changes) == 0 {
		p.Changes = Names()
	}
	out := &results.Evolution{}
	for _, n := range p.Changes {
		c, err := Lookup(n)
		if err != nil {
			return nil, err
		}
		out.Changes = append(out.Changes, results.ChangeInfo{Name: c.Name, Summary: c.Summary})
	}
	s, err := Start(ctx)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	for _, pat := range p.Patterns {
		for _, ch := range p.Changes {
			cells, err := s.Cells(ctx, pat, ch)
			if err != nil {
				return out, err
			}
			for _, cell := range cells {
				progress(fmt.Sprintf("%-22s %-18s %-20s %s", cell.Row(), cell.Change, cell.Direction, cell.Outcome))
			}
			out.Cells = append(out.Cells, cells...)
		}
	}
	return out, nil
}

// Session is a PostgreSQL cluster seeded with Seed, from which the matrix's
// cells take fresh databases. Tests share one across a change's patterns.
type Session struct{ m *matrix }

// Start starts a session's cluster.
func Start(ctx context.Context) (*Session, error) {
	ds, err := service.Generate(Seed)
	if err != nil {
		return nil, fmt.Errorf("evolution: %w", err)
	}
	cl, err := backend.StartPostgres(ctx, ds)
	if err != nil {
		return nil, fmt.Errorf("evolution: %w", err)
	}
	return &Session{&matrix{cluster: cl, baselines: map[string]outcomes{}}}, nil
}

// Cells measures pattern under change, in both directions (and for each
// client flavour of the pattern).
func (s *Session) Cells(ctx context.Context, pattern, change string) ([]results.EvolutionCell, error) {
	tr, err := transports.Lookup(pattern)
	if err != nil {
		return nil, fmt.Errorf("evolution: %w", err)
	}
	c, err := Lookup(change)
	if err != nil {
		return nil, err
	}
	return s.m.cells(ctx, tr, c)
}

// Close stops the cluster.
func (s *Session) Close() error { return s.m.cluster.Close() }

// matrix holds what the cells share: the cluster, and the baselines of
// the v1 clients (the same for every change).
type matrix struct {
	cluster   *backend.Cluster
	baselines map[string]outcomes
}

// cells measures one pattern under one change, in both directions.
func (m *matrix) cells(ctx context.Context, tr transports.Transport, c Change) ([]results.EvolutionCell, error) {
	v := variant(c.Name, tr.Name())
	v1 := V1(tr)
	clients := append([]Flavour{{Dial: v1.Dial}}, flavoursOf(tr.Name())...)
	var out []results.EvolutionCell
	for _, f := range clients {
		cell := results.EvolutionCell{Pattern: tr.Name(), Client: f.Name, Change: c.Name, Direction: results.OldClientNewServer}
		if v.Side == nil {
			out = append(out, na(cell, v.NA))
			continue
		}
		base, err := m.baseline(ctx, tr.Name()+"/"+f.Name, func() (outcomes, error) {
			return m.run(ctx, v1, false, c, f.Dial)
		})
		if err != nil {
			return nil, err
		}
		got, err := m.run(ctx, v.Side, v.Migrate, c, f.Dial)
		if err != nil {
			return nil, err
		}
		out = append(out, judge(cell, base, got))
	}
	cell := results.EvolutionCell{Pattern: tr.Name(), Change: c.Name, Direction: results.NewClientOldServer}
	if v.Side == nil {
		return append(out, na(cell, v.NA)), nil
	}
	base, err := m.run(ctx, v.Side, v.Migrate, c, v.Side.Dial)
	if err != nil {
		return nil, err
	}
	got, err := m.run(ctx, v1, false, c, v.Side.Dial)
	if err != nil {
		return nil, err
	}
	return append(out, judge(cell, base, tolerate(base, got, c.Tolerate))), nil
}

func na(cell results.EvolutionCell, why string) results.EvolutionCell {
	cell.Outcome, cell.Detail = results.NotApplicable, why
	return cell
}

func (m *matrix) baseline(ctx context.Context, key string, run func() (outcomes, error)) (outcomes, error) {
	if b, ok := m.baselines[key]; ok {
		return b, nil
	}
	b, err := run()
	if err == nil {
		m.baselines[key] = b
	}
	return b, err
}

// run serves side over a fresh database (with the change's migration and
// v2 store when migrate is set), dials it with dial and makes the
// operations. Its error is the harness's own (no server, no database);
// what the calls got is in the outcomes.
func (m *matrix) run(ctx context.Context, side Side, migrate bool, c Change, dial func(context.Context, string) (Client, error)) (outcomes, error) {
	be, cleanup, err := m.backend(ctx, c, migrate)
	if err != nil {
		return nil, err
	}
	defer cleanup()
	srv, err := side.Serve(ctx, transports.ServeConfig{Backend: be})
	if err != nil {
		return nil, fmt.Errorf("evolution: serve %s: %w", c.Name, err)
	}
	defer srv.Close()
	// A client that connects (and prepares) when it dials gets the same
	// bound as a call: a stalled server must not hang the matrix.
	dctx, cancel := context.WithTimeout(ctx, callTimeout)
	client, err := dial(dctx, srv.Addr())
	cancel()
	if err != nil {
		return outcomes{{op: "dial", err: err}}, nil
	}
	defer client.Close()
	return operate(ctx, client), nil
}

// backend makes a fresh seeded database for one side.
func (m *matrix) backend(ctx context.Context, c Change, v2 bool) (transports.Backend, func(), error) {
	name, drop, err := m.cluster.CreateDatabase(ctx)
	if err != nil {
		return transports.Backend{}, nil, fmt.Errorf("evolution: %w", err)
	}
	url := m.cluster.URL(name)
	db, err := sql.Open("postgres", url)
	if err != nil {
		return transports.Backend{}, nil, errors.Join(fmt.Errorf("evolution: %w", err), drop())
	}
	cleanup := func() { _ = db.Close(); _ = drop() }
	if v2 && c.Migration != "" {
		if _, err := db.ExecContext(ctx, c.Migration); err != nil {
			cleanup()
			return transports.Backend{}, nil, fmt.Errorf("evolution: %s migration: %w", c.Name, err)
		}
	}
	store, err := m.store(ctx, c, v2, db)
	if err != nil {
		cleanup()
		return transports.Backend{}, nil, err
	}
	return transports.Backend{Service: service.NewCore(store), DSN: url}, cleanup, nil
}

func (m *matrix) store(ctx context.Context, c Change, v2 bool, db *sql.DB) (service.Store, error) {
	if v2 && c.Store != nil {
		return c.Store(ctx, db)
	}
	s, err := pgstore.New(ctx, db)
	if err != nil && v2 {
		// The v1 store cannot prepare its statements over the migrated
		// schema (a column renamed or dropped, tables moved): no server
		// over it could start. Only a side that serves no service of its
		// own can serve this schema: the shared database, whose server
		// is the schema. Any other side's calls fail with the reason.
		return unpreparable{fmt.Errorf("evolution: %s: the v1 store cannot run over the migrated schema: %w", c.Name, err)}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("evolution: %w", err)
	}
	return unowned{s}, nil
}

// unpreparable is a store that could not be made: every call fails with
// why.
type unpreparable struct{ err error }

func (u unpreparable) Customer(context.Context, int64) (service.Customer, error) {
	return service.Customer{}, u.err
}

func (u unpreparable) CreateOrder(context.Context, service.Order, string, []byte) (service.Order, []byte, bool, error) {
	return service.Order{}, nil, false, u.err
}

func (u unpreparable) Orders(context.Context, int64, int64, int) ([]service.Order, error) {
	return nil, u.err
}

func (unpreparable) Close() error { return nil }

// unowned keeps a store from closing the database its backend closes.
type unowned struct{ *pgstore.Store }

func (unowned) Close() error { return nil }
