// Package newenumvalue is the new-enum-value change: orders may have a status v1 does not know: refunded (the third order of customer 1).
package newenumvalue

import (
	_ "embed"
	"strings"

	"github.com/intbench/intbench/evolution"
)

// migration is the provider's v2 schema change.
//
//go:embed migration.sql
var migration string

// Name is the change's name in the matrix.
const Name = "new-enum-value"

func init() {
	evolution.Register(evolution.Change{
		Name:      Name,
		Summary:   "orders may have a status v1 does not know: refunded (the third order of customer 1)",
		Migration: migration,
		Tolerate:  refundedIsV2Data,
	})
}

// refundedIsV2Data accepts that a v2 client reads, from a v1 server, the
// refunded order under the status the v1 provider knows it by: the v1
// provider never refunded it. What this change tests is whether v1 clients
// read a status they do not know, and whether v2 clients read v1's.
func refundedIsV2Data(field, v2, v1 string) bool {
	return strings.EqualFold(v2, evolution.RefundedStatus) || strings.HasSuffix(strings.ToUpper(v2), "REFUNDED")
}
