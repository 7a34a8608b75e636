package main

import (
	"context"
	"flag"
	"io"
	"strings"
	"testing"

	"github.com/intbench/intbench/internal/fuzzx"
)

// planBudget: 1.5 times the worst case measured, rounded up: 1,086
// bytes a byte for a flow sequence of one-letter values (`a,`: a token
// and a node each in the parser, then as many flag values and errors of
// the run's plan), 400 for a line of commas; such runs are seeds, so go
// test checks that the budget holds them. Fixed: the run command's flags
// and its validated plan.
var planBudget = fuzzx.Budget{PerByte: 1664, Fixed: 128 << 10}

// FuzzPlanFile feeds src to the plan-file loader of the run command, then
// builds its plan as run does: errors name the file, nothing panics.
func FuzzPlanFile(f *testing.F) {
	f.Fuzz(func(t *testing.T, src []byte) {
		fs := flag.NewFlagSet("run", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		o := runFlags(fs)
		planFileFlag(fs)
		var err error
		planBudget.Call(t, len(src), func(context.Context) {
			if err = applyPlan(fs, "plan.yaml", src); err == nil {
				o.faultDefaults(fs)
				_ = o.build()
			}
		})
		if err != nil && !strings.HasPrefix(err.Error(), "plan.yaml") {
			t.Fatalf("error does not name the file: %v", err)
		}
	})
}
