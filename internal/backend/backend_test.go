package backend

import (
	"context"
	"errors"
	"testing"

	"github.com/intbench/intbench/service"
)

func TestOpen(t *testing.T) {
	ds := service.MustGenerate(service.SeedConfig{Seed: 1, Customers: 3, OrdersPerCustomer: 1})
	tests := []struct {
		name    string
		wantErr bool
	}{
		{Memory, false},
		{"disk", true},
		{"", true},
	}
	for _, tt := range tests {
		b, err := Open(context.Background(), tt.name, ds)
		if (err != nil) != tt.wantErr {
			t.Fatalf("Open(%q) error %v, want error %v", tt.name, err, tt.wantErr)
		}
		if err != nil {
			continue
		}
		if c, err := b.Service.GetCustomer(context.Background(), 3); err != nil || c.ID != 3 {
			t.Fatalf("GetCustomer(3) = %+v, %v", c, err)
		}
		if _, err := b.Service.GetCustomer(context.Background(), 4); !errors.Is(err, service.ErrNotFound) {
			t.Fatalf("GetCustomer(4) error %v, want ErrNotFound", err)
		}
		if b.Close() != nil || b.Close() != nil {
			t.Fatal("Close twice failed")
		}
	}
}
