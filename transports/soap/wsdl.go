package soap

import (
	"bytes"
	_ "embed"
	"encoding/xml"
	"errors"
	"net/http"
	"strconv"
	"strings"
)

// wsdlSource is the service description as stored, with the placeholder
// address http://localhost/soap that the server replaces by its own.
//
//go:embed wsdl/orders.wsdl
var wsdlSource string

// wsdlLocation is the placeholder attribute in WSDL.
const wsdlLocation = `location="http://localhost/soap"`

// wsdlDoc is the WSDL split around the address, so that serving it copies
// bytes and escapes only the Host.
type wsdlDoc struct {
	head, tail string
}

func newWSDLDoc() (*wsdlDoc, error) {
	head, tail, ok := strings.Cut(wsdlSource, wsdlLocation)
	if !ok {
		return nil, errors.New("soap: embedded WSDL has no " + wsdlLocation)
	}
	return &wsdlDoc{head: head, tail: tail}, nil
}

// serve writes the WSDL with soap:address pointing at the host the request
// was sent to.
func (d *wsdlDoc) serve(w http.ResponseWriter, r *http.Request) {
	var b bytes.Buffer
	b.Grow(len(d.head) + len(d.tail) + len(wsdlLocation) + len(r.Host))
	b.WriteString(d.head)
	b.WriteString(`location="http://`)
	_ = xml.EscapeText(&b, []byte(r.Host)) // bytes.Buffer writes do not fail
	b.WriteString(Path + `"`)
	b.WriteString(d.tail)
	hdr := w.Header()
	hdr["Content-Type"] = contentTypeValue
	hdr["Content-Length"] = []string{strconv.Itoa(b.Len())}
	if r.Method == http.MethodHead {
		return
	}
	_, _ = w.Write(b.Bytes()) // a failed write means the client is gone
}
