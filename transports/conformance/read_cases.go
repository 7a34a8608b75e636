package conformance

import (
	"context"
	"errors"
	"testing"

	"github.com/intbench/intbench/service"
)

func readCases() []testCase {
	return []testCase{
		{name: "GetCustomer/Seeded", run: testGetCustomerSeeded},
		{name: "GetCustomer/Errors", run: testGetCustomerErrors},
		{name: "GetCustomer/ExpiredDeadline", run: testExpiredDeadline},
		{name: "ListOrders/PagesToTheEnd", run: testListPages},
		{name: "ListOrders/Limits", run: testListLimits},
		{name: "ListOrders/Errors", run: testListErrors},
	}
}

func testGetCustomerSeeded(t *testing.T, f *fixture) {
	n := len(f.ds.Customers)
	for _, i := range []int{0, 1, n / 2, n - 1} {
		want := f.ds.Customers[i]
		got, err := f.client.GetCustomer(callCtx(t), want.ID)
		if err != nil {
			t.Fatalf("GetCustomer(%d): %v", want.ID, err)
		}
		wantCustomer(t, got, want)
	}
}

func testGetCustomerErrors(t *testing.T, f *fixture) {
	tests := []struct {
		id   int64
		want error
	}{
		{int64(len(f.ds.Customers)) + 1, service.ErrNotFound},
		{999_999, service.ErrNotFound},
		{0, service.ErrInvalidArgument},
		{-5, service.ErrInvalidArgument},
	}
	for _, tt := range tests {
		_, err := f.client.GetCustomer(callCtx(t), tt.id)
		if !errors.Is(err, tt.want) {
			t.Errorf("GetCustomer(%d): error %v, want %v", tt.id, err, tt.want)
		}
	}
	// The client must still work after errors.
	if _, err := f.client.GetCustomer(callCtx(t), 1); err != nil {
		t.Fatalf("GetCustomer(1) after errors: %v", err)
	}
}

func testExpiredDeadline(t *testing.T, f *fixture) {
	ctx, cancel := context.WithTimeout(context.Background(), -1)
	defer cancel()
	_, err := f.client.GetCustomer(ctx, 1)
	if !errors.Is(err, service.ErrDeadlineExceeded) {
		t.Fatalf("GetCustomer with expired deadline: error %v, want %v", err, service.ErrDeadlineExceeded)
	}
	if _, err := f.client.GetCustomer(callCtx(t), 1); err != nil {
		t.Fatalf("GetCustomer after an expired call: %v", err)
	}
}

// listAll walks every page of a customer's orders with the given limit.
func listAll(t *testing.T, c service.Service, customerID int64, limit int32) (orders []service.Order, pages int) {
	t.Helper()
	cursor := ""
	for {
		page, err := c.ListOrders(callCtx(t), service.ListOrdersRequest{CustomerID: customerID, Limit: limit, Cursor: cursor})
		if err != nil {
			t.Fatalf("ListOrders(customer %d, limit %d, cursor %q): %v", customerID, limit, cursor, err)
		}
		pages++
		if len(page.Orders) > int(limit) {
			t.Fatalf("page %d has %d orders, limit %d", pages, len(page.Orders), limit)
		}
		if page.NextCursor != "" && len(page.Orders) != int(limit) {
			t.Fatalf("page %d has %d orders and a next cursor, want a full page of %d", pages, len(page.Orders), limit)
		}
		orders = append(orders, page.Orders...)
		if page.NextCursor == "" {
			return orders, pages
		}
		if pages > 10_000 {
			t.Fatal("paging does not end")
		}
		cursor = page.NextCursor
	}
}

func testListPages(t *testing.T, f *fixture) {
	want := ordersOf(f.ds, 1)
	got, pages := listAll(t, f.client, 1, 7)
	wantOrders(t, got, want)
	if wantPages := (len(want) + 6) / 7; pages != wantPages {
		t.Fatalf("walked %d pages, want %d", pages, wantPages)
	}
}

func testListLimits(t *testing.T, f *fixture) {
	want := ordersOf(f.ds, 2)
	for _, limit := range []int32{1, int32(len(want)), service.MaxListLimit} {
		got, pages := listAll(t, f.client, 2, limit)
		wantOrders(t, got, want)
		if wantPages := (len(want) + int(limit) - 1) / int(limit); pages != wantPages {
			t.Fatalf("limit %d: walked %d pages, want %d", limit, pages, wantPages)
		}
	}
}

func testListErrors(t *testing.T, f *fixture) {
	unknown := int64(len(f.ds.Customers)) + 1
	tests := []struct {
		name string
		req  service.ListOrdersRequest
		want error
	}{
		{"limit 0", service.ListOrdersRequest{CustomerID: 1, Limit: 0}, service.ErrInvalidArgument},
		{"limit negative", service.ListOrdersRequest{CustomerID: 1, Limit: -3}, service.ErrInvalidArgument},
		{"limit over max", service.ListOrdersRequest{CustomerID: 1, Limit: service.MaxListLimit + 1}, service.ErrInvalidArgument},
		{"bad cursor", service.ListOrdersRequest{CustomerID: 1, Limit: 5, Cursor: "bogus"}, service.ErrInvalidArgument},
		{"customer 0", service.ListOrdersRequest{CustomerID: 0, Limit: 5}, service.ErrInvalidArgument},
		{"unknown customer", service.ListOrdersRequest{CustomerID: unknown, Limit: 5}, service.ErrNotFound},
	}
	for _, tt := range tests {
		_, err := f.client.ListOrders(callCtx(t), tt.req)
		if !errors.Is(err, tt.want) {
			t.Errorf("%s: error %v, want %v", tt.name, err, tt.want)
		}
	}
}
