package pgserver

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

const readyPoll = 10 * time.Millisecond

// waitReady polls the server until it accepts a connection, it exits, ctx
// ends or readyTimeout passes.
func (p *process) waitReady(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, readyTimeout)
	defer cancel()
	db, err := sql.Open("postgres", p.url(adminDB)+"&connect_timeout=2")
	if err != nil {
		return fmt.Errorf("pgserver: open probe connection: %w", err)
	}
	defer db.Close()
	tick := time.NewTicker(readyPoll)
	defer tick.Stop()
	for {
		err := db.PingContext(ctx)
		if err == nil {
			return nil
		}
		select {
		case <-p.exited:
			return errExited
		case <-ctx.Done():
			return fmt.Errorf("pgserver: postgres not ready: %w (last error: %v)", ctx.Err(), err)
		case <-tick.C:
		}
	}
}
