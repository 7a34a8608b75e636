package restkit

import (
	"testing"
)

func TestObject(t *testing.T) {
	tests := []struct {
		name string
		in   string
		edit func(Object) error
		want string
	}{
		{"rename", `{"name":"Ada","id":1}`, func(o Object) error { o.Rename("name", "full_name"); return nil }, `{"full_name":"Ada","id":1}`},
		{"rename absent", `{"id":1}`, func(o Object) error { o.Rename("name", "full_name"); return nil }, `{"id":1}`},
		{"set keeps & and members as written", `{"n":1.50,"s":"\u00e9"}`, func(o Object) error { return o.Set("href", "/o?a=1&b=2") }, `{"href":"/o?a=1&b=2","n":1.50,"s":"\u00e9"}`},
		{"set link keeps the others", `{"_links":{"self":{"href":"/c/1"}}}`, func(o Object) error { return o.SetLink("orders", "/o?c=1") },
			`{"_links":{"orders":{"href":"/o?c=1"},"self":{"href":"/c/1"}}}`},
		{"set link without links", `{}`, func(o Object) error { return o.SetLink("orders", "/o") }, `{"_links":{"orders":{"href":"/o"}}}`},
	}
	for _, tt := range tests {
		o, err := decodeObject([]byte(tt.in))
		if err != nil {
			t.Fatal(err)
		}
		if err := tt.edit(o); err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if b, err := encode(o); err != nil || string(b) != tt.want {
			t.Errorf("%s: %s, %v; want %s", tt.name, b, err, tt.want)
		}
	}
}

func TestObjectReads(t *testing.T) {
	o, err := decodeObject([]byte(`{"id":7,"s":"x","null":null,"n":3,"_links":{"self":{"href":"/c/7"}}}`))
	if err != nil {
		t.Fatal(err)
	}
	if id, err := o.Int("id"); err != nil || id != 7 {
		t.Errorf("Int(id) = %d, %v", id, err)
	}
	if _, err := o.Int("s"); err == nil {
		t.Error("Int of a string: no error")
	}
	tests := []struct {
		key    string
		want   string
		ok     bool
		hasErr bool
	}{{"s", "x", true, false}, {"absent", "", false, false}, {"null", "", false, false}, {"n", "", true, true}}
	for _, tt := range tests {
		s, ok, err := o.String(tt.key)
		if s != tt.want || ok != tt.ok || (err != nil) != tt.hasErr {
			t.Errorf("String(%s) = %q, %v, %v", tt.key, s, ok, err)
		}
	}
	if h, err := o.Link("self"); err != nil || h != "/c/7" {
		t.Errorf("Link(self) = %q, %v", h, err)
	}
	if h, err := o.Link("next"); err != nil || h != "" {
		t.Errorf("Link(next) = %q, %v", h, err)
	}
	if _, err := decodeObject([]byte(`null`)); err == nil {
		t.Error("null decoded as an object")
	}
}
