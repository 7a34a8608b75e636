// Package evolutiontest is the test scaffolding of the changes and the
// kits: one session per change package, Pin, which pins a pattern's
// outcomes, and Limits, which checks that a v2 server holds the limits
// every server shares.
package evolutiontest

import (
	"context"
	"os"
	"slices"
	"testing"

	"github.com/intbench/intbench/evolution"
	"github.com/intbench/intbench/results"
)

// Want is a pinned outcome of a pattern under a change: of its v1 client
// against the v2 server (per client flavour, "" being the pattern's own),
// and of its v2 client against the v1 server.
type Want struct {
	OldClient map[string]string // flavour → outcome
	NewClient string
	// NewFields, when set, are the fields the v2 client's cell names
	// (results.EvolutionCell.Fields): what a silent cell lost.
	NewFields []string
}

// testSession is the session a change's tests share; TestMain of a change
// package sets it with RunTests.
var testSession *evolution.Session

// RunTests runs a change package's tests with one session for all of
// them: call it from TestMain.
func RunTests(m *testing.M) int {
	s, err := evolution.Start(context.Background())
	if err != nil {
		// Tests that need it fail with the reason.
		startErr = err
		return m.Run()
	}
	testSession = s
	code := m.Run()
	if err := s.Close(); err != nil && code == 0 {
		os.Stderr.WriteString("evolution: close: " + err.Error() + "\n")
		code = 1
	}
	return code
}

var startErr error

// Pin checks pattern's outcomes under change against want, so that a
// library upgrade that changes a behaviour shows up as a failing test. It
// logs every cell's detail.
func Pin(t *testing.T, change, pattern string, want Want) {
	t.Helper()
	if testSession == nil {
		t.Fatalf("no session (call evolution.RunTests from TestMain): %v", startErr)
	}
	cells, err := testSession.Cells(context.Background(), pattern, change)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cells {
		exp := want.NewClient
		if c.Direction == results.OldClientNewServer {
			exp = want.OldClient[c.Client]
		}
		t.Logf("%s %s: %s: %s", c.Row(), c.Direction, c.Outcome, c.Detail)
		if c.Outcome != exp {
			t.Errorf("%s, %s: %s (%s), want %s", c.Row(), c.Direction, c.Outcome, c.Detail, exp)
		}
		if c.Direction == results.NewClientOldServer && want.NewFields != nil && !slices.Equal(c.Fields, want.NewFields) {
			t.Errorf("%s, %s: fields %q, want %q", c.Row(), c.Direction, c.Fields, want.NewFields)
		}
	}
}
