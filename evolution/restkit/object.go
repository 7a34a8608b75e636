package restkit

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// Object is a JSON object whose members stay as they were encoded, so a
// transformation changes only the members it means to. Members are
// written back in key order (JSON objects have no order).
type Object map[string]json.RawMessage

// decodeObject decodes one JSON object.
func decodeObject(b []byte) (Object, error) {
	var o Object
	if err := json.Unmarshal(b, &o); err != nil {
		return nil, err
	}
	if o == nil {
		return nil, fmt.Errorf("restkit: null where an object was expected")
	}
	return o, nil
}

// encode writes v as compact JSON without HTML escapes, as the v1 server
// writes (an href's & stays &).
func encode(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// Int returns the integer member key.
func (o Object) Int(key string) (int64, error) {
	var n int64
	if err := json.Unmarshal(o[key], &n); err != nil {
		return 0, fmt.Errorf("restkit: member %q: %w", key, err)
	}
	return n, nil
}

// String returns the string member key, and whether it is there (not
// absent, not null).
func (o Object) String(key string) (string, bool, error) {
	raw, ok := o[key]
	if !ok || string(raw) == "null" {
		return "", false, nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return "", true, fmt.Errorf("restkit: member %q: %w", key, err)
	}
	return s, true, nil
}

// Set sets member key to v.
func (o Object) Set(key string, v any) error {
	b, err := encode(v)
	if err != nil {
		return fmt.Errorf("restkit: member %q: %w", key, err)
	}
	o[key] = b
	return nil
}

// Rename moves member from to to.
func (o Object) Rename(from, to string) {
	if v, ok := o[from]; ok {
		delete(o, from)
		o[to] = v
	}
}

// Objects returns the array of objects at key.
func (o Object) Objects(key string) ([]Object, error) {
	var out []Object
	if err := json.Unmarshal(o[key], &out); err != nil {
		return nil, fmt.Errorf("restkit: member %q: %w", key, err)
	}
	return out, nil
}

// Link returns the href of the link rel in _links ("" when absent).
func (o Object) Link(rel string) (string, error) {
	var links map[string]Link
	if raw, ok := o["_links"]; ok {
		if err := json.Unmarshal(raw, &links); err != nil {
			return "", fmt.Errorf("restkit: _links: %w", err)
		}
	}
	return links[rel].Href, nil
}

// SetLink sets the href of the link rel in _links.
func (o Object) SetLink(rel, href string) error {
	links := Object{}
	if raw, ok := o["_links"]; ok {
		var err error
		if links, err = decodeObject(raw); err != nil {
			return fmt.Errorf("restkit: _links: %w", err)
		}
	}
	if err := links.Set(rel, Link{Href: href}); err != nil {
		return err
	}
	return o.Set("_links", links)
}
