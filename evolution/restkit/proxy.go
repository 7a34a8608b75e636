package restkit

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/http/httputil"
	"net/url"
	"strconv"

	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/transports"
	"github.com/intbench/intbench/transports/rest"
)

// contentType is the media type of every body.
const contentType = "application/json"

// proxy is a v2 server's handler: v2 requests in, v1 requests to the v1
// server, v2 responses out.
type proxy struct {
	a       Adapter
	rp      *httputil.ReverseProxy
	maxBody int64
}

type opKey struct{}

// requestKey holds a request's v2 body (an Object) for its Echo.
type requestKey struct{}

// transformError is a v1 response the adapter could not turn into v2.
type transformError struct{ err error }

func (e *transformError) Error() string { return e.err.Error() }
func (e *transformError) Unwrap() error { return e.err }

// newHandler returns the v2 server's handler in front of the v1 server at
// v1 (http://host:port), reached through tr.
func newHandler(a Adapter, v1 *url.URL, tr http.RoundTripper, maxBody int64) http.Handler {
	p := &proxy{a: a, maxBody: maxBody}
	p.rp = &httputil.ReverseProxy{
		Rewrite:        func(pr *httputil.ProxyRequest) { pr.SetURL(v1) },
		Transport:      tr,
		ModifyResponse: p.response,
		ErrorHandler:   p.failed,
	}
	mux := http.NewServeMux()
	for pattern, rt := range a.routes() {
		mux.HandleFunc(pattern, p.route(rt))
	}
	return mux
}

// route answers one route's requests.
func (p *proxy) route(rt Route) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if rt.Gone {
			rest.WriteError(w, http.StatusNotFound, service.Errorf(service.KindNotFound, "no resource at %.200q", r.URL.Path))
			return
		}
		out := r.WithContext(context.WithValue(r.Context(), opKey{}, rt.Op))
		if rt.To != nil {
			u, err := rt.To(r)
			if err != nil {
				rest.WriteError(w, 0, err)
				return
			}
			out.URL = u
		}
		t, echo := p.a.Requests[rt.Op], p.a.Echoes[rt.Op]
		if t != nil || echo != nil {
			v2, status, err := p.request(w, out, t)
			if err != nil {
				rest.WriteError(w, status, err)
				return
			}
			if echo != nil {
				out = out.WithContext(context.WithValue(out.Context(), requestKey{}, v2))
			}
		}
		p.rp.ServeHTTP(w, out)
	}
}

// request transforms out's body with t (if any) and returns it as the v2
// client sent it. A body that is not a JSON object goes through as it
// is, for the v1 server to refuse in its own words (v2 is then nil).
func (p *proxy) request(w http.ResponseWriter, out *http.Request, t Transform) (v2 Object, status int, err error) {
	b, err := io.ReadAll(http.MaxBytesReader(w, out.Body, p.maxBody))
	if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
		return nil, http.StatusRequestEntityTooLarge, service.Errorf(service.KindInvalidArgument, "request body exceeds the limit of %d bytes", p.maxBody)
	}
	if err != nil {
		return nil, 0, service.Errorf(service.KindUnavailable, "reading request body: %v", err)
	}
	if doc, err := decodeObject(b); err == nil && t != nil {
		v2 = maps.Clone(doc) // a transform replaces members, never their bytes
		if err := t(doc); err != nil {
			return nil, 0, err
		}
		if b, err = encode(doc); err != nil {
			return nil, 0, fmt.Errorf("restkit: encode request: %w: %w", service.ErrInternal, err)
		}
	} else if err == nil {
		v2 = doc
	}
	out.Body, out.ContentLength = io.NopCloser(bytes.NewReader(b)), int64(len(b))
	return v2, 0, nil
}

// response transforms a successful v1 response into v2.
func (p *proxy) response(res *http.Response) error {
	op, _ := res.Request.Context().Value(opKey{}).(Op)
	t, echo := p.a.Responses[op], p.a.Echoes[op]
	if (t == nil && echo == nil) || res.StatusCode/100 != 2 || res.Request.Method == http.MethodHead {
		return nil
	}
	b, err := io.ReadAll(io.LimitReader(res.Body, transports.DefaultMaxResponseBytes))
	_ = res.Body.Close()
	if err != nil {
		return err
	}
	doc, err := decodeObject(b)
	if err == nil && t != nil {
		err = t(doc)
	}
	if err == nil && echo != nil {
		v2, _ := res.Request.Context().Value(requestKey{}).(Object)
		err = echo(v2, doc)
	}
	if err == nil {
		b, err = encode(doc)
	}
	if err != nil {
		return &transformError{fmt.Errorf("restkit: v1 response to v2: %w", err)}
	}
	b = append(b, '\n')
	res.Body, res.ContentLength = io.NopCloser(bytes.NewReader(b)), int64(len(b))
	res.Header.Set("Content-Length", strconv.Itoa(len(b)))
	return nil
}

// failed answers in v1's format when the v1 server could not be reached
// (Unavailable) or its answer not transformed (its kind, else Internal).
func (p *proxy) failed(w http.ResponseWriter, _ *http.Request, err error) {
	if _, ok := errors.AsType[*transformError](err); !ok {
		err = fmt.Errorf("restkit: v1 server: %w: %w", service.ErrUnavailable, err)
	}
	rest.WriteError(w, 0, err)
}
