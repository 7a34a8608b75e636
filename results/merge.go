package results

import (
	"fmt"
)

// Merge combines documents measured with the same plan on different
// occasions (for example `--count 5` in several sittings): runs of cells
// with the same key are pooled and re-summarised, other cells are kept.
// The first document's environment and plan are kept; environments that
// differ in Go version, CPU or commit are refused, since their runs do not
// measure the same thing.
func Merge(docs ...*Document) (*Document, error) {
	if len(docs) == 0 {
		return nil, fmt.Errorf("results: merge: no documents")
	}
	out := &Document{Schema: Schema, Created: docs[0].Created, Env: docs[0].Env, Plan: docs[0].Plan}
	byKey := map[string]*Cell{}
	var order []string
	for i, d := range docs {
		if err := sameEnvironment(docs[0].Env, d.Env); err != nil {
			return nil, fmt.Errorf("results: merge document %d: %w", i+1, err)
		}
		for _, c := range d.Cells {
			m, ok := byKey[c.Key]
			if !ok {
				cp := c
				cp.Runs = append([]Run(nil), c.Runs...)
				byKey[c.Key] = &cp
				order = append(order, c.Key)
				continue
			}
			m.Runs = append(m.Runs, c.Runs...)
		}
		out.Failures = append(out.Failures, d.Failures...)
	}
	for _, k := range order {
		c := byKey[k]
		if err := c.Summarize(); err != nil {
			return nil, err
		}
		out.Cells = append(out.Cells, *c)
	}
	return out, nil
}

func sameEnvironment(a, b Environment) error {
	switch {
	case a.GoVersion != b.GoVersion:
		return fmt.Errorf("go version %s vs %s", a.GoVersion, b.GoVersion)
	case a.CPU != b.CPU || a.NumCPU != b.NumCPU:
		return fmt.Errorf("cpu %s x%d vs %s x%d", a.CPU, a.NumCPU, b.CPU, b.NumCPU)
	case a.Commit != b.Commit:
		return fmt.Errorf("commit %q vs %q", a.Commit, b.Commit)
	}
	return nil
}
