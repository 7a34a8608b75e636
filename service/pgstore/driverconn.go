package pgstore

import (
	"context"
	"database/sql/driver"
	"errors"
	"net"
	"sync"
	"time"
)

// closeTimeout bounds the network writes of calls without a context:
// closing statements and connections.
const closeTimeout = 5 * time.Second

// cancelGrace is how long a cancelled operation may still wait for
// PostgreSQL to acknowledge lib/pq's cancel request before its network
// waits are cut short.
const cancelGrace = 50 * time.Millisecond

// pqConn is the set of interfaces a lib/pq connection implements and the
// wrapper forwards.
type pqConn interface {
	driver.Conn
	driver.ConnBeginTx
	driver.ConnPrepareContext
	driver.QueryerContext
	driver.ExecerContext
	driver.Pinger
	driver.SessionResetter
	driver.Validator
	driver.NamedValueChecker
}

// conn wraps a lib/pq connection and sets the deadline of its net.Conn
// from the context of every operation: lib/pq reacts to a done context by
// sending a cancel request and then waits for the server's answer, which
// never comes when the network has gone silent.
type conn struct {
	pq pqConn
	nc net.Conn

	mu   sync.Mutex
	gen  uint64      // bumped by every arm; stale cancel callbacks see it
	stop func() bool // unregisters the current cancel callback
	inTx bool        // in a transaction the bounds last until its end
}

var _ pqConn = (*conn)(nil)

func newConn(dc driver.Conn, nc net.Conn) (*conn, error) {
	pc, ok := dc.(pqConn)
	if !ok {
		_ = dc.Close()
		return nil, errors.New("pgstore: lib/pq connection lacks a context-aware interface")
	}
	return &conn{pq: pc, nc: nc}, nil
}

// arm bounds the network waits of the operation that ctx governs: by the
// context's deadline, and by its cancellation. A context with neither
// bounds nothing, as with lib/pq alone.
func (c *conn) arm(ctx context.Context) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	if c.stop != nil {
		c.stop()
		c.stop = nil
	}
	deadline, _ := ctx.Deadline() // zero: none
	_ = c.nc.SetDeadline(deadline)
	if ctx.Done() == nil {
		return
	}
	gen := c.gen
	c.stop = context.AfterFunc(ctx, func() {
		c.mu.Lock()
		defer c.mu.Unlock()
		if c.gen == gen {
			_ = c.nc.SetDeadline(time.Now().Add(cancelGrace))
		}
	})
}

// disarm ends the bounds set by arm once an operation is over, so that a
// context cancelled later does not reach the idle connection.
func (c *conn) disarm() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.inTx {
		return
	}
	c.gen++
	if c.stop != nil {
		c.stop()
		c.stop = nil
	}
	_ = c.nc.SetDeadline(time.Time{})
}

// armClose bounds a call that has no context.
func (c *conn) armClose() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.inTx {
		return
	}
	c.gen++
	if c.stop != nil {
		c.stop()
		c.stop = nil
	}
	_ = c.nc.SetDeadline(time.Now().Add(closeTimeout))
}

// Prepare prepares without a context; lib/pq's own code paths use it.
func (c *conn) Prepare(query string) (driver.Stmt, error) {
	return c.PrepareContext(context.Background(), query)
}

// PrepareContext prepares a statement whose executions are bounded too.
func (c *conn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	c.arm(ctx)
	defer c.disarm()
	s, err := c.pq.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	return &stmt{Stmt: s, c: c}, nil
}

// Close closes the connection.
func (c *conn) Close() error {
	c.armClose()
	return c.pq.Close()
}

// Begin starts a transaction without a context.
func (c *conn) Begin() (driver.Tx, error) { //nolint:staticcheck // required by driver.Conn
	return c.BeginTx(context.Background(), driver.TxOptions{})
}

// BeginTx starts a transaction. Its statements are bounded by their own
// contexts; Commit and Rollback by the context of the last of them.
func (c *conn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	c.arm(ctx)
	t, err := c.pq.BeginTx(ctx, opts)
	if err != nil {
		c.disarm()
		return nil, err
	}
	c.setInTx(true)
	return &tx{Tx: t, c: c}, nil
}

// QueryContext runs a query; reading its rows stays bounded by ctx.
func (c *conn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	c.arm(ctx)
	return c.rows(c.pq.QueryContext(ctx, query, args))
}

// ExecContext runs a statement.
func (c *conn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	c.arm(ctx)
	defer c.disarm()
	return c.pq.ExecContext(ctx, query, args)
}

// Ping checks the connection.
func (c *conn) Ping(ctx context.Context) error {
	c.arm(ctx)
	defer c.disarm()
	return c.pq.Ping(ctx)
}

func (c *conn) setInTx(in bool) {
	c.mu.Lock()
	c.inTx = in
	c.mu.Unlock()
}

// rows wraps a query's rows so that closing them disarms c.
func (c *conn) rows(r driver.Rows, err error) (driver.Rows, error) {
	if err != nil {
		c.disarm()
		return nil, err
	}
	return &rows{Rows: r, c: c}, nil
}

// ResetSession is called before the pool reuses the connection.
func (c *conn) ResetSession(ctx context.Context) error { return c.pq.ResetSession(ctx) }

// IsValid reports whether the pool may keep the connection.
func (c *conn) IsValid() bool { return c.pq.IsValid() }

// CheckNamedValue converts arguments as lib/pq does.
func (c *conn) CheckNamedValue(nv *driver.NamedValue) error { return c.pq.CheckNamedValue(nv) }

// tx is a transaction whose end disarms its connection.
type tx struct {
	driver.Tx
	c *conn
}

// Commit commits the transaction.
func (t *tx) Commit() error {
	defer t.end()
	return t.Tx.Commit()
}

// Rollback aborts the transaction.
func (t *tx) Rollback() error {
	defer t.end()
	return t.Tx.Rollback()
}

func (t *tx) end() {
	t.c.setInTx(false)
	t.c.disarm()
}

// rows are a query's rows, bounded until closed.
type rows struct {
	driver.Rows
	c *conn
}

// Close closes the rows and disarms the connection.
func (r *rows) Close() error {
	defer r.c.disarm()
	return r.Rows.Close()
}

// stmt is a prepared statement whose executions arm its connection.
type stmt struct {
	driver.Stmt
	c *conn
}

// ExecContext executes the statement.
func (s *stmt) ExecContext(ctx context.Context, args []driver.NamedValue) (driver.Result, error) {
	s.c.arm(ctx)
	defer s.c.disarm()
	if se, ok := s.Stmt.(driver.StmtExecContext); ok {
		return se.ExecContext(ctx, args)
	}
	return s.Stmt.Exec(values(args)) //nolint:staticcheck // COPY statements have only Exec
}

// QueryContext executes the statement as a query.
func (s *stmt) QueryContext(ctx context.Context, args []driver.NamedValue) (driver.Rows, error) {
	s.c.arm(ctx)
	if sq, ok := s.Stmt.(driver.StmtQueryContext); ok {
		return s.c.rows(sq.QueryContext(ctx, args))
	}
	return s.c.rows(s.Stmt.Query(values(args))) //nolint:staticcheck // COPY statements have only Query
}

// Close closes the statement, bounded in time.
func (s *stmt) Close() error {
	s.c.armClose()
	defer s.c.disarm()
	return s.Stmt.Close()
}

func values(args []driver.NamedValue) []driver.Value {
	v := make([]driver.Value, len(args))
	for i, a := range args {
		v[i] = a.Value
	}
	return v
}
