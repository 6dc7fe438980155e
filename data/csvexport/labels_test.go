package csvexport

import (
	"testing"

	"github.com/tavoli/tavoli/data"
)

// TestLabels checks that every value the data package knows has its Italian word, in the order the
// data package lists them.
func TestLabels(t *testing.T) {
	kinds := []string{"Punto di forza", "Criticità", "Strategia", "Ipotesi progettuale"}
	for i, k := range data.ProposalKinds {
		if got := kindLabel(k); got != kinds[i] {
			t.Errorf("kindLabel(%q) = %q, want %q", k, got, kinds[i])
		}
	}
	states := []string{"proposta", "in valutazione", "prioritaria", "validata", "approvata", "in attuazione",
		"realizzata", "respinta", "accorpata"}
	if len(data.ProposalStates) != len(states) {
		t.Fatalf("data.ProposalStates has %d states, the labels %d", len(data.ProposalStates), len(states))
	}
	for i, s := range data.ProposalStates {
		if got := stateLabel(s); got != states[i] {
			t.Errorf("stateLabel(%q) = %q, want %q", s, got, states[i])
		}
	}
	costs := map[data.CostBand]string{data.CostUnknown: "", data.CostUnder5k: "< € 5.000",
		data.Cost5to25k: "€ 5.000–25.000", data.CostOver25k: "> € 25.000", "altro": "altro"}
	for c, want := range costs {
		if got := costLabel(c); got != want {
			t.Errorf("costLabel(%q) = %q, want %q", c, got, want)
		}
	}
	times := map[data.TimeBand]string{data.TimeUnknown: "", data.Time3to6: "3–6 mesi", data.Time6to12: "6–12 mesi",
		data.TimeOver12: "oltre 12 mesi", "24": "24"}
	for d, want := range times {
		if got := timeLabel(d); got != want {
			t.Errorf("timeLabel(%q) = %q, want %q", d, got, want)
		}
	}
	if got := kindLabel("nuovo"); got != "nuovo" {
		t.Errorf("kindLabel(%q) = %q, want it as stored", "nuovo", got)
	}
	if got := stateLabel("sospesa"); got != "sospesa" {
		t.Errorf("stateLabel(%q) = %q, want it as stored", "sospesa", got)
	}
}
