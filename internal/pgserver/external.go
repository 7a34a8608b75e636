package pgserver

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"strings"
)

// externalDSN returns INTBENCH_PG_DSN, else DATABASE_URL, else "".
func externalDSN() string {
	if dsn := os.Getenv(EnvDSN); dsn != "" {
		return dsn
	}
	return os.Getenv(EnvDatabaseURL)
}

// startExternal checks that the server at dsn answers.
func startExternal(ctx context.Context, dsn string) (*Server, error) {
	s := &Server{dsn: dsn, external: true}
	db, err := s.adminDB()
	if err == nil {
		err = db.PingContext(ctx)
	}
	if err != nil {
		_ = s.Close()
		return nil, fmt.Errorf("pgserver: external server %s: %w", redact(dsn), err)
	}
	return s, nil
}

// withDatabase returns dsn with its database replaced by dbname. URLs get
// a new path; key=value DSNs get a trailing dbname (the last key wins).
func withDatabase(dsn, dbname string) string {
	if u, err := url.Parse(dsn); err == nil && (u.Scheme == "postgres" || u.Scheme == "postgresql") {
		u.Path, u.RawPath = "/"+dbname, ""
		return u.String()
	}
	return strings.TrimSpace(dsn) + " dbname=" + quoteValue(dbname)
}

// quoteValue quotes a value of a key=value DSN.
func quoteValue(v string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(v) + "'"
}

// redact hides the password of a URL DSN for error messages.
func redact(dsn string) string {
	if u, err := url.Parse(dsn); err == nil && u.Scheme != "" {
		return u.Redacted()
	}
	return "(key=value DSN)"
}
