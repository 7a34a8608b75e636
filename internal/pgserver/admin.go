package pgserver

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/lib/pq"
)

// objectInUse is SQLSTATE 55006: the template has other sessions.
const objectInUse = "55006"

const retryPause = 20 * time.Millisecond

// CreateDatabase creates database name, as a copy of template (or of the
// default template when it is ""). While the template is briefly in use
// by another session it retries until ctx ends.
func (s *Server) CreateDatabase(ctx context.Context, name, template string) error {
	db, err := s.adminDB()
	if err != nil {
		return err
	}
	q := "CREATE DATABASE " + pq.QuoteIdentifier(name)
	if template != "" {
		q += " TEMPLATE " + pq.QuoteIdentifier(template)
	}
	for {
		_, err := db.ExecContext(ctx, q)
		if err == nil {
			return nil
		}
		var pe *pq.Error
		if !errors.As(err, &pe) || pe.Code != objectInUse {
			return fmt.Errorf("pgserver: create database %s: %w", name, err)
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("pgserver: create database %s: %w (%w)", name, ctx.Err(), err)
		case <-time.After(retryPause):
		}
	}
}

// DropDatabase drops database name if it exists, ending its sessions.
func (s *Server) DropDatabase(ctx context.Context, name string) error {
	db, err := s.adminDB()
	if err != nil {
		return err
	}
	if _, err := db.ExecContext(ctx, "DROP DATABASE IF EXISTS "+pq.QuoteIdentifier(name)+" WITH (FORCE)"); err != nil {
		return fmt.Errorf("pgserver: drop database %s: %w", name, err)
	}
	return nil
}
