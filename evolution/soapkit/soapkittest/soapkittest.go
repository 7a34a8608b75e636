// Package soapkittest checks a change's SOAP contract in the change's
// tests: that its XML mapping follows its WSDL (soapkit.Contract.Check),
// and that its WSDL is v1's with the change applied and nothing else.
package soapkittest

import (
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/intbench/intbench/evolution/soapkit"
)

// Edit is how a v2 WSDL differs from v1's: the lines removed and added,
// without their indentation, in order.
type Edit struct {
	Removed, Added []string
}

// Check fails t when c's mapping and WSDL disagree or when c's WSDL
// differs from v1's (transports/soap/wsdl/orders.wsdl) by other lines
// than want's.
func Check(t *testing.T, c soapkit.Contract, want Edit) {
	t.Helper()
	if err := c.Check(); err != nil {
		t.Errorf("the XML mapping does not follow the v2 WSDL:\n%v", err)
	}
	v1, err := os.ReadFile(v1WSDL())
	if err != nil {
		t.Fatalf("soapkittest: %v", err)
	}
	got := Diff(string(v1), c.WSDL)
	if !slices.Equal(got.Removed, want.Removed) || !slices.Equal(got.Added, want.Added) {
		t.Errorf("the v2 WSDL is v1's with\n removed %q\n added %q\nwant removed %q\n added %q", got.Removed, got.Added, want.Removed, want.Added)
	}
}

// v1WSDL is the path of v1's WSDL in the source tree.
func v1WSDL() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "..", "transports", "soap", "wsdl", "orders.wsdl")
}

// Diff returns the lines (trimmed, blank ones left out) that a longest
// common subsequence of a's and b's leaves in a (removed) and in b
// (added).
func Diff(a, b string) Edit {
	x, y := lines(a), lines(b)
	// lcs[i][j] is the length of the longest common subsequence of x[i:]
	// and y[j:].
	lcs := make([][]int, len(x)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(y)+1)
	}
	for i := len(x) - 1; i >= 0; i-- {
		for j := len(y) - 1; j >= 0; j-- {
			if x[i] == y[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var e Edit
	i, j := 0, 0
	for i < len(x) || j < len(y) {
		switch {
		case i < len(x) && j < len(y) && x[i] == y[j]:
			i, j = i+1, j+1
		case j == len(y) || i < len(x) && lcs[i+1][j] >= lcs[i][j+1]:
			e.Removed = append(e.Removed, x[i])
			i++
		default:
			e.Added = append(e.Added, y[j])
			j++
		}
	}
	return e
}

func lines(s string) []string {
	var out []string
	for l := range strings.Lines(s) {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}
