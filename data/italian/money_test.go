package italian

import (
	"testing"
	"time"

	"github.com/tavoli/tavoli/data"
)

func TestEuro(t *testing.T) {
	for _, c := range []struct {
		cents int64
		want  string
	}{{0, "0,00"}, {5, "0,05"}, {125050, "1.250,50"}, {3800000, "38.000,00"}, {-120, "-1,20"}} {
		if got := Euro(c.cents); got != c.want {
			t.Errorf("Euro(%d) = %q, want %q", c.cents, got, c.want)
		}
	}
}

func TestParseEuro(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int64
		ok   bool
	}{{"", 0, true}, {"1.250,50", 125050, true}, {"1250,5", 125050, true}, {"38.000", 3800000, true},
		{"€ 12.000", 1200000, true}, {"1250.50", 125050, true}, {"12,345", 0, false}, {"abc", 0, false},
		{"-5", 0, false}, {"1.000.000", 100000000, true}} {
		got, err := ParseEuro(c.in)
		if (err == nil) != c.ok || got != c.want {
			t.Errorf("ParseEuro(%q) = %d, %v, want %d (ok %v)", c.in, got, err, c.want, c.ok)
		}
	}
}

func TestAttuazioneChanges(t *testing.T) {
	was := data.Implementation{Meta: data.Meta{ID: "x"}, Progress: 40,
		Budget: []data.Budget{{Source: data.FundFNPS, Planned: 3800000}}}
	is := was
	is.Progress, is.ResponsibleKind, is.ResponsibleID = 60, data.KindComune, "c"
	is.Budget = []data.Budget{{Source: data.FundFNPS, Planned: 3800000, Spent: 125050}}
	is.End = time.Date(2026, 12, 31, 0, 0, 0, 0, data.Zone)
	got := AttuazioneChanges(was, is, "", "Comune di Magione")
	want := []string{"Responsabile: Comune di Magione", "Fine prevista: 31/12/2026", "Avanzamento: 40% → 60%",
		"Budget FNPS speso: 0,00 € → 1.250,50 €"}
	if len(got) != len(want) {
		t.Fatalf("AttuazioneChanges = %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("AttuazioneChanges[%d] = %q, want %q", i, got[i], want[i])
		}
	}
	m := MilestoneChanges(data.Milestone{Meta: data.Meta{ID: "m"}, Title: "Avvio del servizio"},
		data.Milestone{Meta: data.Meta{ID: "m"}, Title: "Avvio del servizio", Done: true})
	if len(m) != 1 || m[0] != "Traguardo «Avvio del servizio» raggiunto" {
		t.Errorf("MilestoneChanges = %q", m)
	}
	if n := Number(7.5); n != "7,5" {
		t.Errorf("Number(7.5) = %q, want 7,5", n)
	}
}
