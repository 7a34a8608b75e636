package refactorstorage

import (
	"testing"

	"github.com/intbench/intbench/evolution"
	"github.com/intbench/intbench/evolution/evolutiontest"
	"github.com/intbench/intbench/evolution/soapkit"
	"github.com/intbench/intbench/results"
)

// Behind an unchanged contract the storage change is invisible to both
// clients, once the provider's v2 store reads the notes from their new
// table. Without it (the v1 store over the migrated database) both
// directions read every note empty: silent (measured before the store
// was written).
func TestSOAP(t *testing.T) {
	if c, err := evolution.Lookup(Name); err != nil || c.Store == nil {
		t.Skipf("the provider's v2 store is not registered (err %v): the REST/shareddb side writes it", err)
	}
	evolutiontest.Pin(t, Name, "soap", evolutiontest.Want{OldClient: map[string]string{"": results.Compatible, soapkit.WSDLFlavour: results.Compatible}, NewClient: results.Compatible})
}
