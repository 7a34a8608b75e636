package bench

import (
	"testing"

	"go.uber.org/goleak"
)

// TestMain fails the engine's tests when a goroutine outlives them: load
// loops, watchdogs, pacers, proxies, servers and clients must all be gone
// when a run returns.
func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }
