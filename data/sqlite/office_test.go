package sqlite

import (
	"sort"
	"strings"
	"testing"

	"github.com/tavoli/tavoli/data"
)

// searchFixture is the office fixture with a handful of proposals to search and filter.
type searchFixture struct {
	*office
	navetta, diurno, frazioni, lavoro, deleted data.Proposal
}

func newSearch(t *testing.T) *searchFixture {
	t.Helper()
	f := &searchFixture{office: newOffice(t)}
	f.navetta = f.save(t, data.Proposal{SessionID: f.march.ID, Title: "Navetta per l'ospedale di Città della Pieve",
		Text: "Trasporto sociale due volte a settimana verso gli ambulatori.", TargetGroup: "Anziani soli",
		Kind: data.KindIpotesi, ComuneIDs: []string{f.pieve.ID}, Cost: data.Cost5to25k, Duration: data.Time6to12})
	f.diurno = f.save(t, data.Proposal{Title: "Centro diurno Alzheimer", Text: "Apertura pomeridiana e il sabato.",
		Kind: data.KindIpotesi, ProposerID: f.bianchi.ID, OrganisationID: f.girasole.ID,
		ComuneIDs: []string{f.magione.ID, f.castiglione.ID}, Cost: data.CostOver25k})
	f.frazioni = f.save(t, data.Proposal{Title: "Isolamento nelle frazioni", Text: "Chi vive solo in frazione non ha trasporti.",
		Kind: data.KindCriticita, ProposerID: f.dangelo.ID})
	f.lavoro = f.save(t, data.Proposal{Title: "Inserimento lavorativo", Text: "Tirocini nelle aziende della città.",
		Kind: data.KindStrategia, AreaID: f.disabilita.ID, ComuneIDs: []string{f.pieve.ID}, Cost: data.Cost5to25k})
	f.deleted = f.save(t, data.Proposal{Title: "Navetta notturna", Kind: data.KindIpotesi})
	_, err := f.s.Delete(f.ctx, data.Ref{Kind: data.KindProposal, ID: f.deleted.ID})
	must(t, "Delete(proposal)", err)
	return f
}

// titles lists what a search found, sorted, for comparing.
func (f *searchFixture) titles(t *testing.T, filter data.ProposalFilter) []string {
	t.Helper()
	list, err := f.s.Proposals(f.ctx, filter)
	must(t, "Proposals("+filter.Query+")", err)
	out := []string{}
	for _, p := range list {
		out = append(out, p.Title)
	}
	sort.Strings(out)
	return out
}

func sorted(titles ...string) []string {
	out := append([]string{}, titles...)
	sort.Strings(out)
	return out
}

func TestProposalSearch(t *testing.T) {
	f := newSearch(t)
	nav, diu, fra, lav := f.navetta.Title, f.diurno.Title, f.frazioni.Title, f.lavoro.Title
	for _, tt := range []struct {
		query string
		want  []string
	}{
		{"", []string{nav, diu, fra, lav}},
		{"citta", []string{nav, lav}},         // accents ignored in the text
		{"CITTÀ", []string{nav, lav}},         // and case, in the query too
		{"Città della Pieve", []string{nav}},  // several words, all required
		{"navetta ambulatori", []string{nav}}, // across title and text
		{"navetta alzheimer", []string{}},     // every word must appear
		{"nav", []string{nav}},                // a prefix, as the user types; the deleted one is not found
		{"tras", []string{nav, fra}},          // trasporto, trasporti
		{"anziani soli", []string{nav}},       // the target group
		{"rossi", []string{nav, lav}},         // the proposer (Rossi by default)
		{"girasole", []string{diu}},           // the organisation
		{"usl umbria", []string{nav, lav}},    // the organisation, two words
		{"d'angelo", []string{fra}},           // an apostrophe
		{"notturna", []string{}},              // only in a deleted proposal
		{`"navetta"`, []string{nav}},          // quotes typed by the user
		{`navetta*`, []string{nav}},           // an asterisk
		{`(navetta)`, []string{nav}},          // parentheses
		{`navetta NEAR ospedale`, []string{}}, // NEAR is a word like any other, in no proposal
		{`navetta OR alzheimer`, []string{}},  // so is OR: nothing has all three
		{`NEAR(navetta ospedale)`, []string{}},
		{`diurno -sabato`, []string{diu}}, // a minus excludes nothing: sabato is a word
		{`title:navetta`, []string{}},
		{`"`, []string{nav, diu, fra, lav}}, // nothing searchable: no filter
		{`*`, []string{nav, diu, fra, lav}},
		{`- + ^ : ( ) {}`, nil},
		{`""navetta""`, []string{nav}},
		{`AND`, nil},
		{`navetta'`, []string{nav}},
	} {
		t.Run(tt.query, func(t *testing.T) {
			list, err := f.s.Proposals(f.ctx, data.ProposalFilter{Query: tt.query})
			if err != nil {
				t.Fatalf("Proposals(Query %q) = %v, want no error whatever the user types", tt.query, err)
			}
			if tt.want == nil {
				return
			}
			got := []string{}
			for _, p := range list {
				got = append(got, p.Title)
			}
			sort.Strings(got)
			if strings.Join(got, "|") != strings.Join(sorted(tt.want...), "|") {
				t.Errorf("Proposals(Query %q) = %q, want %q", tt.query, got, sorted(tt.want...))
			}
		})
	}
}

func TestProposalSearchFollowsRenames(t *testing.T) {
	f := newSearch(t)
	rossi := f.rossi
	rossi.Surname = "Rossetti"
	_, err := f.s.SavePerson(f.ctx, rossi)
	must(t, "SavePerson(rename)", err)
	if got := f.titles(t, data.ProposalFilter{Query: "rossetti"}); len(got) != 2 {
		t.Errorf("search by the proposer's new name = %q, want Rossi's two proposals", got)
	}
	if got := f.titles(t, data.ProposalFilter{Query: "rossi"}); len(got) != 0 {
		t.Errorf("search by the proposer's old name = %q, want nothing", got)
	}
	girasole := f.girasole
	girasole.Name = "Cooperativa sociale Il Melograno"
	_, err = f.s.SaveOrganisation(f.ctx, girasole)
	must(t, "SaveOrganisation(rename)", err)
	if got := f.titles(t, data.ProposalFilter{Query: "melograno"}); len(got) != 1 || got[0] != f.diurno.Title {
		t.Errorf("search by the organisation's new name = %q, want %q", got, f.diurno.Title)
	}
	// Edits of the proposal itself are found at once, and what it said before is not.
	p := f.get(t, f.frazioni.ID).Proposal
	p.Title = "Solitudine nei borghi"
	_, err = f.s.SaveProposal(f.ctx, p)
	must(t, "SaveProposal(edit)", err)
	if got := f.titles(t, data.ProposalFilter{Query: "borghi"}); len(got) != 1 {
		t.Errorf("search by the new title = %q, want the edited proposal", got)
	}
	if got := f.titles(t, data.ProposalFilter{Query: "isolamento"}); len(got) != 0 {
		t.Errorf("search by the old title = %q, want nothing", got)
	}
	// Restored, the deleted proposal is found again.
	must(t, "Restore", f.s.Restore(f.ctx, []data.Ref{{Kind: data.KindProposal, ID: f.deleted.ID}}))
	if got := f.titles(t, data.ProposalFilter{Query: "notturna"}); len(got) != 1 {
		t.Errorf("search after restoring = %q, want the restored proposal", got)
	}
}

func TestProposalFilters(t *testing.T) {
	f := newSearch(t)
	f.moves(t, f.diurno.ID, data.StateInValutazione)
	nav, diu, fra, lav := f.navetta.Title, f.diurno.Title, f.frazioni.Title, f.lavoro.Title
	anziani, ipotesi := f.anziani.ID, data.KindIpotesi
	for _, tt := range []struct {
		name   string
		filter data.ProposalFilter
		want   []string
	}{
		{"area", data.ProposalFilter{AreaID: anziani}, []string{nav, diu, fra}},
		{"kind", data.ProposalFilter{Kind: ipotesi}, []string{nav, diu}},
		{"state", data.ProposalFilter{State: data.StateProposta}, []string{nav, fra, lav}},
		{"comune", data.ProposalFilter{ComuneID: f.pieve.ID}, []string{nav, lav}},
		{"second comune of a list", data.ProposalFilter{ComuneID: f.castiglione.ID}, []string{diu}},
		{"cost", data.ProposalFilter{Cost: data.Cost5to25k}, []string{nav, lav}},
		{"body", data.ProposalFilter{BodyID: f.tavolo.ID}, []string{nav}},
		{"session", data.ProposalFilter{SessionID: f.march.ID}, []string{nav}},
		{"area and kind", data.ProposalFilter{AreaID: anziani, Kind: ipotesi}, []string{nav, diu}},
		{"area, kind and state", data.ProposalFilter{AreaID: anziani, Kind: ipotesi, State: data.StateInValutazione}, []string{diu}},
		{"area, kind, state, comune, cost, body", data.ProposalFilter{AreaID: anziani, Kind: ipotesi, State: data.StateProposta,
			ComuneID: f.pieve.ID, Cost: data.Cost5to25k, BodyID: f.tavolo.ID}, []string{nav}},
		{"comune and cost that do not meet", data.ProposalFilter{ComuneID: f.magione.ID, Cost: data.Cost5to25k}, []string{}},
		{"comune of another area", data.ProposalFilter{AreaID: anziani, ComuneID: f.pieve.ID, Kind: data.KindStrategia}, []string{}},
		{"filters and a search", data.ProposalFilter{ComuneID: f.pieve.ID, Query: "citta"}, []string{nav, lav}},
		{"filters and a search that do not meet", data.ProposalFilter{AreaID: f.disabilita.ID, Query: "navetta"}, []string{}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := f.titles(t, tt.filter); strings.Join(got, "|") != strings.Join(sorted(tt.want...), "|") {
				t.Errorf("Proposals(%+v) = %q, want %q", tt.filter, got, sorted(tt.want...))
			}
		})
	}

	// The names the list shows come with the proposal.
	list, err := f.s.Proposals(f.ctx, data.ProposalFilter{SessionID: f.march.ID})
	must(t, "Proposals(session)", err)
	if len(list) != 1 {
		t.Fatalf("Proposals(session) = %d, want 1", len(list))
	}
	v := list[0]
	if v.AreaName != "Anziani" || v.ProposerName != "Rossi Maria Grazia" || v.OrganisationName != f.usl.Name ||
		v.BodyName != f.tavolo.Name || !v.SessionDate.Equal(f.march.Date) || len(v.ComuneNames) != 1 || v.ComuneNames[0] != "Città della Pieve" {
		t.Errorf("Proposals view = area %q, proposer %q, organisation %q, body %q, date %v, comuni %q", v.AreaName,
			v.ProposerName, v.OrganisationName, v.BodyName, v.SessionDate, v.ComuneNames)
	}
}

func TestProposalSorts(t *testing.T) {
	f := newSearch(t)
	must(t, "SetPriorities", f.s.SetPriorities(f.ctx, []string{f.frazioni.ID, f.navetta.ID}, ""))
	order := func(by data.ProposalSort) []string {
		list, err := f.s.Proposals(f.ctx, data.ProposalFilter{Sort: by})
		must(t, "Proposals", err)
		out := []string{}
		for _, p := range list {
			out = append(out, p.Title)
		}
		return out
	}
	nav, diu, fra, lav := f.navetta.Title, f.diurno.Title, f.frazioni.Title, f.lavoro.Title
	for _, tt := range []struct {
		by   data.ProposalSort
		want []string
	}{
		{data.SortTitle, []string{diu, lav, fra, nav}},
		{data.SortArea, []string{diu, fra, nav, lav}}, // Anziani before Disabilità, then by title
		{data.SortPriority, []string{fra, nav}},       // the list first, in its order
	} {
		got := order(tt.by)
		if strings.Join(got[:len(tt.want)], "|") != strings.Join(tt.want, "|") {
			t.Errorf("Proposals(Sort %q) = %q, want %q first", tt.by, got, tt.want)
		}
	}
}
