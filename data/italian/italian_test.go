package italian_test

import (
	"testing"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/italian"
)

// TestLabels checks that every value the data package knows has its Italian word, in the order the
// data package lists them.
func TestLabels(t *testing.T) {
	kinds := []string{"Punto di forza", "Criticità", "Strategia", "Ipotesi progettuale"}
	for i, k := range data.ProposalKinds {
		if got := italian.Kind(k); got != kinds[i] {
			t.Errorf("Kind(%q) = %q, want %q", k, got, kinds[i])
		}
	}
	states := []string{"proposta", "in valutazione", "prioritaria", "validata", "approvata", "in attuazione",
		"realizzata", "respinta", "accorpata"}
	if len(data.ProposalStates) != len(states) {
		t.Fatalf("data.ProposalStates has %d states, the labels %d", len(data.ProposalStates), len(states))
	}
	for i, s := range data.ProposalStates {
		if got := italian.State(s); got != states[i] {
			t.Errorf("State(%q) = %q, want %q", s, got, states[i])
		}
	}
	costs := map[data.CostBand]string{data.CostUnknown: "", data.CostUnder5k: "< € 5.000",
		data.Cost5to25k: "€ 5.000–25.000", data.CostOver25k: "> € 25.000", "altro": "altro"}
	for c, want := range costs {
		if got := italian.Cost(c); got != want {
			t.Errorf("Cost(%q) = %q, want %q", c, got, want)
		}
	}
	times := map[data.TimeBand]string{data.TimeUnknown: "", data.Time3to6: "3–6 mesi", data.Time6to12: "6–12 mesi",
		data.TimeOver12: "oltre 12 mesi", "24": "24"}
	for d, want := range times {
		if got := italian.Time(d); got != want {
			t.Errorf("Time(%q) = %q, want %q", d, got, want)
		}
	}
	if got := italian.Kind("nuovo"); got != "nuovo" {
		t.Errorf("Kind(%q) = %q, want it as stored", "nuovo", got)
	}
	if got := italian.Category("nuova"); got != "nuova" {
		t.Errorf("Category(%q) = %q, want it as stored", "nuova", got)
	}
	for _, c := range data.Categories {
		if italian.Category(c) == string(c) && c != data.CatASL {
			t.Errorf("Category(%q) has no label", c)
		}
	}
	if got := italian.Category(data.CatCooperativa); got != "Cooperativa sociale" {
		t.Errorf("Category(cooperativa) = %q", got)
	}
	if got := italian.State("sospesa"); got != "sospesa" {
		t.Errorf("State(%q) = %q, want it as stored", "sospesa", got)
	}
}
