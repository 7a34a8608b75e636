package results

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"
)

// historyDocs are five documents at five commits, a day apart, the
// fourth slower; the third commit was measured twice (pooled), and the
// last lacks a key.
func historyDocs(t *testing.T) []*Document {
	t.Helper()
	base := renderDoc(t)
	base.Cells = base.Cells[:3] // three keys: enough, and quick to summarise
	var docs []*Document
	for i, f := range []float64{1, 1.02, 0.99, 0.8, 1.01} {
		d := scaled(t, base, func(r *Run) { r.Throughput *= f; r.Latency.P99 = int64(float64(r.Latency.P99) / f) })
		d.Env.Commit = fmt.Sprintf("%02d%s", i, strings.Repeat("ab", 19))
		d.Created = base.Created.Add(time.Duration(i) * 24 * time.Hour)
		if i == 4 {
			d.Cells = d.Cells[1:]
		}
		docs = append(docs, d)
		if i == 2 {
			again := scaled(t, d, func(*Run) {})
			again.Created = d.Created.Add(time.Hour)
			docs = append(docs, again)
		}
	}
	// Out of order on input: the history orders by time.
	docs[0], docs[3] = docs[3], docs[0]
	return docs
}

func TestHistoryPoints(t *testing.T) {
	points, err := HistoryPoints(historyDocs(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(points) != 5 {
		t.Fatalf("%d points, want 5 commits", len(points))
	}
	for i, p := range points {
		if !strings.HasPrefix(p.Doc.Env.Commit, fmt.Sprintf("%02d", i)) {
			t.Errorf("point %d is commit %s: not in time order", i, p.Doc.Env.Commit)
		}
	}
	if n := len(points[2].Doc.Cells[0].Runs); n != 12 {
		t.Errorf("the commit measured twice has %d runs, want both documents' 12", n)
	}
}

func TestHistoryGolden(t *testing.T) {
	docs := historyDocs(t)
	for _, d := range docs {
		d.Cells = d.Cells[:min(2, len(d.Cells))] // two keys keep the golden file small
	}
	var buf bytes.Buffer
	if err := WriteHistory(&buf, docs); err != nil {
		t.Fatal(err)
	}
	golden(t, "history.html.golden", buf.Bytes())
	rep := openInBrowser(t, buf.Bytes(), 1280)
	checkCharts(t, rep, 1280, strings.Count(buf.String(), `<svg class="chart"`))
	if !strings.Contains(rep.Text, "5 commits") {
		t.Errorf("the page does not say how many commits it covers")
	}
}
