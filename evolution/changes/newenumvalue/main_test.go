package newenumvalue

import (
	"os"
	"testing"

	"github.com/intbench/intbench/evolution/evolutiontest"
	_ "github.com/intbench/intbench/transports/all"
)

// TestMain shares one PostgreSQL cluster among the change's tests, a test
// per pattern (in <pattern>_test.go) pinning its outcomes.
func TestMain(m *testing.M) { os.Exit(evolutiontest.RunTests(m)) }
