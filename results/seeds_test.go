package results

import (
	"bytes"
	"encoding/base64"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/intbench/intbench/internal/fuzzx"
)

// TestFuzzSeeds keeps the seed corpora in step with the code that makes
// them (rewrite them with -update): real documents and histograms, their
// truncations and hostile ones.
func TestFuzzSeeds(t *testing.T) {
	fuzzx.SyncCorpus(t, "FuzzRead", readSeeds(t), *update)
	fuzzx.SyncCorpus(t, "FuzzHistogram", histogramSeeds(t), *update)
}

func readSeeds(t *testing.T) []fuzzx.Seed {
	var sample bytes.Buffer
	if err := sampleDoc(t).Write(&sample); err != nil {
		t.Fatal(err)
	}
	rendered, err := os.ReadFile(filepath.Join("testdata", "render-json-incomplete.json.golden"))
	if err != nil {
		t.Fatal(err)
	}
	real := []fuzzx.Exchange{{Name: "sample", Request: sample.Bytes()}, {Name: "render-incomplete", Request: rendered}}
	doc := func(s string) []byte { return []byte(`{"schema":"` + Schema + `",` + s + `}`) }
	request := func(x fuzzx.Exchange) []byte { return x.Request }
	return append(fuzzx.Real(real, request, fuzzx.Only),
		fuzzx.Hostile("deep-nesting", doc(`"plan":`+strings.Repeat("[", 10001)+strings.Repeat("]", 10001))),
		fuzzx.Hostile("deep-but-legal", doc(`"plan":`+strings.Repeat("[", 9000)+strings.Repeat("]", 9000))),
		fuzzx.Hostile("schema-twice", []byte(`{"schema":"x","schema":"`+Schema+`"}`)),
		fuzzx.Hostile("invalid-utf8", doc("\"failures\":[{\"transport\":\"\xff\xfe\",\"error\":\"\\ud800\"}]")),
		fuzzx.Hostile("huge-numbers", doc(`"cells":[{"runs":[{"calls":1e999,"window":"1s"}]}]`)),
		fuzzx.Hostile("bad-duration", doc(`"cells":[{"runs":[{"window":"forever"}]}]`)),
		fuzzx.Hostile("cells-as-object", doc(`"cells":{"a":1}`)),
		fuzzx.Hostile("many-empty-runs", doc(`"cells":[{"runs":[`+strings.Repeat("{},", 999)+`{}]}]`)),
		fuzzx.Hostile("many-empty-cells", doc(`"cells":[`+strings.Repeat("{},", 999)+`{}]`)),
		fuzzx.Hostile("not-json", []byte{0x1f, 0x8b, 0x08, 0x00}),
	)
}

func histogramSeeds(t *testing.T) []fuzzx.Seed {
	real := []fuzzx.Exchange{
		{Name: "empty", Request: []byte(histOf(t).HDR)},
		{Name: "latencies", Request: []byte(histOf(t, 20_000, 21_000, 40_000, 1_000_000, HistMax).HDR)},
	}
	request := func(x fuzzx.Exchange) []byte { return x.Request }
	asString := func(_ fuzzx.Exchange, b []byte) []any { return []any{string(b)} }
	zeros := bytes.Repeat([]byte{0}, 1<<20)
	return append(fuzzx.Real(real, request, asString),
		fuzzx.Hostile("widest-geometry", hdrEncoding(1, math.MaxInt64, 5, 0, nil)),
		fuzzx.Hostile("wide-geometry-zlib-bomb", hdrEncoding(1, math.MaxInt64, 5, int32(len(zeros)), zeros)),
		fuzzx.Hostile("negative-digits", hdrEncoding(1, HistMax, -1, 0, nil)),
		fuzzx.Hostile("lowest-above-highest", hdrEncoding(HistMax, 1, 3, 0, nil)),
		fuzzx.Hostile("payload-length-lies", hdrEncoding(HistMin, HistMax, HistSigFigs, math.MaxInt32, nil)),
		fuzzx.Hostile("not-base64", "!!"),
		fuzzx.Hostile("short", base64.StdEncoding.EncodeToString([]byte(base64.StdEncoding.EncodeToString([]byte{0x1c, 0x84})))),
	)
}
