package thrift

import (
	"testing"

	"go.uber.org/goleak"
)

// TestMain fails the package's tests when a goroutine outlives them: every
// server, client and connection a test starts must be gone by its end.
func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }
