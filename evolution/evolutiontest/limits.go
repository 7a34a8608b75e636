package evolutiontest

import (
	"context"
	"errors"
	"testing"

	"github.com/intbench/intbench/evolution"
	"github.com/intbench/intbench/transports"
	"github.com/intbench/intbench/transports/conformance"
)

// Limits runs transports/conformance's limits suite against side's
// server (pattern's v2): connections over MaxConns reset at once, the
// read-header, read and idle timeouts, as every pattern's server holds
// them. w is as for the pattern, in side's contract. A kit serves its v2
// sides with the pattern's own server set-up, so this checks that the
// ServeConfig's limits reach it.
func Limits(t *testing.T, pattern string, side evolution.Side, w conformance.Wire) {
	t.Helper()
	conformance.Limits(t, served{pattern, side}, w)
}

// served is a side as a transports.Transport that is only served.
type served struct {
	name string
	evolution.Side
}

func (s served) Name() string { return s.name + " v2" }

func (served) Dial(context.Context, string, transports.DialConfig) (transports.Client, error) {
	return nil, errors.New("evolutiontest: a v2 side's server only")
}
