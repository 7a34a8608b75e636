package renumberfield

import (
	"testing"

	"github.com/intbench/intbench/evolution/evolutiontest"
	"github.com/intbench/intbench/results"
)

func TestSOAP(t *testing.T) {
	evolutiontest.Pin(t, Name, "soap", evolutiontest.Want{OldClient: map[string]string{"": results.NotApplicable}, NewClient: results.NotApplicable})
}
