package italian_test

import (
	"testing"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/italian"
)

func TestAgree(t *testing.T) {
	f, m, u := data.GenderFemminile, data.GenderMaschile, data.GenderUnknown
	tests := []struct {
		name string
		got  string
		want string
	}{
		{"Delegate(f)", italian.Delegate(f), "delegata"},
		{"Delegate(m)", italian.Delegate(m), "delegato"},
		{"Delegate(unknown)", italian.Delegate(u), "delegato"},
		{"Excused(f)", italian.Excused(f), "assente giustificata"},
		{"Excused(unknown)", italian.Excused(u), "assente giustificato"},
		{"President(f)", italian.President(f), "la Presidente"},
		{"President(unknown)", italian.President(u), "il Presidente"},
		{"Secretary(f)", italian.Secretary(f), "segretaria verbalizzante"},
		{"Secretary(m)", italian.Secretary(m), "segretario verbalizzante"},
		{"Article(f)", italian.Article(f), "la"},
		{"Article(unknown)", italian.Article(u), "il"},
		{"MayorTitle(Sindaca, unknown)", italian.MayorTitle("Sindaca", u), "Sindaca"},
		{"MayorTitle(Sindaco, m)", italian.MayorTitle("Sindaco", m), "Sindaco"},
		{"Mayor(Sindaca, unknown)", italian.Mayor("Sindaca", u), "la Sindaca"},
		{"Mayor(Sindaco, unknown)", italian.Mayor("Sindaco", u), "il Sindaco"},
		{"Mayor(sindaco, f)", italian.Mayor("sindaco", f), "la Sindaca"},
		{"Mayor('', m)", italian.Mayor("", m), "il Sindaco"},
		{"MayorOf(Bellucci)", italian.MayorOf(data.Naming{Name: "Federica", Surname: "Bellucci", Title: "Sindaca"}, "Magione"),
			"la Sindaca del Comune di Magione, Federica Bellucci"},
		{"MayorOf(Rossi)", italian.MayorOf(data.Naming{Name: "Mario", Surname: "Rossi", Gender: m, Title: "Sindaco"}, "Paciano"),
			"il Sindaco del Comune di Paciano, Mario Rossi"},
		{"MayorOf(no comune)", italian.MayorOf(data.Naming{Name: "Mario", Surname: "Rossi", Title: "Sindaco"}, ""),
			"il Sindaco Mario Rossi"},
		{"Contract(da, la Sindaca)", italian.Contract("da", "la Sindaca"), "dalla Sindaca"},
		{"Contract(da, il Sindaco)", italian.Contract("da", "il Sindaco"), "dal Sindaco"},
		{"Contract(di, il Comune)", italian.Contract("di", "il Comune"), "del Comune"},
		{"Contract(di, l'Assessora)", italian.Contract("di", "l'Assessora"), "dell'Assessora"},
		{"Contract(in, la sede)", italian.Contract("in", "la sede"), "nella sede"},
		{"Contract(da, Mario Rossi)", italian.Contract("da", "Mario Rossi"), "da Mario Rossi"},
		{"Capital(la Presidente)", italian.Capital("la Presidente"), "La Presidente"},
		{"Capital('')", italian.Capital(""), ""},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s = %q, want %q", tt.name, tt.got, tt.want)
		}
	}
}

func TestIsMayor(t *testing.T) {
	for title, want := range map[string]bool{"Sindaco": true, "SINDACA": true, "sindaco pro tempore": true,
		"Vicesindaco": false, "Assessora alle politiche sociali": false, "": false, "Dott.ssa": false} {
		if got := italian.IsMayor(title); got != want {
			t.Errorf("IsMayor(%q) = %v, want %v", title, got, want)
		}
	}
}
