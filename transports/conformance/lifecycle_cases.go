package conformance

import "testing"

func lifecycleCases() []testCase {
	return []testCase{{name: "CloseTwice", run: testCloseTwice, own: true}}
}

func testCloseTwice(t *testing.T, f *fixture) {
	if _, err := f.client.GetCustomer(callCtx(t), 1); err != nil {
		t.Fatalf("GetCustomer: %v", err)
	}
	for i := range 2 {
		if err := f.client.Close(); err != nil {
			t.Fatalf("client Close #%d: %v", i+1, err)
		}
	}
	// A call on a closed client fails cleanly: an error, no panic, no hang.
	if _, err := f.client.GetCustomer(callCtx(t), 1); err == nil {
		t.Fatal("GetCustomer on a closed client succeeded")
	}
	for i := range 2 {
		if err := f.server.Close(); err != nil {
			t.Fatalf("server Close #%d: %v", i+1, err)
		}
	}
}
