package thrift

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// pythonWithThrift returns a Python 3 interpreter that can import the
// thrift module (Debian's python3-thrift lives in the system Python, which
// may not be the first python3 on PATH), or "".
func pythonWithThrift(ctx context.Context) string {
	candidates := []string{"python3", "/usr/bin/python3"}
	for _, c := range candidates {
		path, err := exec.LookPath(c)
		if err != nil {
			continue
		}
		if exec.CommandContext(ctx, path, "-c", "import thrift").Run() == nil {
			return path
		}
	}
	return ""
}

// TestPythonClientInterop runs a stock Python Thrift client, generated
// from idl/orders.thrift at test time, against this package's server.
func TestPythonClientInterop(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if _, err := exec.LookPath("thrift"); err != nil {
		skipOrFail(t, "thrift compiler not on PATH (Debian: apt-get install thrift-compiler)")
	}
	py := pythonWithThrift(ctx)
	if py == "" {
		skipOrFail(t, "no python3 with the thrift module (Debian: apt-get install python3-thrift)")
	}
	idl, err := filepath.Abs(filepath.Join("idl", "orders.thrift"))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range protocols {
		t.Run(p.String(), func(t *testing.T) {
			srv, ds := startServer(t, p, nil, 0)
			host, port, err := net.SplitHostPort(srv.Addr())
			if err != nil {
				t.Fatal(err)
			}
			cmd := exec.CommandContext(ctx, py, filepath.Join("testdata", "pyclient", "client.py"), idl, host, port, p.String())
			out, err := cmd.CombinedOutput()
			t.Logf("python client (%s):\n%s", py, out)
			if err != nil {
				t.Fatalf("python client: %v", err)
			}
			c := ds.Customers[0]
			for _, want := range []string{
				fmt.Sprintf("getCustomer(1): id=1 name=%s", pyRepr(c.Name)),
				fmt.Sprintf("createdAtMicros=%d", c.CreatedAt.UnixMicro()),
				"listOrders(1, limit 2): 2 orders",
				"status=PENDING totalCents=500",
				"retry same id=True",
				"getCustomer(999999): raised NotFound(message=",
				"listOrders(limit 0): raised InvalidArgument(",
				"placeOrder(no items): raised InvalidArgument(",
			} {
				if !strings.Contains(string(out), want) {
					t.Errorf("output lacks %q", want)
				}
			}
		})
	}
}

// pyRepr approximates Python's repr of a plain string without quotes in it.
func pyRepr(s string) string { return "'" + s + "'" }

// skipOrFail skips the interop test when its tools are missing, unless
// INTBENCH_STOCK_CLIENTS=1 (make interop, CI) asks for it to run.
func skipOrFail(t *testing.T, why string) {
	t.Helper()
	if os.Getenv("INTBENCH_STOCK_CLIENTS") == "1" {
		t.Fatalf("INTBENCH_STOCK_CLIENTS=1 but %s", why)
	}
	t.Skipf("%s; skipping the Python interop test (make interop installs what it needs)", why)
}
