package soapkit_test

import (
	"strings"
	"testing"

	"github.com/intbench/intbench/evolution/soapkit"
	"github.com/intbench/intbench/service"
)

// customerNoEmail leaves out an element of the v1 Customer.
type customerNoEmail struct {
	ID        int64        `xml:"id"`
	Name      string       `xml:"name"`
	Tier      string       `xml:"tier"`
	CreatedAt string       `xml:"createdAt"`
	Tags      soapkit.Tags `xml:"tags"`
}

// item32 is v1's LineItem, but with a 64-bit unit price read as 32 bits.
type item32 struct {
	SKU            string `xml:"sku"`
	Quantity       int32  `xml:"quantity"`
	UnitPriceCents int32  `xml:"unitPriceCents"`
}

func TestCheck(t *testing.T) {
	tests := []struct {
		name string
		c    soapkit.Contract
		want []string // in the error; none for no error
	}{
		{"v1 mapping of v1", soapkit.Contract{}, nil},
		{"an element left out", soapkit.Contract{GetCustomer: soapkit.GetCustomer[customerNoEmail]{}},
			[]string{"GetCustomerResponse/customer: the WSDL has elements [id name email tier createdAt tags]", "[id name tier createdAt tags]"}},
		{"a type too narrow", soapkit.Contract{ListOrders: soapkit.ListOrders[soapkit.Order[item32]]{}},
			[]string{"ListOrdersResponse/orders/order/items/item/unitPriceCents: xsd:long wants int64, the Go mapping has int32"}},
		{"a request's item too", soapkit.Contract{PlaceOrder: soapkit.PlaceOrderOf(func(service.LineItem) item32 { return item32{} }, nil)},
			[]string{"PlaceOrderRequest/items/item/unitPriceCents", "PlaceOrderResponse/order/items/item/unitPriceCents"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.c.WSDL = v1WSDL(t)
			err := tt.c.Check()
			if (err != nil) != (len(tt.want) > 0) {
				t.Fatalf("Check: %v, want an error with %q", err, tt.want)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("Check: %v, want %q in it", err, w)
				}
			}
		})
	}
}
