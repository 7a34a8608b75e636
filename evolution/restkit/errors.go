package restkit

import (
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/intbench/intbench/service"
)

// errorDoc is v1's error body: {"error":{"kind":..,"message":..}}.
type errorDoc struct {
	Error struct {
		Kind    string `json:"kind"`
		Message string `json:"message"`
	} `json:"error"`
}

// statuses are v1's statuses of the error kinds (transports/rest).
var statuses = map[service.Kind]int{
	service.KindNotFound:         http.StatusNotFound,
	service.KindInvalidArgument:  http.StatusBadRequest,
	service.KindConflict:         http.StatusConflict,
	service.KindUnavailable:      http.StatusServiceUnavailable,
	service.KindDeadlineExceeded: http.StatusGatewayTimeout,
	service.KindInternal:         http.StatusInternalServerError,
}

// writeError answers err in v1's error format, with status or, if 0, the
// status of err's kind.
func writeError(w http.ResponseWriter, status int, err error) {
	k := service.KindOf(err)
	if status == 0 {
		status = statuses[k]
	}
	var doc errorDoc
	doc.Error.Kind, doc.Error.Message = k.String(), service.MessageOf(err)
	b, _ := json.Marshal(&doc) // two strings: cannot fail
	w.Header().Set("Content-Type", contentType)
	w.WriteHeader(status)
	_, _ = w.Write(append(b, '\n'))
}

// errorFrom rebuilds the service error of an error response, as v1's
// client does, or classes a body that is not an error document by its
// status.
func errorFrom(status int, body []byte) error {
	var doc errorDoc
	if err := json.Unmarshal(body, &doc); err == nil {
		if k, ok := service.ParseKind(doc.Error.Kind); ok && k != service.KindOK {
			return service.Errorf(k, "%s", doc.Error.Message)
		}
	}
	k := service.KindInternal
	for kind, s := range statuses {
		if s == status {
			k = kind
		}
	}
	return fmt.Errorf("restkit: HTTP status %d without an error document: %w", status, k.Sentinel())
}
