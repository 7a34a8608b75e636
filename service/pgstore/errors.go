package pgstore

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"syscall"

	"github.com/lib/pq"

	"github.com/intbench/intbench/service"
)

// SQLSTATE codes the store acts on.
const (
	codeForeignKeyViolation = "23503"
)

// classes of SQLSTATE that mean the server cannot serve now: connection
// exception, insufficient resources, operator intervention (shutdown,
// cancel), and transaction rollback (serialisation failure, deadlock).
var unavailableClasses = map[pq.ErrorClass]bool{"08": true, "53": true, "57": true, "40": true}

// wrapErr classifies err from operation op into the service's taxonomy:
// the context first, then SQLSTATE, then transport failures. It never
// looks at error text.
func wrapErr(ctx context.Context, op string, err error) error {
	switch kind := classify(ctx, err); kind {
	case service.KindInternal:
		return fmt.Errorf("pgstore: %s: %w: %w", op, service.ErrInternal, err)
	default:
		return fmt.Errorf("pgstore: %s: %w: %w", op, kind.Sentinel(), err)
	}
}

func classify(ctx context.Context, err error) service.Kind {
	switch {
	case errors.Is(ctx.Err(), context.DeadlineExceeded), errors.Is(err, context.DeadlineExceeded):
		return service.KindDeadlineExceeded
	case ctx.Err() != nil, errors.Is(err, context.Canceled):
		return service.KindUnavailable
	}
	var pe *pq.Error
	if errors.As(err, &pe) {
		if unavailableClasses[pe.Code.Class()] {
			return service.KindUnavailable
		}
		return service.KindInternal
	}
	if errors.Is(err, os.ErrDeadlineExceeded) {
		return service.KindDeadlineExceeded
	}
	var ne net.Error
	switch {
	case errors.Is(err, driver.ErrBadConn), errors.Is(err, sql.ErrConnDone),
		errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF),
		errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.ECONNRESET),
		errors.Is(err, syscall.EPIPE), errors.Is(err, net.ErrClosed), errors.As(err, &ne):
		return service.KindUnavailable
	}
	return service.KindInternal
}

// isForeignKeyViolation reports whether err is SQLSTATE 23503.
func isForeignKeyViolation(err error) bool {
	var pe *pq.Error
	return errors.As(err, &pe) && pe.Code == codeForeignKeyViolation
}
