package rest

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/intbench/intbench/internal/fuzzx"
	"github.com/intbench/intbench/service"
)

// The fuzz targets feed every path a peer reaches: a request (method,
// path and query, the two header fields the server reads, a body) to the
// server's handler, and a response (status and body) to the client.
// Their seed corpora (testdata/fuzz) come from TestFuzzSeeds.

// Budgets: 1.5 times the worst case measured, the input that allocates
// most for its size (a long run of the cheapest element that decodes to
// something), rounded up; such runs are seeds, so go test checks that
// the budgets hold them. encoding/json grows a slice by half its
// capacity each time, so a slice's storage costs up to 4.5 times its
// final length in all.
var (
	// serverBudget: 86 bytes a byte measured for items that are empty
	// arrays (`[],`: each a type error and a 32-byte itemJSON appended to
	// the slice), 70 for empty objects; the answer echoes at most the
	// contract's 100 items and the note. Fixed: the seeded data's largest
	// page, encoded, and the handler's buffers.
	serverBudget = fuzzx.Budget{PerByte: 144, Fixed: 256 << 10}
	// clientBudget: 212 bytes a byte measured for a page of empty orders
	// (`{},`: a 104-byte orderJSON in the growing slice, then a 104-byte
	// service.Order). Fixed: a client, its connection's 32 KiB read and
	// write buffers, the HTTP machinery.
	clientBudget = fuzzx.Budget{PerByte: 320, Fixed: 256 << 10}
)

// fuzzMaxBody is the server's body limit under fuzzing: small, so that
// bodies over it are within the fuzzer's reach, and above the 20 KB of a
// body nested one level deeper than encoding/json allows.
const fuzzMaxBody = 32 << 10

// FuzzServer feeds a request built from fuzzed parts to the server's
// handler: it answers with a status of the contract and a JSON body, an
// error document for every error (or a redirect of http.ServeMux's own
// when the path is not clean).
func FuzzServer(f *testing.F) {
	mux := newMux(fuzzx.Service(), fuzzMaxBody)
	f.Fuzz(func(t *testing.T, method, target, contentType, key string, body []byte) {
		req, err := fuzzx.HTTPRequest(method, target, []string{contentType, key}, body)
		if err != nil {
			return // net/http's parser refuses it: no handler sees it
		}
		rec := httptest.NewRecorder()
		serverBudget.Call(t, len(method)+len(target)+len(contentType)+len(key)+len(body), func(ctx context.Context) {
			mux.ServeHTTP(rec, req.WithContext(ctx))
		})
		if req.RequestURI != "*" { // http.ServeMux answers a bare 400 itself
			checkAnswer(t, rec)
		}
	})
}

// checkAnswer fails t unless rec holds an answer of the contract.
func checkAnswer(t *testing.T, rec *httptest.ResponseRecorder) {
	t.Helper()
	switch rec.Code {
	case http.StatusMovedPermanently, http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
		return // http.ServeMux cleaning a path
	case http.StatusOK, http.StatusCreated:
		if !json.Valid(rec.Body.Bytes()) {
			t.Fatalf("status %d with a body that is not JSON: %q", rec.Code, rec.Body.Bytes())
		}
		return
	}
	var doc errorDoc
	d := json.NewDecoder(bytes.NewReader(rec.Body.Bytes()))
	d.DisallowUnknownFields()
	if err := d.Decode(&doc); err != nil {
		t.Fatalf("status %d with a body that is not an error document: %v: %q", rec.Code, err, rec.Body.Bytes())
	}
	k, ok := service.ParseKind(doc.Error.Kind)
	if !ok || k == service.KindOK || doc.Error.Message == "" {
		t.Fatalf("status %d with error kind %q and message %q", rec.Code, doc.Error.Kind, doc.Error.Message)
	}
}

// FuzzClient feeds a response (status, JSON body) to the client in a call
// of op (mod 3): it fails with a classified error or returns what the body
// holds.
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
