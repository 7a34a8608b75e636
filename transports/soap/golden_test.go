package soap

import (
	"bytes"
	"flag"
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"github.com/intbench/intbench/service"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// golden compares got with testdata/name, or rewrites it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test -update rewrites it)\n got: %s\nwant: %s", name, got, want)
	}
}

// TestGoldenRequest pins the bytes the client sends for PlaceOrder.
func TestGoldenRequest(t *testing.T) {
	req := service.PlaceOrderRequest{CustomerID: 7, RequestID: "req-7f3a", Note: "leave at the <back> door & ring \"twice\"\r\n✓",
		Items: []service.LineItem{{SKU: "SKU-1", Quantity: 2, UnitPriceCents: 1999}, {SKU: "SKU-2", Quantity: 1, UnitPriceCents: 500}}}
	var bp bufPool
	b := bp.get()
	if err := b.writeEnvelope(placeOrderToWire(&req)); err != nil {
		t.Fatal(err)
	}
	golden(t, "placeorder_request.golden.xml", b.Bytes())
}

// TestGoldenResponse pins the bytes the server sends for a ListOrders page
// of the seeded data.
func TestGoldenResponse(t *testing.T) {
	srv, _ := startServer(t, 0)
	body := envelope(`<o:ListOrdersRequest><o:customerId>1</o:customerId><o:limit>2</o:limit></o:ListOrdersRequest>`)
	status, got, _ := post("ListOrders", body).do(t, http.DefaultClient, srv.Addr())
	if status != http.StatusOK {
		t.Fatalf("status %d:\n%s", status, got)
	}
	golden(t, "listorders_response.golden.xml", got)
}
