package fuzzx

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
)

// HTTPRequest parses a request built from fuzzed parts: its method and
// target, header fields ("Name: value" lines, added only when not empty)
// and a body with its Content-Length, all in HTTP/1.1's syntax. A part
// may hold CRLFs and make fields of its own. It fails where net/http's
// parser does: such input never reaches a handler.
func HTTPRequest(method, target string, fields []string, body []byte) (*http.Request, error) {
	var head strings.Builder
	fmt.Fprintf(&head, "%s %s HTTP/1.1\r\nHost: intbench\r\n", method, target)
	for _, f := range fields {
		if f != "" {
			head.WriteString(f + "\r\n")
		}
	}
	fmt.Fprintf(&head, "Content-Length: %d\r\n\r\n", len(body))
	return http.ReadRequest(bufio.NewReader(io.MultiReader(strings.NewReader(head.String()), bytes.NewReader(body))))
}

// HTTPResponse is the bytes of a response with status, a Content-Type
// (when not empty) and body, with its Content-Length.
func HTTPResponse(status int, contentType string, body []byte) []byte {
	b := fmt.Appendf(nil, "HTTP/1.1 %d %s\r\n", status, http.StatusText(status))
	if contentType != "" {
		b = fmt.Appendf(b, "Content-Type: %s\r\n", contentType)
	}
	b = fmt.Appendf(b, "Content-Length: %d\r\n\r\n", len(body))
	return append(b, body...)
}

// Status maps a fuzzed number to a status code net/http reads: n itself
// in 100..999, else 100 + n mod 900.
func Status(n uint16) int {
	if n >= 100 && n <= 999 {
		return int(n)
	}
	return 100 + int(n)%900
}

// ParseRequest parses recorded request bytes: the request and its body.
func ParseRequest(b []byte) (*http.Request, []byte, error) {
	req, err := http.ReadRequest(bufio.NewReader(bytes.NewReader(b)))
	if err != nil {
		return nil, nil, err
	}
	body, err := io.ReadAll(req.Body)
	return req, body, err
}

// ParseResponse parses recorded response bytes: the response and its
// body.
func ParseResponse(b []byte) (*http.Response, []byte, error) {
	res, err := http.ReadResponse(bufio.NewReader(bytes.NewReader(b)), nil)
	if err != nil {
		return nil, nil, err
	}
	body, err := io.ReadAll(res.Body)
	return res, body, err
}

// RealResponses are an HTTP client target's seeds (op, status, body) from
// the responses of recorded traffic.
func RealResponses(t testing.TB, traffic []Exchange) []Seed {
	status := map[string]uint16{}
	body := func(x Exchange) []byte {
		res, b, err := ParseResponse(x.Response)
		if err != nil {
			t.Fatalf("%s: %v", x.Name, err)
		}
		status[x.Name] = uint16(res.StatusCode)
		return b
	}
	return Real(traffic, body, func(x Exchange, b []byte) []any { return []any{x.Op, status[x.Name], b} })
}

// HostileResponse is an HTTP client target's hostile seed.
func HostileResponse(name string, op byte, status uint16, body string) Seed {
	return Hostile(name, op, status, []byte(body))
}
