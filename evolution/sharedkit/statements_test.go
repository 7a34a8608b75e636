package sharedkit

import (
	"strings"
	"testing"
)

func TestLayoutStatements(t *testing.T) {
	tests := []struct {
		name   string
		layout Layout
		want   []string // in Create
		args   int
	}{
		{"v1", V1Layout, []string{"INSERT INTO orders (", "request_fp)", "$7)", "INSERT INTO line_items ("}, 0},
		{"moved", Layout{Orders: "sales.orders", LineItems: "sales.line_items"}, []string{"INSERT INTO sales.orders (", "INSERT INTO sales.line_items ("}, 0},
		{"columns", Layout{Orders: "orders", LineItems: "line_items", Columns: []Column{{"currency", "EUR"}, {"channel", "web"}}},
			[]string{"request_fp, currency, channel)", "$7, $11, $12)"}, 2},
	}
	for _, tt := range tests {
		st := tt.layout.Statements()
		for _, w := range tt.want {
			if !strings.Contains(st.Create, w) {
				t.Errorf("%s: Create lacks %q:\n%s", tt.name, w, st.Create)
			}
		}
		if len(st.CreateArgs) != tt.args {
			t.Errorf("%s: %d CreateArgs, want %d", tt.name, len(st.CreateArgs), tt.args)
		}
		for _, s := range []string{st.Orders, st.Create, st.Redeliver} {
			if strings.Contains(s, "{") || !strings.Contains(s, tt.layout.LineItems) {
				t.Errorf("%s: a statement with a hole or without %s:\n%s", tt.name, tt.layout.LineItems, s)
			}
		}
	}
}
