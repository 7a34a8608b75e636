package sharedkit

import (
	"context"

	"github.com/intbench/intbench/evolution"
	"github.com/intbench/intbench/transports"
	"github.com/intbench/intbench/transports/shareddb"
)

// side is the shared database under a change: the provider's database and
// a consumer written against s.
type side struct{ s Schema }

// Side returns the v2 side of the shared database whose consumer's SQL
// and types are s. Register it with Migrate set: its database is the one
// the change's migration made.
func Side(s Schema) evolution.Side { return side{s} }

// Serve hands out the backend's database, as transports/shareddb does:
// the database is the server.
func (side) Serve(ctx context.Context, cfg transports.ServeConfig) (transports.Server, error) {
	return shareddb.New().Serve(ctx, cfg)
}

// Dial starts a consumer of the database at addr (a PostgreSQL URL).
func (s side) Dial(ctx context.Context, addr string) (evolution.Client, error) {
	return open(ctx, addr, s.s)
}
