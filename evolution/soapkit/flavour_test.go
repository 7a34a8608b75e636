package soapkit_test

import (
	"strings"
	"testing"

	"github.com/intbench/intbench/evolution"
	"github.com/intbench/intbench/evolution/soapkit"
	"github.com/intbench/intbench/transports/soap"
)

// dialFlavour dials srv with the soap pattern's wsdl flavour.
func dialFlavour(t *testing.T, srv interface{ Addr() string }) (evolution.Client, error) {
	t.Helper()
	c, err := soapkit.DialWSDL(testCtx(t), srv.Addr())
	if err == nil {
		t.Cleanup(func() { _ = c.Close() })
	}
	return c, err
}

// The flavour's records are transports/soap's client's, field for field,
// as a flavour's must be.
func TestWSDLFlavourRecordsAreV1s(t *testing.T) {
	v1 := evolution.V1(soap.New())
	srv := serveSide(t, v1, nil)
	want := operate(t, dialSide(t, v1, srv))
	c, err := dialFlavour(t, srv)
	if err != nil {
		t.Fatal(err)
	}
	got := operate(t, c)
	for i := range want {
		if want[i].err != nil {
			want[i].rec = nil // a failed call's record is the matrix's to ignore
		}
		if d := evolution.Diff(want[i].rec, got[i].rec); len(d) > 0 || message(want[i].err) != message(got[i].err) {
			t.Errorf("call %d: the flavour's record differs from transports/soap's client's: %v (errors %v, %v)", i, d, got[i].err, want[i].err)
		}
	}
}

// Without a WSDL where a v1 consumer looks for one, the flavour cannot
// dial.
func TestWSDLFlavourNeedsTheWSDL(t *testing.T) {
	moved := strings.ReplaceAll(v1WSDL(t), `location="http://localhost/soap"`, `location="http://localhost/v2/soap"`)
	srv := serveSide(t, soapkit.Side(soapkit.Contract{WSDL: moved}), nil)
	if _, err := dialFlavour(t, srv); err == nil || !strings.Contains(err.Error(), "HTTP status 404") {
		t.Errorf("dial: %v, want the WSDL's 404", err)
	}
}
