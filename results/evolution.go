package results

// Outcomes of a pattern under a contract change, from its client's side.
const (
	// Compatible: every call succeeded and every field the client knows
	// is as it is when nothing changed.
	Compatible = "compatible"
	// Silent: calls succeeded but data was lost, defaulted or wrong.
	Silent = "silent"
	// Loud: affected calls failed with a clear error.
	Loud = "loud"
	// NotApplicable: the change cannot be expressed in the pattern.
	NotApplicable = "n/a"
)

// Directions of an evolution cell.
const (
	// OldClientNewServer: a v1 client against a v2 server.
	OldClientNewServer = "v1-client/v2-server"
	// NewClientOldServer: a v2 client against a v1 server.
	NewClientOldServer = "v2-client/v1-server"
)

// Evolution is a compatibility matrix: for each pattern (and client
// flavour), contract change and direction, what the client saw.
type Evolution struct {
	// Changes describes the changes, in the matrix's order.
	Changes []ChangeInfo `json:"changes"`
	// Cells are in pattern, change, direction order.
	Cells []EvolutionCell `json:"cells"`
}

// ChangeInfo names and describes one contract change.
type ChangeInfo struct {
	Name    string `json:"name"`
	Summary string `json:"summary"`
}

// EvolutionCell is one pattern × change × direction.
type EvolutionCell struct {
	Pattern string `json:"pattern"`
	// Client names the client flavour when a pattern has several (REST:
	// "template" builds URLs, "links" follows _links).
	Client    string `json:"client,omitempty"`
	Change    string `json:"change"`
	Direction string `json:"direction"`
	Outcome   string `json:"outcome"`
	// Detail is one line: what broke and what the client saw, or why the
	// change does not apply.
	Detail string `json:"detail,omitempty"`
	// Fields names the fields that were lost, defaulted or wrong (silent),
	// and Errors the errors the calls got (loud).
	Fields []string `json:"fields,omitempty"`
	Errors []string `json:"errors,omitempty"`
}

// Row names the cell's row: the pattern, and its client flavour if any.
func (c EvolutionCell) Row() string {
	if c.Client == "" {
		return c.Pattern
	}
	return c.Pattern + " (" + c.Client + ")"
}
