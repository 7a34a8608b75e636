package restkit

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/intbench/intbench/evolution"
	"github.com/intbench/intbench/internal/backend"
	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/transports"
	"github.com/intbench/intbench/transports/rest"
)

func testCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	t.Cleanup(cancel)
	return ctx
}

// memory returns the reference service over the matrix's seed, in memory.
func memory(t *testing.T) transports.ServeConfig {
	b := backend.NewMemory(service.MustGenerate(evolution.Seed))
	t.Cleanup(func() { _ = b.Close() })
	return transports.ServeConfig{Backend: b.Backend}
}

// serveV1 serves the v1 server over cfg for the test.
func serveV1(t *testing.T, cfg transports.ServeConfig) string {
	srv, err := rest.New().Serve(testCtx(t), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	return srv.Addr()
}

// serveV2 serves a v2 server of a over cfg for the test.
func serveV2(t *testing.T, a Adapter, cfg transports.ServeConfig) string {
	srv, err := serve(testCtx(t), a, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	return srv.Addr()
}

// exchange is one HTTP request and what came back.
type exchange struct {
	status int
	header http.Header
	body   []byte
}

// keys numbers the requests' Idempotency-Keys.
var keys atomic.Int64

// do sends method to http://addr+path with body (JSON, with an
// Idempotency-Key, when not "").
func do(t *testing.T, addr, method, path, body string) exchange {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequestWithContext(testCtx(t), method, "http://"+addr+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Idempotency-Key", "k-"+strconv.FormatInt(keys.Add(1), 10))
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return exchange{status: res.StatusCode, header: res.Header, body: b}
}

// object decodes a JSON body into generic values (numbers as written).
func object(t *testing.T, b []byte) map[string]any {
	t.Helper()
	d := json.NewDecoder(strings.NewReader(string(b)))
	d.UseNumber()
	var v map[string]any
	if err := d.Decode(&v); err != nil {
		t.Fatalf("body %q: %v", b, err)
	}
	return v
}

// errorKind returns the kind of a v1 error body ("" if it is not one).
func errorKind(t *testing.T, b []byte) string {
	t.Helper()
	var doc struct {
		Error struct {
			Kind string `json:"kind"`
		} `json:"error"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatalf("error body %q: %v", b, err)
	}
	return doc.Error.Kind
}
