package scenarios

import (
	"context"
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/intbench/intbench/service"
)

// Worker turns a scenario into calls for one load-generating goroutine. It
// prepares everything it can once, so that a call costs the driver only the
// choice of a step, a random customer and, for writes, a request ID. A
// Worker is not safe for concurrent use.
type Worker struct {
	steps     []Step
	cum       []int
	total     int
	rnd       *rand.Rand
	customers int64
	heavy     int64
	items     []service.LineItem
	notes     []string
	ridPrefix []byte
	ridBuf    []byte
	seq       uint64
}

// NewWorker returns worker id of a run over a data set shaped by data.
// seed makes the sequence of calls repeatable; tag must differ between runs
// against the same server so request IDs stay unique.
func NewWorker(s Scenario, data service.SeedConfig, seed uint64, id int, tag string) *Worker {
	w := &Worker{
		steps:     s.Steps,
		rnd:       rand.New(rand.NewPCG(seed, uint64(id))),
		customers: int64(data.Customers),
		heavy:     int64(data.HeavyCustomers),
		items: []service.LineItem{
			{SKU: "SKU-00001", Quantity: 2, UnitPriceCents: 1250},
			{SKU: "SKU-00002", Quantity: 1, UnitPriceCents: 9900},
		},
		ridPrefix: []byte(tag + "-w" + strconv.Itoa(id) + "-"),
	}
	for _, st := range s.Steps {
		w.total += st.Weight
		w.cum = append(w.cum, w.total)
		w.notes = append(w.notes, note(st.NoteBytes))
	}
	w.ridBuf = make([]byte, 0, len(w.ridPrefix)+20)
	return w
}

// note returns an n-byte ASCII note.
func note(n int) string {
	const text = "please leave the parcel at the back door, ring twice. "
	return strings.Repeat(text, n/len(text)+1)[:n]
}

// Next picks the index of the next step by weight.
func (w *Worker) Next() int {
	if len(w.cum) == 1 {
		return 0
	}
	r := w.rnd.IntN(w.total)
	for i, c := range w.cum {
		if r < c {
			return i
		}
	}
	return len(w.cum) - 1
}

// Op returns the operation of step i.
func (w *Worker) Op(i int) Op { return w.steps[i].Op }

// Call performs step i against svc.
func (w *Worker) Call(ctx context.Context, svc service.Service, i int) error {
	st := &w.steps[i]
	switch st.Op {
	case GetCustomer:
		_, err := svc.GetCustomer(ctx, 1+w.rnd.Int64N(w.customers))
		return err
	case ListOrders:
		_, err := svc.ListOrders(ctx, service.ListOrdersRequest{CustomerID: w.listCustomer(), Limit: st.Limit})
		return err
	default:
		_, err := svc.PlaceOrder(ctx, service.PlaceOrderRequest{
			CustomerID: w.writeCustomer(), Items: w.items, Note: w.notes[i], RequestID: w.nextRequestID(),
		})
		return err
	}
}

// listCustomer picks a heavy customer, whose pages are always full.
func (w *Worker) listCustomer() int64 {
	if w.heavy == 0 {
		return 1 + w.rnd.Int64N(w.customers)
	}
	return 1 + w.rnd.Int64N(w.heavy)
}

// writeCustomer picks an ordinary customer, so writes never change the
// heavy customers' pages that list scenarios read.
func (w *Worker) writeCustomer() int64 {
	if w.customers <= w.heavy {
		return 1 + w.rnd.Int64N(w.customers)
	}
	return w.heavy + 1 + w.rnd.Int64N(w.customers-w.heavy)
}

func (w *Worker) nextRequestID() string {
	w.seq++
	w.ridBuf = strconv.AppendUint(append(w.ridBuf[:0], w.ridPrefix...), w.seq, 10)
	return string(w.ridBuf)
}

// PendingRequestID returns the request ID the worker's next PlaceOrder
// will carry, without using it: an engine that reconciles writes records
// it before the call, so it knows the ID even of a call that never
// returns. It allocates; the load's hot path does not call it.
func (w *Worker) PendingRequestID() string {
	return string(strconv.AppendUint(append([]byte(nil), w.ridPrefix...), w.seq+1, 10))
}

// RequestIDPrefix is the prefix every request ID of the worker starts
// with: the run's tag and the worker's number.
func (w *Worker) RequestIDPrefix() string { return string(w.ridPrefix) }
