package soapkit

import (
	"encoding/xml"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"time"
)

// The XML Schema in a WSDL's types, as far as Check reads it: named
// complex and simple types, and top-level elements with an inline
// complex type. Type names are read with the prefixes the v1 WSDL uses
// (xsd: and tns:).
type (
	xsdSchema struct {
		ComplexTypes []xsdComplexType `xml:"types>schema>complexType"`
		SimpleTypes  []xsdSimpleType  `xml:"types>schema>simpleType"`
		Elements     []xsdElement     `xml:"types>schema>element"`
	}
	xsdComplexType struct {
		Name     string       `xml:"name,attr"`
		Sequence []xsdElement `xml:"sequence>element"`
	}
	xsdSimpleType struct {
		Name string `xml:"name,attr"`
	}
	xsdElement struct {
		Name      string          `xml:"name,attr"`
		Type      string          `xml:"type,attr"`
		MaxOccurs string          `xml:"maxOccurs,attr"`
		Complex   *xsdComplexType `xml:"complexType"`
	}
)

// xsdBuiltins are the Go types the XML mapping uses for XSD's built-in
// types.
var xsdBuiltins = map[string]reflect.Type{
	"xsd:long":     reflect.TypeFor[int64](),
	"xsd:int":      reflect.TypeFor[int32](),
	"xsd:string":   reflect.TypeFor[string](),
	"xsd:dateTime": reflect.TypeFor[time.Time](),
}

// Check reports where c's XML mapping and the schema of its WSDL
// disagree: for every operation's request and response element, the
// child elements' names and order, and their types (xsd:long is int64,
// xsd:int int32, a simple type a string, a complex type a struct checked
// in turn; maxOccurs above one a slice; a pointer is an element the
// reader must tell missing from zero).
func (c Contract) Check() error {
	c = c.withDefaults()
	var s xsdSchema
	if err := xml.Unmarshal([]byte(c.WSDL), &s); err != nil {
		return fmt.Errorf("soapkit: read WSDL schema: %w", err)
	}
	var errs []error
	for _, op := range c.operations() {
		req, resp := op.types()
		errs = append(errs, s.checkElement(op.Name()+"Request", req), s.checkElement(op.Name()+"Response", resp))
	}
	return errors.Join(errs...)
}

// checkElement checks the Go type of the top-level element name's content.
func (s *xsdSchema) checkElement(name string, t reflect.Type) error {
	i := slices.IndexFunc(s.Elements, func(e xsdElement) bool { return e.Name == name })
	if i < 0 || s.Elements[i].Complex == nil {
		return fmt.Errorf("soapkit: WSDL has no element %s with a complex type", name)
	}
	return s.checkSequence(name, s.Elements[i].Complex.Sequence, t)
}

// checkSequence checks a struct's elements against a sequence.
func (s *xsdSchema) checkSequence(path string, seq []xsdElement, t reflect.Type) error {
	fields, err := xmlFields(t)
	if err != nil {
		return fmt.Errorf("soapkit: %s: %w", path, err)
	}
	var want, got []string
	for _, e := range seq {
		want = append(want, e.Name)
	}
	for _, f := range fields {
		got = append(got, f.name)
	}
	if !slices.Equal(want, got) {
		return fmt.Errorf("soapkit: %s: the WSDL has elements %v, the Go mapping (%s) %v", path, want, t, got)
	}
	var errs []error
	for i, e := range seq {
		errs = append(errs, s.checkType(path+"/"+e.Name, e, fields[i].t))
	}
	return errors.Join(errs...)
}

// checkType checks the Go type t of element e.
func (s *xsdSchema) checkType(path string, e xsdElement, t reflect.Type) error {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if e.MaxOccurs != "" && e.MaxOccurs != "1" {
		if t.Kind() != reflect.Slice {
			return fmt.Errorf("soapkit: %s: maxOccurs %s wants a slice, the Go mapping has %s", path, e.MaxOccurs, t)
		}
		t = t.Elem()
	}
	if want, ok := xsdBuiltins[e.Type]; ok {
		if t != want {
			return fmt.Errorf("soapkit: %s: %s wants %s, the Go mapping has %s", path, e.Type, want, t)
		}
		return nil
	}
	name, ok := strings.CutPrefix(e.Type, "tns:")
	if !ok {
		return fmt.Errorf("soapkit: %s: type %q is not one Check knows", path, e.Type)
	}
	if slices.ContainsFunc(s.SimpleTypes, func(st xsdSimpleType) bool { return st.Name == name }) {
		if t.Kind() != reflect.String {
			return fmt.Errorf("soapkit: %s: simple type %s wants a string, the Go mapping has %s", path, name, t)
		}
		return nil
	}
	i := slices.IndexFunc(s.ComplexTypes, func(ct xsdComplexType) bool { return ct.Name == name })
	if i < 0 {
		return fmt.Errorf("soapkit: %s: the WSDL has no type %s", path, name)
	}
	return s.checkSequence(path, s.ComplexTypes[i].Sequence, t)
}

// xmlField is a child element of a mapped struct.
type xmlField struct {
	name string
	t    reflect.Type
}

// xmlFields returns the child elements of struct t as encoding/xml maps
// them, in order: embedded structs' fields in place, XMLName and "-"
// left out.
func xmlFields(t reflect.Type) ([]xmlField, error) {
	if t.Kind() != reflect.Struct {
		return nil, fmt.Errorf("a complex type wants a struct, the Go mapping has %s", t)
	}
	var out []xmlField
	for i := range t.NumField() {
		f := t.Field(i)
		tag, opts, _ := strings.Cut(f.Tag.Get("xml"), ",")
		switch {
		case !f.IsExported() || f.Name == "XMLName" || tag == "-":
			continue
		case f.Anonymous && tag == "":
			inner, err := xmlFields(f.Type)
			if err != nil {
				return nil, err
			}
			out = append(out, inner...)
			continue
		case opts != "" && opts != "omitempty" || strings.ContainsAny(tag, "> "):
			return nil, fmt.Errorf("field %s: tag %q is not one Check reads", f.Name, f.Tag.Get("xml"))
		case tag == "":
			tag = f.Name
		}
		out = append(out, xmlField{tag, f.Type})
	}
	return out, nil
}
