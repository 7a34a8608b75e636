package pgserver

import (
	"context"
	"fmt"
	"time"
)

// settingsTimeout bounds Settings when ctx has no earlier deadline.
const settingsTimeout = 10 * time.Second

// Settings returns the server's version and durability settings as the
// server itself reports them (SHOW), for the results document: keys
// server_version, synchronous_commit, fsync and full_page_writes. An
// external server reports what it was configured with.
func (s *Server) Settings(ctx context.Context) (map[string]string, error) {
	ctx, cancel := context.WithTimeout(ctx, settingsTimeout)
	defer cancel()
	db, err := s.adminDB()
	if err != nil {
		return nil, err
	}
	names := []string{"server_version", "synchronous_commit", "fsync", "full_page_writes"}
	values := make([]string, len(names))
	err = db.QueryRowContext(ctx, `SELECT current_setting('server_version'), current_setting('synchronous_commit'),
		current_setting('fsync'), current_setting('full_page_writes')`).Scan(&values[0], &values[1], &values[2], &values[3])
	if err != nil {
		return nil, fmt.Errorf("pgserver: read settings: %w", err)
	}
	out := make(map[string]string, len(names))
	for i, n := range names {
		out[n] = values[i]
	}
	return out, nil
}
