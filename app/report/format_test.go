package report

import (
	"testing"

	"github.com/tavoli/tavoli/data"
)

func TestLabels(t *testing.T) {
	tests := []struct{ got, want string }{
		{StatusLabel(data.SessionInCorso), "In corso"},
		{StatusLabel(data.SessionApprovata), "Approvata"},
		{ofThe("Tavolo tematico Anziani"), "del Tavolo tematico Anziani"},
		{ofThe("Ufficio di Piano"), "dell'Ufficio di Piano"},
		{ofThe("Conferenza dei Sindaci"), "della Conferenza dei Sindaci"},
		{ofThe(""), "del "},
	}
	for i, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("case %d = %q, want %q", i, tt.got, tt.want)
		}
	}
	// Every known value has an Italian label, not its code.
	for _, s := range data.SessionStatuses {
		if StatusLabel(s) == string(s) {
			t.Errorf("StatusLabel(%q) has no label", s)
		}
	}
}
