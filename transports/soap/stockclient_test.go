package soap

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// TestStockClient consumes the served WSDL with node-soap, a SOAP client
// nobody here wrote, and calls every operation, including one that faults.
// It runs when node and the soap package are found (npm install in
// testdata/stockclient, or NODE_PATH); INTBENCH_STOCK_CLIENTS=1 turns a
// missing one into a failure.
func TestStockClient(t *testing.T) {
	dir := filepath.Join("testdata", "stockclient")
	if why := stockClientMissing(dir); why != "" {
		if os.Getenv("INTBENCH_STOCK_CLIENTS") == "1" {
			t.Fatalf("INTBENCH_STOCK_CLIENTS=1 but %s", why)
		}
		t.Skipf("%s; run `npm install` in %s (or set NODE_PATH) to enable", why, dir)
	}
	srv, ds := startServer(t, 0)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "node", "client.js", "http://"+srv.Addr()+Path)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	t.Logf("node-soap output:\n%s%s", out, stderr.Bytes())
	if err != nil {
		t.Fatalf("node client.js: %v", err)
	}
	lines := map[string]map[string]any{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("bad output line %q: %v", sc.Text(), err)
		}
		lines[m["op"].(string)] = m
	}
	want := map[string]map[string]any{
		"GetCustomer": {"id": "1", "name": ds.Customers[0].Name},
		"PlaceOrder":  {"status": "pending", "totalCents": "399", "note": "from node-soap <&> ✓", "items": 2.0},
		"ListOrders":  {"nextCursor": "o2"},
		"Fault":       {"status": 500.0, "faultcode": "soap:Client", "errorKind": "NotFound"},
	}
	for op, fields := range want {
		got, ok := lines[op]
		if !ok {
			t.Errorf("no output for %s", op)
			continue
		}
		for k, v := range fields {
			if got[k] != v {
				t.Errorf("%s.%s = %v, want %v", op, k, got[k], v)
			}
		}
	}
	ops, _ := lines["describe"]["operations"].([]any)
	for _, op := range []any{"GetCustomer", "PlaceOrder", "ListOrders"} {
		if !slices.Contains(ops, op) {
			t.Errorf("node-soap did not find operation %v in the WSDL (found %v)", op, ops)
		}
	}
}

// stockClientMissing says why the stock client cannot run, or "".
func stockClientMissing(dir string) string {
	if _, err := exec.LookPath("node"); err != nil {
		return "node is not installed"
	}
	cmd := exec.Command("node", "-e", "require.resolve('soap')")
	cmd.Dir = dir
	if err := cmd.Run(); err != nil {
		return "the npm package soap is not installed"
	}
	return ""
}
