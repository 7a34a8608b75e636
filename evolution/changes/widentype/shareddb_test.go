package widentype

import (
	"testing"

	"github.com/intbench/intbench/evolution/evolutiontest"
	"github.com/intbench/intbench/results"
)

// int and bigint convert both ways for values in range: the v1 consumer
// scans bigint[] into 32-bit quantities, and the v2 consumer's bigint[]
// is assigned to an int column. A quantity beyond 32 bits written by a v2
// consumer would fail the v1 consumer's scan (not in the matrix's data).
func TestSharedDB(t *testing.T) {
	evolutiontest.Pin(t, Name, "shareddb", evolutiontest.Want{
		OldClient: map[string]string{"": results.Compatible},
		NewClient: results.Compatible,
	})
}
