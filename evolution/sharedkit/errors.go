package sharedkit

import (
	"context"
	"errors"
	"fmt"

	"github.com/lib/pq"

	"github.com/intbench/intbench/service"
)

// wrap classes err from operation op: the context's end first, then
// PostgreSQL's errors (what the statement or the schema refused:
// Internal, with the SQLSTATE kept in the chain), then the network
// (Unavailable). The matrix needs a clear error, not the finer classes of
// pgstore.
func wrap(ctx context.Context, op string, err error) error {
	kind := service.KindUnavailable
	var pe *pq.Error
	switch {
	case errors.Is(ctx.Err(), context.DeadlineExceeded), errors.Is(err, context.DeadlineExceeded):
		kind = service.KindDeadlineExceeded
	case ctx.Err() != nil:
	case errors.As(err, &pe):
		kind = service.KindInternal
	}
	return fmt.Errorf("sharedkit: %s: %w: %w", op, kind.Sentinel(), err)
}

// isForeignKeyViolation reports whether err is SQLSTATE 23503: an order
// of a customer that does not exist.
func isForeignKeyViolation(err error) bool {
	var pe *pq.Error
	return errors.As(err, &pe) && pe.Code == "23503"
}
