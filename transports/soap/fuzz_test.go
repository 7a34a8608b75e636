package soap

import (
	"context"
	"encoding/xml"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/intbench/intbench/internal/fuzzx"
	"github.com/intbench/intbench/service"
)

// The fuzz targets feed every path a peer reaches: a call (SOAPAction,
// Content-Type, envelope) to the server's handler, and a response
// (status, envelope, faults included) to the client. Their seed corpora
// (testdata/fuzz) come from TestFuzzSeeds.

// Budgets: 1.5 times the worst case measured, the input that allocates
// most for its size (a long run of the cheapest element), rounded up;
// such runs are seeds, so go test checks that the budgets hold them.
// encoding/xml allocates for every token it returns (the element's name,
// its attributes, a copy of its text, its name space bindings), and the
// server's envelope passes through two decoders (our depth counter's raw
// one and the name-space-aware one above it).
var (
	// serverBudget: 67 bytes a byte measured for empty elements (`<a/>`)
	// in a request element, 60 for empty items; the answer echoes at most
	// the contract's 100 items and the note. Fixed: the seeded data's
	// largest page, encoded, and the handler's buffers.
	serverBudget = fuzzx.Budget{PerByte: 112, Fixed: 256 << 10}
	// clientBudget: 112 bytes a byte measured for a page of empty orders
	// (`<order/>`: the tokens, a wireOrder in a doubling slice, then a
	// 104-byte service.Order). Fixed: a client, its connection's 32 KiB
	// read and write buffers, the HTTP machinery.
	clientBudget = fuzzx.Budget{PerByte: 176, Fixed: 256 << 10}
)

// fuzzMaxBody is the server's body limit under fuzzing: small, so that
// bodies over it are within the fuzzer's reach, and above the 80 KB of an
// envelope nested one level deeper than transports.MaxDepth allows.
const fuzzMaxBody = 96 << 10

// FuzzServer feeds a call built from fuzzed parts (a POST to Path) to the
// server's handler: it answers with a response envelope (200) or a fault
// (500) whose ErrorKind names a kind.
func FuzzServer(f *testing.F) {
	h, err := newHandler(fuzzx.Service(), fuzzMaxBody)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, action, contentType string, body []byte) {
		req, err := fuzzx.HTTPRequest(http.MethodPost, Path, []string{action, contentType}, body)
		if err != nil {
			return // net/http's parser refuses it: no handler sees it
		}
		rec := httptest.NewRecorder()
		serverBudget.Call(t, len(action)+len(contentType)+len(body), func(ctx context.Context) {
			h.ServeHTTP(rec, req.WithContext(ctx))
		})
		checkAnswer(t, rec)
	})
}

// checkAnswer fails t unless rec holds a response envelope or a fault of
// a known kind.
func checkAnswer(t *testing.T, rec *httptest.ResponseRecorder) {
	t.Helper()
	d := newDecoder(rec.Body.Bytes())
	start, err := openBody(d)
	if err != nil {
		t.Fatalf("status %d with a body that is not an envelope: %v: %q", rec.Code, err, rec.Body.Bytes())
	}
	switch {
	case rec.Code == http.StatusOK && start.Name.Space == Namespace:
		if err := readAll(d); err != nil {
			t.Fatalf("response envelope is not well-formed XML: %v: %q", err, rec.Body.Bytes())
		}
	case rec.Code == http.StatusInternalServerError && start.Name == nameFault:
		var f wireFault
		if err := d.DecodeElement(&f, &start); err != nil {
			t.Fatalf("fault does not decode: %v: %q", err, rec.Body.Bytes())
		}
		if k, ok := service.ParseKind(f.Kind); !ok || k == service.KindOK || f.String == "" {
			t.Fatalf("fault with ErrorKind %q and faultstring %q", f.Kind, f.String)
		}
	default:
		t.Fatalf("status %d with %s in the Body", rec.Code, fmtName(start.Name))
	}
}

// readAll reads d's tokens to the end.
func readAll(d *xml.Decoder) error {
	for {
		if _, err := d.Token(); err == io.EOF {
			return nil
		} else if err != nil {
			return err
		}
	}
}

// FuzzClient feeds a response (status, envelope) to the client in a call
// of op (mod 3): it fails with a classified error (a fault's kind, or
// Internal) or returns what the envelope holds.
func FuzzClient(f *testing.F) {
	f.Fuzz(func(t *testing.T, op byte, status uint16, body []byte) {
		reply := fuzzx.HTTPResponse(fuzzx.Status(status), ContentType, body)
		var err error
		clientBudget.Call(t, len(body), func(ctx context.Context) {
			err = fuzzx.PeerCall(ctx, newClient, op, reply)
		})
		fuzzx.CheckError(t, err)
	})
}
