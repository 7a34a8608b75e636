package soap

import (
	"bytes"
	"encoding/xml"

	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/transports"
)

// newDecoder returns a decoder of the envelope b that refuses elements
// nested deeper than transports.MaxDepth, counted from the root, in every
// path: encoding/xml limits only what it unmarshals (10,000 levels below
// the element it starts from), not what Token and Skip walk through.
// Go's decoder expands no entity but the five of XML and character
// references; DTDs are refused as directives (nextToken).
func newDecoder(b []byte) *xml.Decoder {
	return xml.NewTokenDecoder(&depthReader{d: xml.NewDecoder(bytes.NewReader(b))})
}

// depthReader passes on d's raw tokens (the outer decoder translates name
// spaces and checks that elements match) and counts their depth.
type depthReader struct {
	d     *xml.Decoder
	depth int
}

// Token returns the next raw token, or an InvalidArgument error one
// level past the limit.
func (r *depthReader) Token() (xml.Token, error) {
	tok, err := r.d.RawToken()
	switch tok.(type) {
	case xml.StartElement:
		if r.depth++; r.depth > transports.MaxDepth {
			return nil, service.Errorf(service.KindInvalidArgument, "soap: elements nest deeper than %d levels", transports.MaxDepth)
		}
	case xml.EndElement:
		r.depth--
	}
	return tok, err
}
