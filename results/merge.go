package results

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"
	"time"
)

// Source is one document pooled into a merged one.
type Source struct {
	Created  time.Time       `json:"created"`
	Commit   string          `json:"commit,omitempty"`
	Modified bool            `json:"modified,omitempty"`
	Plan     json.RawMessage `json:"plan,omitempty"`
	// Differences lists how this document differs from the first one;
	// they were pooled anyway because the merge was told to.
	Differences []string `json:"differences,omitempty"`
}

// MergeOptions tunes MergeWith.
type MergeOptions struct {
	// AllowDifferences pools documents that are not comparable, listing
	// the differences in the merged document's Sources instead of failing.
	AllowDifferences bool
}

// ErrNotComparable is wrapped by the error of a merge of documents whose
// runs do not measure the same thing.
var ErrNotComparable = errors.New("results: documents are not comparable")

// Merge combines documents measured with the same plan on different
// occasions (for example `--count 5` in several sittings): runs of cells
// with the same key are pooled and re-summarised, other cells are kept.
// Documents that differ in what their runs measure (environment, commit,
// a modified checkout, plan timings, data set, client or server settings)
// are refused with the differences named.
func Merge(docs ...*Document) (*Document, error) { return MergeWith(MergeOptions{}, docs...) }

// MergeWith is Merge with options.
func MergeWith(opts MergeOptions, docs ...*Document) (*Document, error) {
	if len(docs) == 0 {
		return nil, errors.New("results: merge: no documents")
	}
	out := &Document{Schema: Schema, Created: docs[0].Created, Env: docs[0].Env, Plan: docs[0].Plan}
	byKey := map[string]*Cell{}
	var order []string
	var refused []string
	for i, d := range docs {
		diffs := differences(docs[0], d, byKey)
		if len(diffs) > 0 && !opts.AllowDifferences {
			refused = append(refused, fmt.Sprintf("document %d: %s", i+1, strings.Join(diffs, "; ")))
		}
		out.Sources = append(out.Sources, Source{Created: d.Created, Commit: d.Env.Commit, Modified: d.Env.Modified, Plan: d.Plan, Differences: diffs})
		for _, c := range d.Cells {
			if m, ok := byKey[c.Key]; ok {
				m.Runs = append(m.Runs, c.Runs...)
				continue
			}
			cp := c
			cp.Runs = append([]Run(nil), c.Runs...)
			byKey[c.Key] = &cp
			order = append(order, c.Key)
		}
		out.Failures = append(out.Failures, d.Failures...)
	}
	if len(refused) > 0 {
		return nil, fmt.Errorf("%w (pool them anyway with --allow-differences): %s", ErrNotComparable, strings.Join(refused, "; "))
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

// differences names what makes d's runs measure something else than
// first's: the environment, a modified checkout, the plan's timings and
// data set, and the settings of cells both hold.
func differences(first, d *Document, cells map[string]*Cell) []string {
	out := machineDifferences(first.Env, d.Env)
	if a, b := first.Env, d.Env; a.Commit != b.Commit {
		out = append(out, fmt.Sprintf("commit %v vs %v", a.Commit, b.Commit))
	}
	if first != d && (first.Env.Modified || d.Env.Modified) {
		out = append(out, "built from a modified checkout: the code may differ under the same commit")
	}
	return append(out, measureDifferences(first, d, cells)...)
}

// machineDifferences names how two environments differ but in the code
// they ran (commit, modified checkout).
func machineDifferences(a, b Environment) []string {
	var out []string
	for _, f := range []struct {
		name string
		x, y any
	}{
		{"go version", a.GoVersion, b.GoVersion},
		{"cpu", a.CPU, b.CPU},
		{"cpus", a.NumCPU, b.NumCPU},
		{"gomaxprocs", a.GOMAXPROCS, b.GOMAXPROCS},
		{"kernel", a.Kernel, b.Kernel},
	} {
		if f.x != f.y {
			out = append(out, fmt.Sprintf("%s %v vs %v", f.name, f.x, f.y))
		}
	}
	return out
}

// measureDifferences names how d's plan and settings differ from first's
// for the cells both hold.
func measureDifferences(first, d *Document, cells map[string]*Cell) []string {
	out := planDifferences(first.Plan, d.Plan)
	for _, c := range d.Cells {
		if m, ok := cells[c.Key]; ok && !sameSettings(m.Settings, c.Settings) {
			out = append(out, fmt.Sprintf("%s: settings differ (%s)", c.Key, settingsDiff(m.Settings, c.Settings)))
		}
	}
	return out
}

// cellChoice are the plan fields that choose which cells a run has, not
// how each is measured: documents may differ in them.
var cellChoice = map[string]bool{"transports": true, "scenarios": true, "concurrency": true, "count": true, "faults": true, "profiles": true}

// runRecords are settings that record what happened in a run rather than
// how it was set up (when the fault was injected, what ending it said):
// they differ between any two runs and say nothing about comparability.
var runRecords = map[string]bool{"fault.injected": true, "fault.end_error": true}

// sameSettings compares two cells' settings, run records aside.
func sameSettings(a, b map[string]string) bool {
	for k, v := range a {
		if w, ok := b[k]; !runRecords[k] && (!ok || w != v) {
			return false
		}
	}
	for k := range b {
		if _, ok := a[k]; !ok && !runRecords[k] {
			return false
		}
	}
	return true
}

func planDifferences(x, y json.RawMessage) []string {
	var a, b map[string]any
	_ = json.Unmarshal(x, &a)
	_ = json.Unmarshal(y, &b)
	keys := slices.Sorted(maps.Keys(a))
	for k := range b {
		if _, ok := a[k]; !ok {
			keys = append(keys, k)
		}
	}
	var out []string
	for _, k := range keys {
		if !cellChoice[k] && !reflect.DeepEqual(a[k], b[k]) {
			out = append(out, fmt.Sprintf("plan %s %v vs %v", k, jsonText(a[k]), jsonText(b[k])))
		}
	}
	return out
}

func jsonText(v any) string {
	if v == nil {
		return "unset"
	}
	b, _ := json.Marshal(v)
	return string(b)
}

func settingsDiff(a, b map[string]string) string {
	var out []string
	for _, k := range slices.Sorted(maps.Keys(a)) {
		if b[k] != a[k] && !runRecords[k] {
			out = append(out, fmt.Sprintf("%s %q vs %q", k, a[k], b[k]))
		}
	}
	for _, k := range slices.Sorted(maps.Keys(b)) {
		if _, ok := a[k]; !ok && !runRecords[k] {
			out = append(out, fmt.Sprintf("%s unset vs %q", k, b[k]))
		}
	}
	return strings.Join(out, ", ")
}
