// Package all imports every contract change of the evolution matrix, so
// that importing it registers them all: the one list to extend when a
// change is added.
package all

import (
	_ "github.com/intbench/intbench/evolution/changes/addfield"
	_ "github.com/intbench/intbench/evolution/changes/addrequiredinput"
	_ "github.com/intbench/intbench/evolution/changes/moveresource"
	_ "github.com/intbench/intbench/evolution/changes/newenumvalue"
	_ "github.com/intbench/intbench/evolution/changes/refactorstorage"
	_ "github.com/intbench/intbench/evolution/changes/removefield"
	_ "github.com/intbench/intbench/evolution/changes/renamefield"
	_ "github.com/intbench/intbench/evolution/changes/renumberfield"
	_ "github.com/intbench/intbench/evolution/changes/widentype"
)
