package soap

import (
	"encoding/xml"
	"io"
	"net/http"
	"strings"
	"testing"
)

// testFault is a SOAP 1.1 fault as an independent reader sees it.
type testFault struct {
	Code   string `xml:"faultcode"`
	String string `xml:"faultstring"`
	Kind   string `xml:"detail>ErrorKind"`
}

type testEnvelope struct {
	XMLName xml.Name `xml:"http://schemas.xmlsoap.org/soap/envelope/ Envelope"`
	Body    struct {
		Fault *testFault `xml:"http://schemas.xmlsoap.org/soap/envelope/ Fault"`
		Inner []byte     `xml:",innerxml"`
	} `xml:"http://schemas.xmlsoap.org/soap/envelope/ Body"`
}

// rawCall is one hand-made HTTP request to the server.
type rawCall struct {
	method, path, contentType, action string
	body                              io.Reader
	contentLength                     int64 // -1 sends the body chunked
}

func envelope(inner string) string {
	return `<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
		`<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:o="urn:intbench:orders:v1"><soap:Body>` +
		inner + `</soap:Body></soap:Envelope>`
}

const goodGetCustomer = `<o:GetCustomerRequest><o:id>1</o:id></o:GetCustomerRequest>`

func post(action, body string) rawCall {
	return rawCall{method: http.MethodPost, path: Path, contentType: ContentType, action: action,
		body: strings.NewReader(body), contentLength: int64(len(body))}
}

// do sends c and returns the status, the body and the response headers.
func (c rawCall) do(t *testing.T, hc *http.Client, addr string) (int, []byte, http.Header) {
	t.Helper()
	body := c.body
	if body == nil {
		body = http.NoBody
	}
	req, err := http.NewRequestWithContext(testCtx(t), c.method, "http://"+addr+c.path, body)
	if err != nil {
		t.Fatal(err)
	}
	req.ContentLength = c.contentLength
	if c.contentType != "" {
		req.Header.Set("Content-Type", c.contentType)
	}
	if c.action != "" {
		req.Header.Set("SOAPAction", c.action)
	}
	res, err := hc.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", c.method, c.path, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatalf("read response: %v", err)
	}
	return res.StatusCode, b, res.Header
}

func parseEnvelope(t *testing.T, b []byte) testEnvelope {
	t.Helper()
	var env testEnvelope
	if err := xml.Unmarshal(b, &env); err != nil {
		t.Fatalf("response is not a SOAP envelope: %v\n%s", err, b)
	}
	return env
}
