package rest

import (
	"net/http"

	"github.com/intbench/intbench/service"
)

// statusOf returns the HTTP status that carries an error of kind k.
func statusOf(k service.Kind) int {
	switch k {
	case service.KindOK:
		return http.StatusOK
	case service.KindNotFound:
		return http.StatusNotFound
	case service.KindInvalidArgument:
		return http.StatusBadRequest
	case service.KindConflict:
		return http.StatusConflict
	case service.KindUnavailable:
		return http.StatusServiceUnavailable
	case service.KindDeadlineExceeded:
		return http.StatusGatewayTimeout
	default:
		return http.StatusInternalServerError
	}
}

// kindOfStatus classifies an error response whose body is not ours (a
// proxy's error page, say) by its status alone.
func kindOfStatus(status int) service.Kind {
	switch status {
	case http.StatusBadRequest, http.StatusMethodNotAllowed, http.StatusLengthRequired,
		http.StatusRequestEntityTooLarge, http.StatusRequestURITooLong, http.StatusUnsupportedMediaType,
		http.StatusUnprocessableEntity, http.StatusRequestHeaderFieldsTooLarge:
		return service.KindInvalidArgument
	case http.StatusNotFound, http.StatusGone:
		return service.KindNotFound
	case http.StatusConflict:
		return service.KindConflict
	case http.StatusTooManyRequests, http.StatusBadGateway, http.StatusServiceUnavailable:
		return service.KindUnavailable
	case http.StatusRequestTimeout, http.StatusGatewayTimeout:
		return service.KindDeadlineExceeded
	default:
		return service.KindInternal
	}
}
